import type { Subject } from '@smart-task/schemas';
import { explainInItalian, isSmartTaskError, toContributorView, toOperatorView } from '@smart-task/core';
import type { SmartTaskRequest } from '@smart-task/core';
import { didYouMean, joinPointer } from '@smart-task/core/toolchain';
import { CliError } from '../cli-error.js';
import { EXIT } from '../cli-io.js';
import { CATALOG_OPTION, CATALOG_OPTION_HELP, CLOCK_OPTION, CLOCK_OPTION_HELP, LOCALE_OPTION, LOCALE_OPTION_HELP, type CliCommand } from '../command.js';
import { isJsonObject, readJsonInput, type JsonInput } from '../inputs.js';
import { flag, isIsoDateTime, localeOption, nowOption, requiredOption, stringOption } from '../options.js';
import { taskArgument } from '../task-argument.js';
import { catalogOption, checkTask, engineFor, readFixture, requestIssueLines } from '../task-engine.js';

const REQUEST_KEYS = ['requestId', 'subject', 'data', 'submittedAt'];
const VIEWS = ['contributor', 'operator'] as const;
type ViewName = (typeof VIEWS)[number];

/** The default `requestId` of a request file that has none. */
export const DEFAULT_REQUEST_ID = 'cli-request';

/**
 * Checks the shape of a request file: `{ requestId?, subject, data, submittedAt? }`. The engine checks
 * the subject's fields and the data against the task's request schema.
 */
export function requestFromInput(input: JsonInput): SmartTaskRequest {
  const { file, content } = input;
  const problems: string[] = [];
  const at = (pointer: string, message: string) => problems.push(`--request ${file}:${pointer || '/'} INVALID_REQUEST ${message}`);
  if (!isJsonObject(content)) {
    throw new CliError(`--request ${file}: the request must be a JSON object: { "requestId"?: "…", "subject": { … }, "data": { … }, "submittedAt"?: "2026-03-10T09:00:00+01:00" }.`);
  }
  for (const key of Object.keys(content)) {
    if (!REQUEST_KEYS.includes(key)) at(joinPointer('', key), `Property "${key}" is not allowed in a request.${didYouMean(key, REQUEST_KEYS)} Allowed: ${REQUEST_KEYS.join(', ')}.`);
  }
  const { requestId, subject, data, submittedAt } = content;
  if (requestId !== undefined && (typeof requestId !== 'string' || requestId === '')) at('/requestId', '"requestId" must be a non-empty string (or leave it out).');
  if (!isJsonObject(subject)) at('/subject', '"subject" must be an object with "cf", "profilo", "soggettoCf" and "matricola".');
  if (!isJsonObject(data)) at('/data', '"data" must be an object: the fields of the request form.');
  if (submittedAt !== undefined && (typeof submittedAt !== 'string' || !isIsoDateTime(submittedAt))) at('/submittedAt', '"submittedAt" must be an ISO date-time with an offset, e.g. "2026-03-10T09:00:00+01:00".');
  if (problems.length > 0) throw new CliError(problems);
  return {
    requestId: (requestId as string | undefined) ?? DEFAULT_REQUEST_ID,
    subject: subject as unknown as Subject,
    data: data as Record<string, unknown>,
    ...(submittedAt !== undefined && { submittedAt: submittedAt as string }),
  };
}

function viewOption(view: string | undefined): ViewName | undefined {
  if (view === undefined) return undefined;
  if ((VIEWS as readonly string[]).includes(view)) return view as ViewName;
  throw new CliError(`--view ${JSON.stringify(view)} is not a view: use --view contributor or --view operator.`);
}

/**
 * `smart-task evaluate <task> --request r.json --fixture f.json`: runs the istruttoria and prints the
 * result as JSON, a view (`--view contributor|operator`) or the trace in Italian (`--explain`). A
 * decision or a technical failure is a result (exit 0); wrong inputs and invalid request data exit 2.
 */
export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  synopsis: 'evaluate <task> --request <r.json> --fixture <f.json> [--catalog <dir>]... [--explain | --view contributor|operator] [--now <date-time>] [--locale it|en]',
  summary: 'Evaluate a request against the fixture and print the decision as JSON, a view, or the trace in Italian.',
  options: { ...CATALOG_OPTION, ...CLOCK_OPTION, ...LOCALE_OPTION, request: { type: 'string' }, fixture: { type: 'string' }, explain: { type: 'boolean' }, view: { type: 'string' } },
  optionHelp: {
    ...CATALOG_OPTION_HELP,
    ...CLOCK_OPTION_HELP,
    ...LOCALE_OPTION_HELP,
    request: { value: '<file>', text: 'required: { "requestId"?, "subject", "data", "submittedAt"? }' },
    fixture: { value: '<file>', text: 'required: the data-port answers (*.fixture.json shape)' },
    explain: { text: 'print the trace as Italian text' },
    view: { value: 'contributor|operator', text: 'print the contributor or operator view as JSON (not with --explain)' },
  },
  async run({ positionals, values }, io) {
    const taskId = taskArgument('evaluate', positionals, '--request r.json --fixture f.json');
    const now = nowOption(values);
    const locale = localeOption(values);
    const view = viewOption(stringOption(values, 'view'));
    const explain = flag(values, 'explain');
    if (explain && view) throw new CliError('--explain and --view are alternatives: give one of them.');
    const requestPath = requiredOption(values, 'request', 'r.json ({ "subject": { … }, "data": { … } })');
    const fixturePath = requiredOption(values, 'fixture', 'f.json (the answers of the data port, in the *.fixture.json shape)');
    const catalog = catalogOption(io, values);
    checkTask(catalog, taskId);
    const input = readJsonInput(io, '--request', requestPath);
    const request = requestFromInput(input);
    const fixture = readFixture(io, fixturePath, catalog);
    const engine = engineFor({ catalog, fixture, now, locale });
    let result;
    try {
      result = await engine.evaluate(taskId, request);
    } catch (error) {
      if (isSmartTaskError(error)) {
        const localized = error.requestIssues.map((found) => `--request ${input.file}:/data${found.pointer} ${found.code} ${found.message[locale]}`);
        throw new CliError(localized.length > 0 ? localized : requestIssueLines(error.issues, `--request ${input.file}`));
      }
      throw error;
    }
    if (explain) io.stdout(explainInItalian(result));
    else if (view === 'contributor') io.stdout(JSON.stringify(toContributorView(result, locale), null, 2));
    else if (view === 'operator') io.stdout(JSON.stringify(toOperatorView(result, locale), null, 2));
    else io.stdout(JSON.stringify(result, null, 2));
    return EXIT.ok;
  },
};
