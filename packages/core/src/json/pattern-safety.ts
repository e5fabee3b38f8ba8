import { RegExpParser } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';
import { joinPointer } from './pointer.js';

/** A `pattern` keyword found in a schema document. */
export interface PatternAt {
  readonly pattern: string;
  readonly pointer: string;
}

/** What {@link inspectPattern} found out about a pattern. */
export type PatternVerdict =
  | { readonly kind: 'safe' }
  /** The pattern is no regular expression Ajv can build (`new RegExp(pattern, 'u')` throws). */
  | { readonly kind: 'invalid'; readonly reason: string }
  /** The pattern can backtrack super-linearly: `explanation` says why, `fix` is an equivalent safe pattern when scslre finds one. */
  | { readonly kind: 'slow'; readonly exponential: boolean; readonly explanation: string; readonly fix: string | undefined };

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

function quantifierOf(report: Report): string {
  return report.type === 'Trade' ? `"${report.startQuant.raw}" and "${report.endQuant.raw}"` : `"${report.quant.raw}"`;
}

function explain(report: Report): string {
  const repeated = JSON.stringify(report.character.pick);
  if (report.type === 'Self') return `the quantifier ${quantifierOf(report)} is repeated by "${report.parentQuant.raw}", so a long run of ${repeated} can be split in ${report.exponential ? 'exponentially' : 'polynomially'} many ways`;
  return `the quantifiers ${quantifierOf(report)} can both match a run of ${repeated}, so a long run makes the matcher try ${report.exponential ? 'exponentially' : 'polynomially'} many splits`;
}

const parser = new RegExpParser({ ecmaVersion: 2024 });

/**
 * Whether a JSON Schema `pattern` is a regular expression as Ajv compiles it (with the `u` flag), and
 * whether it can backtrack catastrophically, found by scslre on the pattern parsed by regexpp. Slowness
 * that comes only from retrying an unanchored pattern at every position ("move" reports) is not
 * reported. The loader refuses invalid and exponential patterns; lint warns about polynomial ones.
 */
export function inspectPattern(pattern: string): PatternVerdict {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return { kind: 'invalid', reason: error instanceof Error ? error.message : String(error) };
  }
  let reports: Report[];
  try {
    const parsed = { pattern: parser.parsePattern(pattern, 0, pattern.length, { unicode: true }), flags: parser.parseFlags('u') };
    reports = analyse(parsed, { reportTypes: { Move: false } }).reports;
  } catch {
    return { kind: 'safe' };
  }
  const worst = reports.find((report) => report.exponential) ?? reports[0];
  if (!worst) return { kind: 'safe' };
  return { kind: 'slow', exponential: worst.exponential, explanation: explain(worst), fix: worst.fix()?.source };
}
