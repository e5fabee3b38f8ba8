import { availableParallelism } from 'node:os';
import { countCases, diagnosticOfIssue } from '@smart-task/core/toolchain';
import type { CaseResult } from '@smart-task/core/testing';
import { CaseThreadError, startCaseThreads, type CaseThreads } from '@smart-task/core/node';
import { CliError } from '../cli-error.js';
import { EXIT } from '../cli-io.js';
import { issuesSummary, loadCatalogFiles, readCatalogFiles } from '../catalog-files.js';
import { CLOCK_OPTION, CLOCK_OPTION_HELP, REPORTER_OPTION, REPORTER_OPTION_HELP, type CliCommand } from '../command.js';
import { choiceOption, countOption, flag, nowOption, percentageOption, stringOption } from '../options.js';
import { isBelowMinimum, percentText } from '../reporters/coverage-text.js';
import type { TaskCaseResults } from '../reporters/report.js';
import { reporterOption } from '../reporters/reporter-name.js';
import { writeCasesReport, writeDiagnosticsReport } from '../reporters/write-report.js';
import { checkTask } from '../task-engine.js';

/** The evaluators `--evaluator` chooses from (see `EngineOptions.evaluator`). */
const EVALUATORS = ['compiled', 'json-rules-engine'] as const;

function byTask(taskIds: readonly string[], results: readonly CaseResult[]): TaskCaseResults[] {
  return taskIds.map((task) => ({ task, results: results.filter((result) => result.task === task) }));
}

/**
 * The number of cases from which they run on every core by default. Each worker thread compiles the
 * catalog before its first case, which fewer cases do not repay (see docs/explanation/decisions.md, 26).
 */
const THREADS_FROM_CASES = 2000;

/**
 * `smart-task test [dir...] [--task id] [--now t] [--coverage] [--min N] [--evaluator e] [--threads n] [--reporter r]`: runs every case
 * of the catalog under the directories (default: the working directory). Prints each task's counts and
 * every failure with expected vs actual and what the rules saw, the condition-outcome coverage with
 * `--coverage`; the last line is `N passed, N failed` (on standard error with a reporter other than text).
 * With `--threads N` the cases run on N threads (this one and N-1 worker threads, started while this one
 * loads the catalog); the output is the same as with one. Exit 1 when the catalog has issues, a case
 * fails, none ran, coverage is below `--min`, or a thread failed (then nothing is reported).
 */
export const testCommand: CliCommand = {
  name: 'test',
  synopsis: 'test [dir...] [--task <id>] [--now <date-time>] [--coverage] [--min <percent>] [--evaluator compiled|json-rules-engine] [--threads <n>] [--reporter text|json|junit|github]',
  summary: 'Run every cases file; print each failure with expected vs actual, then "N passed, N failed"; --coverage adds the condition outcomes the cases saw.',
  options: { ...CLOCK_OPTION, task: { type: 'string' }, coverage: { type: 'boolean' }, min: { type: 'string' }, evaluator: { type: 'string' }, threads: { type: 'string' }, ...REPORTER_OPTION },
  optionHelp: {
    ...CLOCK_OPTION_HELP,
    task: { value: '<id>', text: 'only the cases of this task' },
    coverage: { text: 'also print the condition-outcome coverage of the cases and what they never exercised' },
    min: { value: '<percent>', text: 'implies --coverage; exit 1 when the coverage is below this percentage (0 to 100)' },
    evaluator: { value: '<name>', text: 'what runs the conditions: compiled (default) or json-rules-engine, the reference semantics' },
    threads: { value: '<n>', text: `how many threads run the cases, the main one included (default: the number of cores for ${THREADS_FROM_CASES} cases or more, else 1); the output is the same` },
    ...REPORTER_OPTION_HELP,
  },
  async run({ positionals, values }, io) {
    const now = nowOption(values);
    const taskId = stringOption(values, 'task');
    const minimum = percentageOption(values, 'min');
    const reporter = reporterOption(values);
    const evaluator = choiceOption(values, 'evaluator', EVALUATORS, 'compiled', 'an evaluator');
    const directories = positionals.length > 0 ? positionals : ['.'];
    const files = readCatalogFiles(io, directories, 'test');
    const { cases } = countCases(files.documents, taskId);
    const threadCount = countOption(values, 'threads', cases >= THREADS_FROM_CASES ? availableParallelism() : 1, 1);
    const coverageAsked = flag(values, 'coverage') || minimum !== undefined;
    const options = { evaluator, ...(now !== undefined && { now }), ...(taskId !== undefined && { taskId }) };
    let threads: CaseThreads | undefined;
    try {
      // Started before the catalog is loaded here, so that the worker threads compile it meanwhile.
      threads = startCaseThreads(files.documents, { ...options, threads: threadCount, coverage: coverageAsked });
      const read = loadCatalogFiles(files);
      if (!read.catalog) {
        const summary = `${issuesSummary(read.issues)}: fix them before running the cases`;
        writeDiagnosticsReport(io, reporter, { command: 'test', ok: false, summary, files: read.files, diagnostics: read.issues.map(diagnosticOfIssue) });
        return EXIT.failed;
      }
      const { catalog } = read;
      if (taskId !== undefined) checkTask(catalog, taskId);
      const { results, coverage } = await threads.run(catalog);
      const failed = results.filter((result) => !result.passed).length;
      if (results.length === 0) {
        io.stderr(`smart-task: no case ran: add *.cases.json files for ${taskId ?? 'the tasks'} under ${directories.join(', ')}.`);
      }
      const belowMinimum = coverage !== undefined && minimum !== undefined && isBelowMinimum(coverage, minimum);
      const taskIds = taskId !== undefined ? [taskId] : [...catalog.tasks.keys()];
      writeCasesReport(io, reporter, {
        command: 'test',
        ok: failed === 0 && results.length > 0 && !belowMinimum,
        summary: `${results.length - failed} passed, ${failed} failed`,
        tasks: byTask(taskIds, results),
        ...(coverage !== undefined && { coverage }),
        ...(minimum !== undefined && { minimumCoverage: minimum }),
      });
      if (belowMinimum) {
        const where = reporter === 'text' ? 'listed under "never exercised"' : 'the coverage gaps of the report';
        io.stderr(`smart-task: condition-outcome coverage ${percentText(coverage)} (${coverage.outcomesSeen} of ${coverage.outcomes} outcomes) is below --min ${minimum}%: add cases that make the conditions ${where} true and false, or lower --min.`);
      }
      return failed > 0 || results.length === 0 || belowMinimum ? EXIT.failed : EXIT.ok;
    } catch (error) {
      // A thread that failed: nothing was reported, the command fails.
      if (error instanceof CaseThreadError) throw new CliError(error.message, EXIT.failed);
      throw error;
    } finally {
      await threads?.close();
    }
  },
};
