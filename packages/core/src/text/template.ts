import type { LocalizedText } from '@smart-task/schemas';
import { resolvePath } from '../json/path.js';

/**
 * Message templates: `{fact}` or `{fact.a.b}` placeholders, optionally with a formatter
 * (`{posizione.dataStato|date}`), filled from the values a check saw.
 */

/** A placeholder found in a template. */
export interface Placeholder {
  readonly fact: string;
  readonly path: string | undefined;
  readonly formatter: string | undefined;
  readonly raw: string;
}

/**
 * The placeholder name an operation description uses for the details the action port returned when it
 * performed the operation: `{outcome.protocollo}`. Not a fact: only operation descriptions may use it.
 */
export const OPERATION_OUTCOME = 'outcome';

/** The formatters a placeholder may name. */
export const TEMPLATE_FORMATTERS = ['date'] as const;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*)(?:\|([a-z]+))?\}/g;

/** A template cut once into its literal text and its placeholders, in order. */
interface ParsedTemplate {
  readonly placeholders: readonly Placeholder[];
  readonly parts: readonly (string | Placeholder)[];
}

const parsed = new Map<string, ParsedTemplate>();

function parse(template: string): ParsedTemplate {
  let known = parsed.get(template);
  if (known) return known;
  const placeholders: Placeholder[] = [];
  const parts: (string | Placeholder)[] = [];
  let from = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const placeholder: Placeholder = { fact: match[1] as string, path: match[2] ? `$${match[2]}` : undefined, formatter: match[3], raw: match[0] };
    if (match.index > from) parts.push(template.slice(from, match.index));
    parts.push(placeholder);
    placeholders.push(placeholder);
    from = match.index + match[0].length;
  }
  if (from < template.length) parts.push(template.slice(from));
  known = { placeholders, parts };
  parsed.set(template, known);
  return known;
}

/** Lists the placeholders of a template (parsed once per template text). */
export function placeholdersOf(template: string): readonly Placeholder[] {
  return parse(template).placeholders;
}

/** The facts a text quotes in either language, each once, worked out once per text (texts never change). */
const quotedByText = new WeakMap<LocalizedText, readonly string[]>();

/** The names of the facts the placeholders of a text quote, in Italian or English, each once. */
export function factsQuotedIn(text: LocalizedText): readonly string[] {
  let facts = quotedByText.get(text);
  if (facts === undefined) {
    facts = [...new Set([...placeholdersOf(text.it), ...placeholdersOf(text.en)].map((placeholder) => placeholder.fact))];
    quotedByText.set(text, facts);
  }
  return facts;
}

/** Formats an ISO date (`YYYY-MM-DD…`) as `DD/MM/YYYY`; other values unchanged. */
export function formatItalianDate(value: unknown): string {
  if (typeof value !== 'string') return displayValue(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

function displayValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Fills a template; `lookup(fact)` gives a fact's value. Unknown values show as `—`, arrays as a comma-separated list. */
export function renderTemplate(template: string, lookup: (fact: string) => unknown): string {
  let text = '';
  for (const part of parse(template).parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = resolvePath(lookup(part.fact), part.path);
    text += part.formatter === 'date' ? formatItalianDate(value) : displayValue(value);
  }
  return text;
}
