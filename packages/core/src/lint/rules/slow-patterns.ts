import type { LoadedDocument } from '../../catalog/catalog.js';
import { inspectPattern } from '../../json/pattern-safety.js';
import { patternsOf } from '../../json/patterns.js';
import type { FindingCollector } from '../findings.js';

/**
 * Rule 6: a `pattern` that can backtrack polynomially (see {@link inspectPattern}). Invalid and
 * exponential patterns never get here: the loader refuses them (`INVALID_PATTERN`, `SLOW_PATTERN`).
 */
export function lintSlowPatterns(loaded: LoadedDocument<unknown>, findings: FindingCollector): void {
  for (const { pattern, pointer } of patternsOf(loaded.document)) {
    const verdict = inspectPattern(pattern);
    if (verdict.kind !== 'slow' || verdict.exponential) continue;
    findings.add(loaded.file, {
      code: 'LINT_SLOW_PATTERN',
      severity: 'warning',
      pointer,
      message: `Pattern ${JSON.stringify(pattern)} can backtrack polynomially: ${verdict.explanation}; a long crafted input can keep the validator busy.`,
      hint: verdict.fix ? `use the equivalent ${JSON.stringify(verdict.fix)}` : 'make the repeated parts unambiguous (no two quantifiers over the same characters side by side), or bound them with {m,n}',
    });
  }
}
