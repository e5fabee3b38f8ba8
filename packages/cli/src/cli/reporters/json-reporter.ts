import type { CaseResult } from '@smart-task/core/testing';
import type { Diagnostic } from '@smart-task/core/toolchain';
import type { CasesReport, DiagnosticsReport } from './report.js';
import type { SourcePositions } from './source-position.js';

/** Schema version of the JSON reports; raised on any incompatible change of their shape. */
export const JSON_REPORT_VERSION = 1;

function located(positions: SourcePositions, file: string, pointer: string): { line: number | null; column: number | null } {
  const position = positions(file, pointer);
  return { line: position?.line ?? null, column: position?.column ?? null };
}

function diagnosticJson(diagnostic: Diagnostic, positions: SourcePositions) {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    file: diagnostic.file,
    pointer: diagnostic.pointer,
    ...located(positions, diagnostic.file, diagnostic.pointer),
    message: diagnostic.message,
    hint: diagnostic.hint ?? null,
  };
}

/**
 * The JSON document of a command that checks files: `{ reportVersion, command, ok, summary, counts,
 * files, diagnostics }`, each diagnostic with its `line` and `column` in the file (`null` when unknown).
 */
export function jsonOfDiagnostics(report: DiagnosticsReport, positions: SourcePositions): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of report.diagnostics) counts[diagnostic.severity] += 1;
  return JSON.stringify(
    {
      reportVersion: JSON_REPORT_VERSION,
      command: report.command,
      ok: report.ok,
      summary: report.summary,
      counts,
      files: report.files,
      diagnostics: report.diagnostics.map((diagnostic) => diagnosticJson(diagnostic, positions)),
    },
    null,
    2,
  );
}

function caseJson(result: CaseResult, positions: SourcePositions) {
  const evaluation = result.result;
  return {
    id: result.caseId,
    description: result.description,
    file: result.file,
    pointer: result.pointer,
    ...located(positions, result.file, result.pointer),
    passed: result.passed,
    verdict: evaluation?.kind === 'decision' ? evaluation.verdict : null,
    reasons: evaluation?.kind === 'decision' ? evaluation.reasons.map((reason) => reason.code) : [],
    technicalFailure: evaluation?.kind === 'technical-failure' ? evaluation.error.code : null,
    failures: result.failures,
  };
}

/**
 * The JSON document of `smart-task test`: `{ reportVersion, command, ok, summary, passed, failed, tasks:
 * [{ task, passed, failed, cases: [...] }], coverage, minimumCoverage }`; `coverage` is the
 * `CoverageReport` of `measureCoverage`, or `null` without `--coverage`.
 */
export function jsonOfCases(report: CasesReport, positions: SourcePositions): string {
  const all = report.tasks.flatMap((task) => task.results);
  const failedCount = (results: readonly CaseResult[]) => results.filter((result) => !result.passed).length;
  return JSON.stringify(
    {
      reportVersion: JSON_REPORT_VERSION,
      command: report.command,
      ok: report.ok,
      summary: report.summary,
      passed: all.length - failedCount(all),
      failed: failedCount(all),
      tasks: report.tasks.map(({ task, results }) => ({
        task,
        passed: results.length - failedCount(results),
        failed: failedCount(results),
        cases: results.map((result) => caseJson(result, positions)),
      })),
      coverage: report.coverage ?? null,
      minimumCoverage: report.minimumCoverage ?? null,
    },
    null,
    2,
  );
}
