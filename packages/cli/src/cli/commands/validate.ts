import { EXIT } from '../cli-io.js';
import { errorsOf, issuesSummary, noCatalogFilesLine, plural, readCatalog } from '../catalog-files.js';
import { REPORTER_OPTION, REPORTER_OPTION_HELP, type CliCommand } from '../command.js';
import { diagnosticOfIssue } from '@smart-task/core/toolchain';
import { reporterOption } from '../reporters/reporter-name.js';
import { writeDiagnosticsReport } from '../reporters/write-report.js';

/**
 * `smart-task validate [dir...] [--reporter text|json|junit|github]`: checks every DSL file under the
 * directories (default: the working directory). Prints one `file:pointer CODE message` line per issue, then
 * a summary line (or the report of `--reporter`); exit 1 on any error, or when no catalog file was found.
 */
export const validateCommand: CliCommand = {
  name: 'validate',
  synopsis: 'validate [dir...] [--reporter text|json|junit|github]',
  summary: 'Check every DSL file under the directories (default: .); one "file:pointer CODE message" line per issue.',
  options: REPORTER_OPTION,
  optionHelp: REPORTER_OPTION_HELP,
  async run({ positionals, values }, io) {
    const reporter = reporterOption(values);
    const directories = positionals.length > 0 ? positionals : ['.'];
    const read = readCatalog(io, directories, 'validate');
    const base = { command: 'validate', files: read.files, diagnostics: read.issues.map(diagnosticOfIssue) };
    if (read.fileCount === 0) {
      const summary = noCatalogFilesLine(directories);
      writeDiagnosticsReport(io, reporter, { ...base, ok: false, summary });
      return EXIT.failed;
    }
    if (errorsOf(read.issues).length > 0 || !read.catalog) {
      writeDiagnosticsReport(io, reporter, { ...base, ok: false, summary: issuesSummary(read.issues) });
      return EXIT.failed;
    }
    const warnings = read.issues.length;
    const warningNote = warnings > 0 ? ` (${plural(warnings, 'warning')})` : '';
    writeDiagnosticsReport(io, reporter, { ...base, ok: true, summary: `ok: ${plural(read.catalog.tasks.size, 'task')}, ${plural(read.fileCount, 'file')} checked${warningNote}` });
    return EXIT.ok;
  },
};
