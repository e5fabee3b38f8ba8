import { coverageGaps } from '@smart-task/core/toolchain';
import type { CliIo } from '../cli-io.js';
import { githubAnnotations } from './github-reporter.js';
import { jsonOfCases, jsonOfDiagnostics } from './json-reporter.js';
import { junitOfCases, junitOfDiagnostics } from './junit-reporter.js';
import { caseFailureDiagnostic, coverageGapDiagnostic, type CasesReport, type DiagnosticsReport } from './report.js';
import type { ReporterName } from './reporter-name.js';
import { createSourcePositions } from './source-position.js';
import { textOfCases, textOfDiagnostics } from './text-reporter.js';

/** Text: every line on standard output. Other reporters: the document on standard output, the summary on standard error. */
function write(io: CliIo, reporter: ReporterName, text: () => string[], document: () => string, summary: string): void {
  if (reporter === 'text') {
    for (const line of text()) io.stdout(line);
    return;
  }
  const output = document();
  if (output !== '') io.stdout(output);
  io.stderr(summary);
}

/**
 * Prints the findings of a command that checks files (`validate`, `lint`) with the chosen reporter. File
 * names are relative to `io.cwd`; the `github` and `json` reporters read the files to turn pointers into
 * lines and columns.
 *
 * @example
 * writeDiagnosticsReport(io, 'github', { command: 'lint', ok: false, summary: '2 findings', files, diagnostics });
 */
export function writeDiagnosticsReport(io: CliIo, reporter: ReporterName, report: DiagnosticsReport): void {
  const positions = createSourcePositions(io.cwd);
  write(
    io,
    reporter,
    () => textOfDiagnostics(report),
    () => {
      if (reporter === 'json') return jsonOfDiagnostics(report, positions);
      if (reporter === 'junit') return junitOfDiagnostics(report);
      return githubAnnotations(report.diagnostics, positions).join('\n');
    },
    report.summary,
  );
}

/**
 * Prints what `smart-task test` ran with the chosen reporter. With `github`, each failed case is an error
 * annotation on the case in its cases file, and each coverage gap (when measured) a notice on the condition.
 */
export function writeCasesReport(io: CliIo, reporter: ReporterName, report: CasesReport): void {
  const positions = createSourcePositions(io.cwd);
  write(
    io,
    reporter,
    () => textOfCases(report),
    () => {
      if (reporter === 'json') return jsonOfCases(report, positions);
      if (reporter === 'junit') return junitOfCases(report);
      const failed = report.tasks.flatMap((task) => task.results.filter((result) => !result.passed).map(caseFailureDiagnostic));
      const gaps = (report.coverage?.tasks ?? []).flatMap(coverageGaps).map(coverageGapDiagnostic);
      return githubAnnotations([...failed, ...gaps], positions).join('\n');
    },
    report.summary,
  );
}
