import type { CaseResult } from '@smart-task/core/testing';
import type { CoverageGap, CoverageReport, Diagnostic } from '@smart-task/core/toolchain';

/** What a command that checks files (`validate`, `lint`) found, ready for any reporter. */
export interface DiagnosticsReport {
  /** The command name: `validate`, `lint`. */
  readonly command: string;
  /** False when the command fails (exit 1). */
  readonly ok: boolean;
  /** The closing line of the text output, e.g. `3 issues in 2 files` or `ok: 3 tasks, 10 files checked`. */
  readonly summary: string;
  /** Every file checked, with findings or not: JUnit lists each as a test case. */
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The cases of one task, in file order. */
export interface TaskCaseResults {
  readonly task: string;
  readonly results: readonly CaseResult[];
}

/** What `smart-task test` ran, ready for any reporter. */
export interface CasesReport {
  readonly command: string;
  /** False when the command fails (exit 1): a case failed, none ran, or coverage is below the minimum. */
  readonly ok: boolean;
  /** The last line of the text output: `N passed, N failed`. */
  readonly summary: string;
  /** Every task run, including those without cases. */
  readonly tasks: readonly TaskCaseResults[];
  /** Present with `--coverage` or `--min`. */
  readonly coverage?: CoverageReport;
  /** The `--min` percentage, when given. */
  readonly minimumCoverage?: number;
}

/** The text of a case's failures, as the text reporter prints them under the case. */
export function caseFailureText(result: CaseResult): string {
  return [`${result.task}/${result.caseId} — ${result.description}`, ...result.failures].join('\n');
}

/** A failed case as a diagnostic pointing at the case in its cases file (`/cases/<i>`). */
export function caseFailureDiagnostic(result: CaseResult): Diagnostic {
  return { code: 'CASE_FAILED', severity: 'error', file: result.file, pointer: result.pointer, message: caseFailureText(result) };
}

/** `never true`, `never passed nor failed`: what no case saw of a gap. */
export function gapOutcomeText(gap: CoverageGap): string {
  return `never ${gap.missing.join(' nor ')}`;
}

/** A coverage gap as an info diagnostic pointing at the condition, gate or check; the message ends with the case to add. */
export function coverageGapDiagnostic(gap: CoverageGap): Diagnostic {
  const outcomes = gap.missing.map((outcome) => (outcome === 'passed' ? 'passes' : outcome === 'failed' ? 'fails' : `is ${outcome}`));
  const fix = `Add a case of ${gap.task} in which it ${outcomes.join(' and one in which it ')}.`;
  return { code: 'NOT_COVERED', severity: 'info', file: gap.file, pointer: gap.pointer, message: `${gap.label}: ${gapOutcomeText(gap)} in the cases. ${fix}` };
}
