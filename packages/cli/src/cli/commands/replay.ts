import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Catalog } from '@smart-task/core';
import { formatImpactReport, replayAuditRecords } from '@smart-task/core/audit';
import type { ImpactReport } from '@smart-task/core/audit';
import { ReplayThreadError, readFileLines, replayAuditRecordsInThreads } from '@smart-task/core/node';
import { errorsOf, issueLine, readCatalog } from '../catalog-files.js';
import { CliError } from '../cli-error.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CliCommand } from '../command.js';
import { displayPath, resolvePath } from '../inputs.js';
import { countOption, flag, stringOption, stringsOption, type OptionValues } from '../options.js';

const REPORTS = ['text', 'json'] as const;

/**
 * The size from which a records file is replayed on all cores by default (about 5,000 records): each
 * thread compiles the catalog and warms up before its first record, which a smaller file does not repay.
 */
const THREADS_FROM_BYTES = 16 * 2 ** 20;

function reportOption(values: OptionValues): (typeof REPORTS)[number] {
  const report = stringOption(values, 'report') ?? 'text';
  if (!(REPORTS as readonly string[]).includes(report)) throw new CliError(`--report ${JSON.stringify(report)} is not a report format: use --report text or --report json.`);
  return report as (typeof REPORTS)[number];
}

/** The catalog of `--rules <dir>...`; a catalog with errors exits 1 with its issues, like the other commands. */
function rulesOption(io: CliIo, values: OptionValues): { catalog: Catalog; directories: string[] } {
  const directories = stringsOption(values, 'rules');
  if (directories.length === 0) throw new CliError('missing --rules: add the directories of the catalog to replay with, e.g. --rules packages/schemas --rules packages/rules.');
  const read = readCatalog(io, directories, '--rules');
  if (!read.catalog) {
    const errors = errorsOf(read.issues);
    throw new CliError([`the catalog under --rules has ${errors.length === 1 ? 'an issue' : `${errors.length} issues`}; run smart-task validate for details:`, ...errors.map(issueLine)], EXIT.failed);
  }
  if (read.catalog.tasks.size === 0) throw new CliError(`no task found under --rules ${directories.join(', ')}: give the directories that hold the schemas and the rule sets (e.g. --rules packages/schemas --rules packages/rules).`);
  return { catalog: read.catalog, directories };
}

/** Checks the records file exists and is a file; returns its absolute path and its size. */
function recordsFile(io: CliIo, positionals: readonly string[]): { path: string; bytes: number } {
  if (positionals.length !== 1) {
    throw new CliError(positionals.length === 0 ? 'missing the records file: smart-task replay <records.jsonl> --rules <dir>.' : `replay takes one records file; found ${positionals.length}: ${positionals.join(' ')}.`);
  }
  const path = positionals[0] as string;
  const absolute = resolvePath(io, path);
  let isFile = false;
  let bytes = 0;
  try {
    const stats = statSync(absolute);
    isFile = stats.isFile();
    bytes = stats.size;
  } catch {
    throw new CliError(`${path}: no such file; give the JSON Lines file of audit records (one toAuditRecord() result per line).`);
  }
  if (!isFile) throw new CliError(`${path}: is a directory; give the JSON Lines file of audit records.`);
  return { path: absolute, bytes };
}

/**
 * `smart-task replay <records.jsonl> --rules <dir>...`: evaluates every recorded decision again with
 * the catalog under `--rules`, at the record's own clock and with its recorded port answers, and prints
 * the impact report. The file is read line by line with bounded concurrency: memory does not grow with
 * its size. With `--threads N` (default: the number of cores for a file of 16 MB or more) the records are
 * replayed by N worker threads and the report is the same as with one. Exit 0 when the report was produced (changes are not failures), 1 with `--fail-on-change`
 * when a verdict, reason, warning or operation list changed or the rules can no longer replay a record
 * (records cancelled by the host do not count) or when a replay thread failed (no report), 2 on a wrong
 * command line or input.
 */
export const replayCommand: CliCommand = {
  name: 'replay',
  synopsis: 'replay <records.jsonl> --rules <dir> [--rules <dir>]... [--report text|json] [--examples <n>] [--concurrency <n>] [--threads <n>] [--fail-on-change]',
  summary: 'Replay recorded decisions (JSON Lines of audit records) with a catalog and report what would change.',
  options: { rules: { type: 'string', multiple: true }, report: { type: 'string' }, examples: { type: 'string' }, concurrency: { type: 'string' }, threads: { type: 'string' }, 'fail-on-change': { type: 'boolean' } },
  optionHelp: {
    rules: { value: '<dir>', text: 'required, repeatable: a directory of the catalog to replay the records with' },
    report: { value: 'text|json', text: 'format of the impact report (default: text)' },
    examples: { value: '<n>', text: 'how many examples of each kind of change the report keeps (default: 5)' },
    concurrency: { value: '<n>', text: 'how many records each thread evaluates at once (default: 4)' },
    threads: { value: '<n>', text: 'how many worker threads replay the records (default: the number of cores for a file of 16 MB or more, else 1); 1 replays in the main thread' },
    'fail-on-change': { text: 'exit 1 when a verdict, reason, warning or operation list changed, or the rules can no longer replay a record' },
  },
  async run({ positionals, values }, io) {
    const { path, bytes } = recordsFile(io, positionals);
    const format = reportOption(values);
    const examples = countOption(values, 'examples', 5, 0);
    const concurrency = countOption(values, 'concurrency', 4, 1);
    const threads = countOption(values, 'threads', bytes >= THREADS_FROM_BYTES ? availableParallelism() : 1, 1);
    const { catalog, directories } = rulesOption(io, values);
    const shown = displayPath(io, path);

    const lines = readFileLines(path);
    let report: ImpactReport;
    try {
      report = threads === 1 ? await replayAuditRecords(lines, { catalog, examples, concurrency }) : await replayAuditRecordsInThreads(lines, { catalog, threads, examples, concurrency });
    } catch (error) {
      if (error instanceof ReplayThreadError) throw new CliError(`${shown}: ${error.message}`, EXIT.failed);
      throw new CliError(`${shown}: cannot read the records: ${(error as Error)?.message ?? String(error)}.`);
    } finally {
      await lines.return(undefined);
    }

    if (format === 'json') io.stdout(JSON.stringify({ file: shown, rules: directories, ...report }, null, 2));
    else io.stdout([`replay of ${shown} with ${directories.join(', ')}`, formatImpactReport(report)].join('\n'));

    if (report.records > 0 && report.skipped.total === report.records) {
      io.stderr(`smart-task: no line of ${shown} is an audit record: write one toAuditRecord() result as JSON per line.`);
      return EXIT.usage;
    }
    const changedSomething = report.changed > 0 || report.notReplayable.becauseOfRules > 0;
    return flag(values, 'fail-on-change') && changedSomething ? EXIT.failed : EXIT.ok;
  },
};
