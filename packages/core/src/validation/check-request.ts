import { PROFILI, SUBJECT_FIELDS, type Profilo, type Subject } from '@smart-task/schemas';
import type { ActionPort, Clock, DataPort } from '../port.js';
import { SmartTaskError, issue, type Issue } from '../errors.js';
import { jsonBoundsProblems, type JsonBounds, type JsonBoundsProblem } from '../json/json-bounds.js';
import { joinPointer } from '../json/pointer.js';
import type { EngineLimits } from '../limits/engine-limits.js';
import { describeLocales } from '../messages/check-message-overrides.js';
import type { MessageLocale } from '../text/message-locale.js';
import { instantOf, toIsoDate } from '../calendar/iso-dates.js';
import { UNREADABLE, isRecord, read } from '../json/read-safely.js';

/**
 * The checks of every engine call's arguments, made before any work is spent on them: the request's
 * shape, ids and subject within their limits, `submittedAt` a real ISO date-time with offset, the
 * per-call options. Each refuses with a {@link SmartTaskError} of `INVALID_REQUEST` issues, one per
 * field (file `<request>`, pointer to the field). None of them throws anything else, whatever it is given.
 */

const FILE = '<request>';
const LOCALES: readonly MessageLocale[] = ['it', 'en'];

/** A short, safe description of any value for a message: never throws, never long. */
export function describeValue(value: unknown): string {
  if (value === UNREADABLE) return 'a value that cannot be read (its getter threw)';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function refuse(message: string, issues: readonly Issue[]): never {
  throw new SmartTaskError(message, issues);
}

function idProblem(value: unknown, limits: EngineLimits): string | undefined {
  if (typeof value !== 'string' || value === '') return `must be a non-empty string; found ${describeValue(value)}`;
  if (value.length > limits.maxIdLength) return `is ${value.length} characters long; the limit is ${limits.maxIdLength} (engine option limits.maxIdLength)`;
  return undefined;
}

/**
 * The issues of a subject — an object with `cf`, `soggettoCf`, `matricola` (non-empty, within
 * `maxIdLength`) and a known `profilo` — and, when there are none, a copy of it read once.
 */
export function subjectIssues(subject: unknown, limits: EngineLimits, pointer = '/subject'): { readonly issues: Issue[]; readonly subject?: Subject } {
  if (!isRecord(subject))
    return { issues: [issue('INVALID_REQUEST', FILE, pointer, `The subject must be an object { cf, profilo, soggettoCf, matricola }; found ${describeValue(subject)}. Pass the authenticated requester and the position in focus.`)] };
  const issues: Issue[] = [];
  const copy: Record<string, unknown> = {};
  for (const key of SUBJECT_FIELDS) {
    const value = read(subject, key);
    copy[key] = value;
    if (key === 'profilo') {
      if (!PROFILI.includes(value as Profilo)) issues.push(issue('INVALID_REQUEST', FILE, `${pointer}/profilo`, `"profilo" must be one of ${PROFILI.join(', ')}; found ${describeValue(value)}.`));
      continue;
    }
    const problem = idProblem(value, limits);
    if (problem) issues.push(issue('INVALID_REQUEST', FILE, `${pointer}/${key}`, `The subject's "${key}" ${problem}. Pass the authenticated requester and the position in focus.`));
  }
  return issues.length > 0 ? { issues } : { issues, subject: copy as unknown as Subject };
}

/** Refuses a subject that {@link subjectIssues} finds fault with; answers a copy of it, read once. */
export function checkSubject(subject: unknown, limits: EngineLimits): Subject {
  const checked = subjectIssues(subject, limits);
  if (!checked.subject) refuse('Invalid subject', checked.issues);
  return checked.subject;
}

/** A request as {@link checkRequest} read it: each field read once, the subject copied. */
export interface CheckedRequest {
  readonly requestId: string;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly submittedAt?: string;
}

/**
 * Refuses a request that is not `{ requestId, subject, data, submittedAt? }` with each field well
 * formed: `requestId` and the subject's ids non-empty and within `maxIdLength`, `data` an object,
 * `submittedAt` an ISO date-time with offset naming a time that exists. The data's content is the
 * request validator's job.
 */
export function checkRequest(request: unknown, limits: EngineLimits): CheckedRequest {
  if (!isRecord(request)) refuse('Invalid request', [issue('INVALID_REQUEST', FILE, '', `The request must be an object { requestId, subject, data, submittedAt? }; found ${describeValue(request)}.`)]);
  const issues: Issue[] = [];
  const requestId = read(request, 'requestId');
  const idIssue = idProblem(requestId, limits);
  if (idIssue) issues.push(issue('INVALID_REQUEST', FILE, '/requestId', `"requestId" ${idIssue}: it makes operations idempotent.`));
  const subject = subjectIssues(read(request, 'subject'), limits);
  issues.push(...subject.issues);
  const submittedAt = read(request, 'submittedAt');
  if (submittedAt !== undefined && (typeof submittedAt !== 'string' || submittedAt.length > 64 || instantOf(submittedAt) === undefined)) {
    issues.push(issue('INVALID_REQUEST', FILE, '/submittedAt', `"submittedAt" must be an ISO date-time with offset that exists, such as 2026-03-10T09:00:00+01:00; found ${describeValue(submittedAt)}.`));
  }
  const data = read(request, 'data');
  if (!isRecord(data)) issues.push(issue('INVALID_REQUEST', FILE, '/data', `"data" must be an object holding the form fields; found ${describeValue(data)}.`));
  if (issues.length > 0 || !subject.subject) refuse('Invalid request', issues);
  return { requestId: requestId as string, subject: subject.subject, data: data as Record<string, unknown>, ...(submittedAt !== undefined && { submittedAt: submittedAt as string }) };
}

/** The bounds request data is walked with before validation. */
export function requestBoundsOf(limits: EngineLimits): JsonBounds {
  return { maxDepth: limits.maxDepth, maxNodes: limits.maxNodes, maxArrayLength: limits.maxNodes, maxStringLength: limits.maxStringLength, forbidPrototypeKeys: true };
}

/** At most this many problems of request data are reported at once. */
const MAX_DATA_PROBLEMS = 20;

/** The problems of request data that JSON cannot hold or that break the limits (see {@link requestBoundsOf}). */
export function requestDataProblems(data: unknown, bounds: JsonBounds): JsonBoundsProblem[] {
  return jsonBoundsProblems(data, bounds, MAX_DATA_PROBLEMS);
}

/** Refuses data given to `pruneHidden` that is not an object, not JSON data, or beyond the limits. */
export function checkDataToPrune(data: unknown, bounds: JsonBounds): void {
  if (!isRecord(data)) refuse('Invalid request data', [issue('INVALID_REQUEST', FILE, '/data', `The data must be an object holding the form fields; found ${describeValue(data)}.`)]);
  const problems = requestDataProblems(data, bounds);
  if (problems.length > 0)
    refuse(
      'Invalid request data',
      problems.map((problem) => issue('INVALID_REQUEST', FILE, joinPointer('/data') + problem.pointer, `The value ${problem.detail}. Send plain JSON form data.`)),
    );
}

/** Refuses a date that is not a real `YYYY-MM-DD`. */
export function checkIsoDate(date: unknown, pointer: string): void {
  if (typeof date !== 'string' || date.length !== 10 || toIsoDate(date) !== date) refuse('Invalid date', [issue('INVALID_REQUEST', FILE, pointer, `The date must be a real date written YYYY-MM-DD; found ${describeValue(date)}.`)]);
}

/** The kinds of per-call options an engine method takes. */
export interface CallOptionKinds {
  readonly locale?: boolean;
  /** The locales `locale` may be: those of the engine's messages (default `it`, `en`). */
  readonly locales?: readonly MessageLocale[];
  readonly signal?: boolean;
  readonly clock?: boolean;
  readonly ports?: boolean;
}

function isAbortSignal(value: unknown): boolean {
  return typeof read(value, 'aborted') === 'boolean' && typeof read(value, 'addEventListener') === 'function' && typeof read(value, 'removeEventListener') === 'function';
}

/** True when a clock answers a valid `Date`; never throws. */
export function clockProblem(clock: unknown): string | undefined {
  const now = read(clock, 'now');
  if (typeof now !== 'function') return `must be { now(): Date }; found ${describeValue(clock)}`;
  try {
    const date: unknown = now.call(clock);
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) return `answered ${describeValue(date)} instead of a valid Date`;
  } catch {
    return 'threw when asked for the time';
  }
  return undefined;
}

