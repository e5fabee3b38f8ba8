// Field messages for both renderers: the renderers' own checks worded by the composed form's
// `fieldMessages` (the library's words, in the form's language), and the engine's issues that no
// renderer can find (the `x-format` checks: PEC, codice fiscale, periodo, matricola).
import type { Locale, RequestIssue } from '../api';

/** Request issue codes that a renderer finds by itself from the JSON Schema (the rest are the engine's own). */
const RENDERER_CODES = new Set(['REQUIRED', 'TYPE', 'ENUM', 'ONE_OF', 'CONST', 'PATTERN', 'MIN_LENGTH', 'MAX_LENGTH', 'MINIMUM', 'MAXIMUM', 'EXCLUSIVE_MINIMUM', 'EXCLUSIVE_MAXIMUM', 'MIN_ITEMS', 'MAX_ITEMS', 'ADDITIONAL_PROPERTIES']);

/** The engine's issues that the renderer cannot report itself: show them at their field. */
export function engineOnlyIssues(issues: readonly RequestIssue[]): RequestIssue[] {
  return issues.filter((issue) => !RENDERER_CODES.has(issue.code) && !issue.code.startsWith('FORMAT_'));
}

/** Keywords whose failure another, more precise error on a field already explains. */
export const NOISE_KEYWORDS = new Set(['if', 'then', 'else', 'allOf', 'anyOf']);

const GENERIC = { it: 'Il valore di «{field}» non è valido: controllalo.', en: 'The value of «{field}» is not valid: check it.' };

/**
 * The message of a renderer's error on `field` for `keyword`, in the form's language: the composed
 * form's own message, else a plain generic one (never the validator's English).
 */
export function fieldMessage(fieldMessages: Record<string, Record<string, string>>, field: string, keyword: string, locale: Locale, title: string): string {
  return fieldMessages[field]?.[keyword] ?? GENERIC[locale].replace('{field}', title);
}

/** The title of a field of a composed schema (base or conditional), for generic messages. */
export function fieldTitle(schema: Record<string, unknown>, field: string): string {
  const base = (schema.properties as Record<string, { title?: string }> | undefined)?.[field];
  if (base?.title) return base.title;
  for (const block of (schema.allOf as { then: { properties: Record<string, { title?: string }> } }[] | undefined) ?? []) {
    const found = block.then.properties[field];
    if (found?.title) return found.title;
  }
  return field;
}
