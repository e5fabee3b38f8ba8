import { RegExpParser } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';
import { invalidPattern, type PatternVerdict } from './patterns.js';

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
 * reported. In Node and the toolchain the loader refuses invalid and exponential patterns (through
 * `#pattern-check`'s default variant, `src/pattern-check.ts`); lint warns about polynomial ones.
 */
export function inspectPattern(pattern: string): PatternVerdict {
  const invalid = invalidPattern(pattern);
  if (invalid) return invalid;
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
