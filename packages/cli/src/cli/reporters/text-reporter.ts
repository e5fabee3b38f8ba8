import { diagnosticLine } from '@smart-task/core/toolchain';
import { coverageLines } from './coverage-text.js';
import type { CasesReport, DiagnosticsReport } from './report.js';

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + text.split('\n').join(`\n${pad}`);
}

/** The text output of a command that checks files: one {@link diagnosticLine} per diagnostic, then the summary. */
export function textOfDiagnostics(report: DiagnosticsReport): string[] {
  return [...report.diagnostics.map(diagnosticLine), report.summary];
}

/**
 * The text output of `smart-task test`: per task its counts and each failed case (mismatches, what the
 * rules saw, `at file:/cases/<i>`), the coverage section when measured, and last `N passed, N failed`.
 */
export function textOfCases(report: CasesReport): string[] {
  const lines: string[] = [];
  for (const { task, results } of report.tasks) {
    const failed = results.filter((result) => !result.passed);
    lines.push(results.length === 0 ? `${task}: no cases` : `${task}: ${results.length - failed.length} passed, ${failed.length} failed`);
    for (const result of failed) {
      lines.push(`✘ ${result.task}/${result.caseId} — ${result.description}`);
      for (const failure of result.failures) lines.push(indent(failure, 4));
      lines.push(indent(`at ${result.file}:${result.pointer}`, 4));
    }
  }
  if (report.coverage) lines.push(...coverageLines(report.coverage));
  lines.push(report.summary);
  return lines;
}
