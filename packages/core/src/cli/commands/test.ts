import type { Catalog } from '../../catalog/catalog.js';
import { runCases, type CaseResult } from '../../cases/run-cases.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { issueLine, issuesSummary, readCatalog } from '../catalog-files.js';
import { CLOCK_OPTION, type CliCommand } from '../command.js';
import { nowOption, stringOption } from '../options.js';
import { checkTask } from '../task-engine.js';

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return pad + text.split('\n').join(`\n${pad}`);
}

/** `file:/cases/3`: where a case is written, to jump to it. */
function locationOf(catalog: Catalog, result: CaseResult): string {
  const document = catalog.tasks.get(result.task)?.cases.find((loaded) => loaded.file === result.file)?.document;
  const index = document?.cases.findIndex((testCase) => testCase.id === result.caseId) ?? -1;
  return index >= 0 ? `${result.file}:/cases/${index}` : result.file;
}

function report(io: CliIo, catalog: Catalog, taskIds: readonly string[], results: readonly CaseResult[]): void {
  for (const taskId of taskIds) {
    const own = results.filter((result) => result.task === taskId);
    const failed = own.filter((result) => !result.passed);
    io.stdout(own.length === 0 ? `${taskId}: no cases` : `${taskId}: ${own.length - failed.length} passed, ${failed.length} failed`);
    for (const result of failed) {
      io.stdout(`✘ ${result.task}/${result.caseId} — ${result.description}`);
      for (const failure of result.failures) io.stdout(indent(failure, 4));
      io.stdout(indent(`at ${locationOf(catalog, result)}`, 4));
    }
  }
}

/**
 * `smart-task test [dir...] [--task id] [--now t]`: runs every case of the catalog under the directories
 * (default: the working directory). Prints each task's counts and every failure with expected vs actual;
 * the last line is `N passed, N failed`. Exit 1 when the catalog has issues, a case fails or none ran.
 */
export const testCommand: CliCommand = {
  name: 'test',
  synopsis: 'test [dir...] [--task <id>] [--now <date-time>]',
  summary: 'Run every cases file; print each failure with expected vs actual, then "N passed, N failed".',
  options: { ...CLOCK_OPTION, task: { type: 'string' } },
  async run({ positionals, values }, io) {
    const now = nowOption(values);
    const taskId = stringOption(values, 'task');
    const directories = positionals.length > 0 ? positionals : ['.'];
    const read = readCatalog(io, directories, 'test');
    if (!read.catalog) {
      for (const item of read.issues) io.stdout(issueLine(item));
      io.stdout(`${issuesSummary(read.issues)}: fix them before running the cases`);
      return EXIT.failed;
    }
    const { catalog } = read;
    if (taskId !== undefined) checkTask(catalog, taskId);
    const results = await runCases(catalog, { ...(now !== undefined && { now }), ...(taskId !== undefined && { taskId }) });
    const taskIds = taskId !== undefined ? [taskId] : [...catalog.tasks.keys()];
    report(io, catalog, taskIds, results);
    const failed = results.filter((result) => !result.passed).length;
    if (results.length === 0) {
      io.stderr(`smart-task: no case ran: add *.cases.json files for ${taskId ?? 'the tasks'} under ${directories.join(', ')}.`);
    }
    io.stdout(`${results.length - failed} passed, ${failed} failed`);
    return failed > 0 || results.length === 0 ? EXIT.failed : EXIT.ok;
  },
};
