import { EXIT } from '../cli-io.js';
import { errorsOf, issueLine, issuesSummary, plural, readCatalog } from '../catalog-files.js';
import type { CliCommand } from '../command.js';

/**
 * `smart-task validate [dir...]`: checks every DSL file under the directories (default: the working
 * directory). Prints one `file:pointer CODE message` line per issue, then a summary line; exit 1 on any
 * error, or when no catalog file was found.
 */
export const validateCommand: CliCommand = {
  name: 'validate',
  synopsis: 'validate [dir...]',
  summary: 'Check every DSL file under the directories (default: .); one "file:pointer CODE message" line per issue.',
  options: {},
  async run({ positionals }, io) {
    const directories = positionals.length > 0 ? positionals : ['.'];
    const read = readCatalog(io, directories, 'validate');
    for (const item of read.issues) io.stdout(issueLine(item));
    if (read.fileCount === 0) {
      io.stdout(`no catalog files found in ${directories.join(', ')}: expected *.rules.json, *.cases.json, *.schema.json, *.fixture.json or port-contract.json.`);
      return EXIT.failed;
    }
    if (errorsOf(read.issues).length > 0 || !read.catalog) {
      io.stdout(issuesSummary(read.issues));
      return EXIT.failed;
    }
    const warnings = read.issues.length;
    const warningNote = warnings > 0 ? ` (${plural(warnings, 'warning')})` : '';
    io.stdout(`ok: ${plural(read.catalog.tasks.size, 'task')}, ${plural(read.fileCount, 'file')} checked${warningNote}`);
    return EXIT.ok;
  },
};
