import type { LintFinding } from '@smart-task/core/toolchain';
import { diagnosticOfIssue, lintCatalog } from '@smart-task/core/toolchain';
import { EXIT } from '../cli-io.js';
import { issuesSummary, noCatalogFilesLine, plural, readCatalog } from '../catalog-files.js';
import { REPORTER_OPTION, REPORTER_OPTION_HELP, type CliCommand } from '../command.js';
import { reporterOption } from '../reporters/reporter-name.js';
import { writeDiagnosticsReport } from '../reporters/write-report.js';

function summary(findings: readonly LintFinding[], taskCount: number, fileCount: number): string {
  const count = (severity: LintFinding['severity'], singular: string, pluralForm?: string) => plural(findings.filter((finding) => finding.severity === severity).length, singular, pluralForm);
  return `${count('error', 'error')}, ${count('warning', 'warning')}, ${count('info', 'info', 'infos')} (${plural(taskCount, 'task')}, ${plural(fileCount, 'file')} linted)`;
}

/**
 * `smart-task lint [dir...] [--reporter text|json|junit|github]`: loads the catalog like `validate` (if it
 * does not load, reports the loader's issues and exits 1), then reports every lint finding — with the text
 * reporter one `file:pointer [warning |info ]CODE message (fix: hint)` line each — and a summary line.
 * Exit 1 when a finding is an error; warnings and infos do not fail.
 */
export const lintCommand: CliCommand = {
  name: 'lint',
  synopsis: 'lint [dir...] [--reporter text|json|junit|github]',
  summary: 'Check the catalog for mistakes the loader accepts; one "file:pointer [warning|info] CODE message (fix: hint)" line per finding.',
  options: REPORTER_OPTION,
  optionHelp: REPORTER_OPTION_HELP,
  async run({ positionals, values }, io) {
    const reporter = reporterOption(values);
    const directories = positionals.length > 0 ? positionals : ['.'];
    const read = readCatalog(io, directories, 'lint');
    const base = { command: 'lint', files: read.files };
    if (read.fileCount === 0) {
      const noFiles = noCatalogFilesLine(directories);
      writeDiagnosticsReport(io, reporter, { ...base, ok: false, summary: noFiles, diagnostics: [] });
      return EXIT.failed;
    }
    if (!read.catalog) {
      const diagnostics = read.issues.map(diagnosticOfIssue);
      writeDiagnosticsReport(io, reporter, { ...base, ok: false, summary: `${issuesSummary(read.issues)}: fix them before linting`, diagnostics });
      return EXIT.failed;
    }
    const findings = lintCatalog(read.catalog);
    const ok = !findings.some((finding) => finding.severity === 'error');
    writeDiagnosticsReport(io, reporter, { ...base, ok, summary: summary(findings, read.catalog.tasks.size, read.fileCount), diagnostics: findings });
    return ok ? EXIT.ok : EXIT.failed;
  },
};