/** Per-call options as {@link checkCallOptions} read them, each once. */
export interface CheckedCallOptions {
  readonly locale?: MessageLocale;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  readonly ports?: { readonly dataPort: DataPort; readonly actionPort: ActionPort };
}

/**
 * Refuses per-call options that are not an object, cannot be read, or hold a `locale`, `signal`,
 * `clock` or `ports` of the wrong kind; answers the options of `kinds`, each read once.
 */
export function checkCallOptions(options: unknown, kinds: CallOptionKinds): CheckedCallOptions {
  if (options === undefined) return {};
  if (!isRecord(options)) refuse('Invalid call options', [issue('INVALID_REQUEST', FILE, '/options', `The options must be an object; found ${describeValue(options)}.`)]);
  const issues: Issue[] = [];
  const chosen = (['locale', 'signal', 'clock', 'ports'] as const).filter((key) => kinds[key]);
  if (chosen.some((key) => read(options, key) === UNREADABLE)) refuse('Invalid call options', [issue('INVALID_REQUEST', FILE, '/options', 'The options cannot be read (a getter or a Proxy trap threw). Pass a plain object.')]);
  const locale = read(options, 'locale');
  const locales = kinds.locales ?? LOCALES;
  if (kinds.locale && locale !== undefined && !locales.includes(locale as MessageLocale))
    issues.push(issue('INVALID_REQUEST', FILE, '/options/locale', `"locale" must be ${describeLocales(locales)}; found ${describeValue(locale)}.`, { option: 'locale' }));
  const signal = read(options, 'signal');
  if (kinds.signal && signal !== undefined && !isAbortSignal(signal)) issues.push(issue('INVALID_REQUEST', FILE, '/options/signal', `"signal" must be an AbortSignal; found ${describeValue(signal)}.`));
  const clock = read(options, 'clock');
  const problem = kinds.clock && clock !== undefined ? clockProblem(clock) : undefined;
  if (problem) issues.push(issue('INVALID_REQUEST', FILE, '/options/clock', `"clock" ${problem}.`));
  const ports = read(options, 'ports');
  if (kinds.ports && ports !== undefined && (typeof read(read(ports, 'dataPort'), 'fetch') !== 'function' || typeof read(read(ports, 'actionPort'), 'perform') !== 'function')) {
    issues.push(issue('INVALID_REQUEST', FILE, '/options/ports', '"ports" must be { dataPort: { fetch }, actionPort: { perform } }.'));
  }
  if (issues.length > 0) refuse('Invalid call options', issues);
  return {
    ...(kinds.locale && locale !== undefined && { locale: locale as MessageLocale }),
    ...(kinds.signal && signal !== undefined && { signal: signal as AbortSignal }),
    ...(kinds.clock && clock !== undefined && { clock: clock as Clock }),
    ...(kinds.ports && ports !== undefined && { ports: ports as CheckedCallOptions['ports'] & object }),
  };
}

