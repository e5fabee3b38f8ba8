/**
 * Message texts are plain strings with `{name}` placeholders: data a host can keep in JSON files or a
 * translation tool, checked when the table is built (a placeholder the message does not give is refused).
 * Braces that do not enclose a name (`{ `, `{1}`) are kept as written.
 */

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The parameter names a text uses, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** A text compiled once: its literal pieces and the parameter between each pair. */
export type CompiledTemplate = (value: (name: string) => string) => string;

/** Compiles a text; filling it replaces each placeholder with `value(name)` in one pass (a value is never read as a template). */
export function compileTemplate(text: string): CompiledTemplate {
  const pieces = text.split(PLACEHOLDER);
  if (pieces.length === 1) return () => text;
  return (value) => {
    let filled = pieces[0] as string;
    for (let index = 1; index < pieces.length; index += 2) filled += value(pieces[index] as string) + (pieces[index + 1] as string);
    return filled;
  };
}
