import type { Locale, PortFixture } from '@smart-task/schemas';
import { createInMemoryActionPort, createInMemoryDataPort } from '@smart-task/core/testing';
import type { Catalog } from '@smart-task/core';
import { checkFixtureAgainstContract, didYouMean, validateAgainstMetaSchema } from '@smart-task/core/toolchain';
import { createEngine, formatIssue, type Issue, type SmartTaskEngine } from '@smart-task/core';
import { CliError } from './cli-error.js';
import { EXIT, type CliIo } from './cli-io.js';
import { errorsOf, issueLine, readCatalog } from './catalog-files.js';
import { readJsonInput } from './inputs.js';
import { stringsOption, type OptionValues } from './options.js';

/**
 * The catalog of `--catalog <dir>...` (default: the working directory). A catalog with errors is a
 * `CliError` with exit code 1 whose lines are the issues.
 */
export function catalogOption(io: CliIo, values: OptionValues): Catalog {
  const directories = stringsOption(values, 'catalog');
  const read = readCatalog(io, directories.length > 0 ? directories : ['.'], '--catalog');
  if (!read.catalog) {
    const errors = errorsOf(read.issues);
    throw new CliError([`the catalog has ${errors.length === 1 ? 'an issue' : `${errors.length} issues`}; run smart-task validate for details:`, ...errors.map(issueLine)], EXIT.failed);
  }
  if (read.catalog.tasks.size === 0) {
    throw new CliError(
      `no task found in ${directories.length > 0 ? directories.join(', ') : 'the working directory'}: point --catalog at the directories that hold the schemas and the rule sets (e.g. --catalog packages/schemas --catalog packages/rules).`,
    );
  }
  return read.catalog;
}

/** Checks that the catalog has the task; otherwise a `CliError` that lists the known tasks. */
export function checkTask(catalog: Catalog, taskId: string): void {
  if (catalog.tasks.has(taskId)) return;
  const known = [...catalog.tasks.keys()];
  const containing = known.filter((id) => id.includes(taskId.toLowerCase()));
  const suggestion = didYouMean(taskId, known) || (containing.length === 1 ? ` Did you mean "${containing[0]}"?` : '');
  throw new CliError(`unknown task ${JSON.stringify(taskId)}.${suggestion} Known tasks: ${known.join(', ')}.`);
}

/**
 * Reads the port fixture of `--fixture` (the `*.fixture.json` shape; `$schema` optional) and checks it
 * against its meta-schema and the catalog's port contract.
 */
export function readFixture(io: CliIo, path: string, catalog: Catalog): PortFixture {
  const { file, content } = readJsonInput(io, '--fixture', path);
  const issues: Issue[] = validateAgainstMetaSchema(file, 'portFixture', content);
  if (issues.length === 0) issues.push(...checkFixtureAgainstContract(content as PortFixture, catalog.portContract.document, file));
  if (issues.length > 0) throw new CliError(issues.map((item) => `--fixture ${formatIssue(item)}`));
  return content as PortFixture;
}

/** Options of {@link engineFor}. */
export interface TaskEngineOptions {
  readonly catalog: Catalog;
  readonly fixture: PortFixture;
  /** Fixed clock (ISO date-time); the system clock when absent. */
  readonly now?: string | undefined;
  readonly locale: Locale;
}

/** An engine over in-memory ports answering from the fixture; planned tasks are offered too. */
export function engineFor(options: TaskEngineOptions): SmartTaskEngine {
  const now = options.now;
  return createEngine({
    catalog: options.catalog,
    dataPort: createInMemoryDataPort(options.fixture),
    actionPort: createInMemoryActionPort(options.fixture),
    ...(now !== undefined && { clock: { now: () => new Date(now) } }),
    plannedTasks: 'all',
    locale: options.locale,
  });
}

/**
 * The lines of a `SmartTaskError` raised for a request: the engine names the request `<request>`; here
 * it becomes the input file, and `stripPointer` (e.g. `/subject`) is dropped when the file holds only that part.
 */
export function requestIssueLines(issues: readonly Issue[], file: string, stripPointer = ''): string[] {
  return issues.map((item) => {
    const pointer = stripPointer && item.pointer.startsWith(stripPointer) ? item.pointer.slice(stripPointer.length) : item.pointer;
    return formatIssue({ ...item, file: item.file === '<request>' ? file : item.file, pointer });
  });
}