function isText(value: unknown): boolean {
  return isRecord(value) && typeof read(value, 'it') === 'string' && typeof read(value, 'en') === 'string';
}

/** The problem of one planned operation or operation record, or `undefined`. */
function operationProblem(operation: unknown, recorded: boolean): string | undefined {
  if (!isRecord(operation)) return `must be an object; found ${describeValue(operation)}`;
  for (const key of ['id', 'action', 'idempotencyKey'] as const) if (typeof read(operation, key) !== 'string') return `needs a string "${key}"`;
  if (!isRecord(read(operation, 'params'))) return 'needs "params" as an object';
  if (!isText(read(operation, 'description'))) return 'needs a "description" { it, en }';
  if (!recorded && !isRecord(read(operation, 'quoted'))) return 'needs "quoted" as an object';
  return undefined;
}

/** At most this many operations are checked one by one (a plan holds a handful). */
const MAX_PLAN_OPERATIONS = 1_000;

/**
 * Refuses a plan given to `performOperations` that is not `{ requestId, operations, performed? }` of
 * the shape a decision records (pointer `/plan/…`), and options whose `signal`, `onPerformed` or
 * `actionPort` are of the wrong kind (`/options/…`).
 */
export function checkOperationsPlan(plan: unknown, options: unknown, limits: EngineLimits): void {
  const issues: Issue[] = [];
  const add = (pointer: string, message: string) => issues.push(issue('INVALID_REQUEST', FILE, pointer, message));
  if (!isRecord(plan)) {
    add('/plan', `The plan must be { requestId, operations, performed? } as a decision records it; found ${describeValue(plan)}.`);
  } else {
    const idIssue = idProblem(read(plan, 'requestId'), limits);
    if (idIssue) add('/plan/requestId', `"requestId" ${idIssue}.`);
    for (const [key, recorded] of [
      ['operations', false],
      ['performed', true],
    ] as const) {
      const list = read(plan, key);
      if (list === undefined && recorded) continue;
      if (!Array.isArray(list) || list.length > MAX_PLAN_OPERATIONS) {
        add(`/plan/${key}`, `"${key}" must be an array of at most ${MAX_PLAN_OPERATIONS} operations as the decision records them; found ${describeValue(list)}.`);
        continue;
      }
      // Every index, holes of a sparse array included.
      for (let index = 0; index < list.length; index += 1) {
        const problem = operationProblem(read(list, String(index)), recorded);
        if (problem) add(`/plan/${key}/${index}`, `The operation ${problem}. Pass the decision's plannedOperations and the records of those performed.`);
      }
    }
  }
  if (options !== undefined) {
    if (!isRecord(options)) add('/options', `The options must be an object; found ${describeValue(options)}.`);
    else {
      const signal = read(options, 'signal');
      if (signal !== undefined && !isAbortSignal(signal)) add('/options/signal', `"signal" must be an AbortSignal; found ${describeValue(signal)}.`);
      const onPerformed = read(options, 'onPerformed');
      if (onPerformed !== undefined && typeof onPerformed !== 'function') add('/options/onPerformed', `"onPerformed" must be a function; found ${describeValue(onPerformed)}.`);
      const actionPort = read(options, 'actionPort');
      if (actionPort !== undefined && typeof read(actionPort, 'perform') !== 'function') add('/options/actionPort', '"actionPort" must be an object with a perform(call, context) method.');
    }
  }
  if (issues.length > 0) refuse('Invalid operations plan', issues);
}
