import { joinPointer } from './pointer.js';

/** A `pattern` keyword found in a schema document. */
export interface PatternAt {
  readonly pattern: string;
  readonly pointer: string;
}

/** What a pattern check found out about a pattern. */
export type PatternVerdict =
  | { readonly kind: 'safe' }
  /** The pattern is a valid regular expression whose backtracking was not analysed (the browser build's catalog loader). */
  | { readonly kind: 'unanalysed' }
  /** The pattern is no regular expression Ajv can build (`new RegExp(pattern, 'u')` throws). */
  | { readonly kind: 'invalid'; readonly reason: string }
  /** The pattern can backtrack super-linearly: `explanation` says why, `fix` is an equivalent safe pattern when scslre finds one. */
  | { readonly kind: 'slow'; readonly exponential: boolean; readonly explanation: string; readonly fix: string | undefined };

/**
 * The catalog loader's check of one pattern, which `#pattern-check` supplies: in Node, validity and
 * exponential backtracking (`pattern-check.ts`); in a browser build, validity only (`pattern-check.browser.ts`).
 */
export type PatternCheck = (pattern: string) => PatternVerdict;

/** Every `pattern` keyword of a schema document, with its pointer. */
export function patternsOf(value: unknown, pointer = '', found: PatternAt[] = []): PatternAt[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => patternsOf(item, joinPointer(pointer, index), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && typeof child === 'string') found.push({ pattern: child, pointer: joinPointer(pointer, key) });
      else patternsOf(child, joinPointer(pointer, key), found);
    }
  }
  return found;
}

/** Why a JSON Schema `pattern` is no regular expression as Ajv compiles it (with the `u` flag), or `undefined` when it is one. */
export function invalidPattern(pattern: string): Extract<PatternVerdict, { kind: 'invalid' }> | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  }
}
