import { SmartTaskError, issue, type Issue } from '../errors.js';
import { DEFAULT_LIMITS, type EngineLimits } from '../limits/engine-limits.js';
import { describeLocales, localesWith, messageOverridesIssues } from '../messages/check-message-overrides.js';
import { toIsoDate } from '../calendar/iso-dates.js';
import { clockProblem, describeValue } from './check-request.js';
import { isRecord, keysOf, read } from '../json/read-safely.js';

const FILE = '<engine>';

/** The longest deadline `setTimeout` can keep: a longer one would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** True when `timeZone` is a time zone `Intl` knows (an IANA name such as `Europe/Rome`). */
export function isKnownTimeZone(timeZone: unknown): boolean {
  if (typeof timeZone !== 'string' || timeZone === '' || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function plannedTasksIssues(planned: unknown): Issue[] {
  if (planned === undefined || planned === 'all') return [];
  const fix = 'Pass "all", or an object mapping task ids to true, false or { from: "YYYY-MM-DD" }.';
  if (!isRecord(planned)) return [issue('INVALID_ENGINE_OPTION', FILE, '/plannedTasks', `"plannedTasks" is ${describeValue(planned)}. ${fix}`)];
  const issues: Issue[] = [];
  for (const id of keysOf(planned)) {
    const activation = read(planned, id);
    if (typeof activation === 'boolean') continue;
    const from = read(activation, 'from');
    if (isRecord(activation) && typeof from === 'string' && from.length === 10 && toIsoDate(from) === from) continue;
    issues.push(
      issue(
        'INVALID_ENGINE_OPTION',
        FILE,
        `/plannedTasks/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        `The activation of "${id.slice(0, 80)}" is ${describeValue(activation)}${isRecord(activation) ? ` with from ${describeValue(from)}` : ''}. ${fix}`,
      ),
    );
  }
  return issues;
}

function limitsIssues(limits: unknown): Issue[] {
  if (limits === undefined) return [];
  if (!isRecord(limits)) return [issue('INVALID_ENGINE_OPTION', FILE, '/limits', `"limits" must be an object of positive integers; found ${describeValue(limits)}.`)];
  const issues: Issue[] = [];
  for (const key of keysOf(limits)) {
    const value = read(limits, key);
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, key)) {
      issues.push(issue('INVALID_ENGINE_OPTION', FILE, `/limits/${key}`, `"${key.slice(0, 80)}" is not a limit. The limits are ${Object.keys(DEFAULT_LIMITS).join(', ')}.`));
    } else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      issues.push(issue('INVALID_ENGINE_OPTION', FILE, `/limits/${key}`, `"limits.${key}" must be an integer ≥ 1 (default ${DEFAULT_LIMITS[key as keyof EngineLimits]}); found ${describeValue(value)}.`));
    }
  }
  return issues;
}

/**
 * Refuses engine options of the wrong kind before anything is compiled, with one
 * `INVALID_ENGINE_OPTION` issue per option (file `<engine>`, pointer to the option): a `locale` the
 * message table does not have (`it`, `en` and the locales of `messages`), a `timeoutMs` that is not a number of milliseconds from 1 to 2,147,483,647, a
 * `timeZone` that is not a time zone `Intl` knows, a `verify` other than `'auto'` or `'always'`, a
 * malformed `plannedTasks`, `limits`, port, clock or logger; and one `INVALID_MESSAGES` issue per faulty override in `messages`. Never throws anything
 * but a {@link SmartTaskError}.
 */
export function checkEngineOptions(options: unknown): void {
  if (!isRecord(options)) throw new SmartTaskError('Invalid engine options', [issue('INVALID_ENGINE_OPTION', FILE, '', `createEngine takes an object { catalog, dataPort, actionPort, … }; found ${describeValue(options)}.`)]);
  const issues: Issue[] = [];
  const add = (pointer: string, message: string) => issues.push(issue('INVALID_ENGINE_OPTION', FILE, pointer, message));
  const catalog = read(options, 'catalog');
  if (!Array.isArray(catalog) && !(read(catalog, 'tasks') instanceof Map && isRecord(read(catalog, 'portContract')))) add('/catalog', `"catalog" must be the catalog documents or a Catalog from loadCatalog; found ${describeValue(catalog)}.`);
  if (typeof read(read(options, 'dataPort'), 'fetch') !== 'function') add('/dataPort', '"dataPort" must be an object with a fetch(fact, params, context) method.');
  if (typeof read(read(options, 'actionPort'), 'perform') !== 'function') add('/actionPort', '"actionPort" must be an object with a perform(call, context) method.');
  const clock = read(options, 'clock');
  const problem = clock === undefined ? undefined : clockProblem(clock);
  if (problem) add('/clock', `"clock" ${problem}.`);
  const messages = read(options, 'messages');
  issues.push(...messageOverridesIssues(messages, FILE, '/messages'));
  const locales = localesWith(messages);
  const locale = read(options, 'locale');
  if (locale !== undefined && !locales.includes(locale as string)) add('/locale', `"locale" must be ${describeLocales(locales)}; found ${describeValue(locale)}. A locale of the host's own needs its texts in the "messages" option.`);
  const timeoutMs = read(options, 'timeoutMs');
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS)) {
    add('/timeoutMs', `"timeoutMs" must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}; found ${describeValue(timeoutMs)}.`);
  }
  const timeZone = read(options, 'timeZone');
  if (timeZone !== undefined && !isKnownTimeZone(timeZone)) add('/timeZone', `"timeZone" must be an IANA time zone such as "Europe/Rome"; found ${describeValue(timeZone)}.`);
  const verify = read(options, 'verify');
  if (verify !== undefined && verify !== 'auto' && verify !== 'always') add('/verify', `"verify" must be "auto" or "always"; found ${describeValue(verify)}.`);
  issues.push(...plannedTasksIssues(read(options, 'plannedTasks')));
  issues.push(...limitsIssues(read(options, 'limits')));
  const logger = read(options, 'logger');
  if (logger !== undefined && (typeof read(logger, 'debug') !== 'function' || typeof read(logger, 'warn') !== 'function')) add('/logger', '"logger" must be an object with debug(message, data) and warn(message, data) methods.');
  const observeRules = read(options, 'observeRules');
  if (observeRules !== undefined && typeof observeRules !== 'function') add('/observeRules', `"observeRules" must be a function; found ${describeValue(observeRules)}.`);
  const compileAtStart = read(options, 'compileAtStart');
  if (compileAtStart !== undefined && typeof compileAtStart !== 'boolean') add('/compileAtStart', `"compileAtStart" must be true or false; found ${describeValue(compileAtStart)}.`);
  if (issues.length > 0) throw new SmartTaskError('Invalid engine options', issues);
}
