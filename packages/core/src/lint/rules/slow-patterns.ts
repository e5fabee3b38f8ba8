import { RegExpParser } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';
import type { LoadedDocument } from '../../catalog/catalog.js';
import { joinPointer } from '../../json/pointer.js';
import type { FindingCollector } from '../findings.js';

/** Every `pattern` keyword of a schema document, with its pointer. */
function patternsOf(value: unknown, pointer: string, found: { pattern: string; pointer: string }[] = []): { pattern: string; pointer: string }[] {
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

function describe(report: Report): string {
  const repeated = JSON.stringify(report.character.pick);
  if (report.type === 'Self') return `the quantifier ${quantifierOf(report)} is repeated by "${report.parentQuant.raw}", so a long run of ${repeated} can be split in ${report.exponential ? 'exponentially' : 'polynomially'} many ways`;
  return `the quantifiers ${quantifierOf(report)} can both match a run of ${repeated}, so a long run makes the matcher try ${report.exponential ? 'exponentially' : 'polynomially'} many splits`;
}

/**
 * Rule 6: a `pattern` that can backtrack catastrophically, found by scslre on the pattern as Ajv
 * compiles it (a `u` regular expression). Exponential backtracking is an error, polynomial a warning;
 * a pattern that does not parse is left to Ajv.
 */
export function lintSlowPatterns(loaded: LoadedDocument<unknown>, findings: FindingCollector): void {
  const parser = new RegExpParser({ ecmaVersion: 2024 });
  for (const { pattern, pointer } of patternsOf(loaded.document, '')) {
    let reports: Report[];
    try {
      const parsed = { pattern: parser.parsePattern(pattern, 0, pattern.length, { unicode: true }), flags: parser.parseFlags('u') };
      reports = analyse(parsed, { reportTypes: { Move: false } }).reports;
    } catch {
      continue;
    }
    const worst = reports.find((report) => report.exponential) ?? reports[0];
    if (!worst) continue;
    const fixed = worst.fix();
    findings.add(loaded.file, {
      code: 'LINT_SLOW_PATTERN',
      severity: worst.exponential ? 'error' : 'warning',
      pointer,
      message: `Pattern ${JSON.stringify(pattern)} can backtrack ${worst.exponential ? 'exponentially' : 'polynomially'}: ${describe(worst)}; a crafted input can keep the validator busy for seconds.`,
      hint: fixed ? `use the equivalent ${JSON.stringify(fixed.source)}` : 'make the repeated parts unambiguous (no quantifier inside a quantifier over the same characters), or bound them with {m,n}',
    });
  }
}
