import { freeze, produce, type Draft } from 'immer';
import { PROFILI, SUBJECT_FIELDS, type Profilo } from '@smart-task/schemas';
import { SmartTaskError, issue, type IssueParams } from '../errors.js';
import type { Verdict } from '../evaluate/decision.js';
import { NOTIFICATION_CHANNELS } from './notification-preference.js';
import { FINAL_STATES, LIFECYCLE_EVENT_TYPES, type Actor, type LifecycleEvent, type LifecycleEventType, type LifecycleRequest, type RequestState, type SubmitEvent } from './request-state.js';
import { canRetryAfter, resolveRetryPolicy, retryDelayMs } from './retry-policy.js';
import { instantOf } from '../calendar/iso-dates.js';

/**
 * The request lifecycle as a pure state machine: `(request, event) → request`. No clock, no I/O; every
 * result is a new, deeply frozen value (immer), and every event is appended to the history.
 */

type EventOf<T extends LifecycleEventType> = Extract<LifecycleEvent, { type: T }>;
type Handler<T extends LifecycleEventType> = (draft: Draft<LifecycleRequest>, event: EventOf<T>, request: LifecycleRequest) => void;
type Transitions = { readonly [S in RequestState]: { readonly [T in LifecycleEventType]?: Handler<T> } };

const VERDICTS: readonly Verdict[] = ['ACCOLTA', 'NON_ACCOLTA'];

/** True when instant `a` is strictly earlier than instant `b`. */
function isEarlier(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** Which actor may cause each event. */
const ACTOR_OF: { readonly [T in LifecycleEventType]: Actor['kind'] } = {
  SUBMIT: 'requester',
  START_ISTRUTTORIA: 'system',
  RECORD_DECISION: 'system',
  RECORD_TECHNICAL_FAILURE: 'system',
  START_OPERATIONS: 'system',
  RECORD_OPERATION: 'system',
  RECORD_OPERATION_FAILURE: 'system',
  CLOSE_BY_OPERATOR: 'operator',
  WITHDRAW: 'requester',
};

/** An `INVALID_EVENT` refusal; its params hold the protocollo and what the message quotes. */
function invalidEvent(protocollo: string, pointer: string, message: string, params: IssueParams = {}): SmartTaskError {
  return new SmartTaskError('Invalid lifecycle event', [issue('INVALID_EVENT', `<request ${protocollo}>`, pointer, message, { protocollo, ...params })]);
}

/** Refuses a start before the scheduled retry's time. */
function checkRetryIsDue(request: LifecycleRequest, event: LifecycleEvent): void {
  if (request.retry && Date.parse(event.at) < Date.parse(request.retry.nextAttemptAt)) {
    throw invalidEvent(
      request.protocollo,
      '/event/at',
      `Attempt ${request.retry.attempt} of request ${request.protocollo} is scheduled for ${request.retry.nextAttemptAt}; ${event.type} at ${event.at} is too early. Start it at or after the scheduled time.`,
      {
        event: event.type,
        at: event.at,
        attempt: request.retry.attempt,
        nextAttemptAt: request.retry.nextAttemptAt,
      },
    );
  }
}

/** Checks the code, message and retryability every failure event carries. */
function checkFailure(request: LifecycleRequest, event: { readonly code: unknown; readonly message: unknown; readonly retryable: unknown }): void {
  if (typeof event.code !== 'string' || event.code === '' || typeof event.message !== 'string')
    throw invalidEvent(request.protocollo, '/event/code', '"code" must be a non-empty string and "message" a string: pass the technical failure\'s error code and message.');
  if (typeof event.retryable !== 'boolean') throw invalidEvent(request.protocollo, '/event/retryable', `"retryable" must be true or false; found ${JSON.stringify(event.retryable)}.`);
}

/** After a failure: a retry when it can help and attempts remain (counted by `attempts`), else the Sede. */
function retryOrHandOver(draft: Draft<LifecycleRequest>, request: LifecycleRequest, event: { readonly at: string; readonly code: string; readonly message: string; readonly retryable: boolean }, attempts: number, retryState: RequestState): void {
  draft.lastFailure = { code: event.code, message: event.message, retryable: event.retryable, at: event.at };
  if (event.retryable && canRetryAfter(request.retryPolicy, attempts)) {
    draft.state = retryState;
    draft.retry = { attempt: attempts + 1, nextAttemptAt: new Date(Date.parse(event.at) + retryDelayMs(request.retryPolicy, attempts)).toISOString() };
  } else {
    draft.state = 'IN_CARICO_SEDE';
  }
}

/** Starts an attempt once its retry is due: of the istruttoria (counted in `attempts`) or of the decision's operations (`operationAttempts`). */
function startAttempt<T extends 'START_ISTRUTTORIA' | 'START_OPERATIONS'>(state: RequestState, counter: 'attempts' | 'operationAttempts'): Handler<T> {
  return (draft, event, request) => {
    checkRetryIsDue(request, event);
    draft.state = state;
    draft[counter] = request[counter] + 1;
    delete draft.retry;
  };
}

const startIstruttoria = startAttempt<'START_ISTRUTTORIA'>('IN_ISTRUTTORIA', 'attempts');

const recordDecision: Handler<'RECORD_DECISION'> = (draft, event, request) => {
  if (!VERDICTS.includes(event.verdict)) throw invalidEvent(request.protocollo, '/event/verdict', `"verdict" must be one of ${VERDICTS.join(', ')}; found ${JSON.stringify(event.verdict)}.`);
  if (!Array.isArray(event.reasons) || !Array.isArray(event.warnings)) throw invalidEvent(request.protocollo, '/event/reasons', '"reasons" and "warnings" must be arrays (empty when there are none).');
  if (!Array.isArray(event.operations)) throw invalidEvent(request.protocollo, '/event/operations', '"operations" must be the decision\'s planned operations (Decision.plannedOperations), empty when there are none.');
  if (event.verdict === 'NON_ACCOLTA' && event.operations.length > 0) throw invalidEvent(request.protocollo, '/event/operations', `A NON_ACCOLTA decision performs nothing; found ${event.operations.length} planned operation(s).`);
  const pending = event.operations.length > 0;
  draft.state = pending ? 'OPERATIONS_IN_PROGRESS' : event.verdict;
  draft.operationAttempts = pending ? 1 : 0;
  draft.plannedOperations = event.operations as Draft<typeof event.operations>;
  draft.outcome = {
    verdict: event.verdict,
    decidedBy: 'istruttoria',
    at: event.at,
    reasons: event.reasons as Draft<typeof event.reasons>,
    warnings: event.warnings as Draft<typeof event.warnings>,
    ...(event.auditRecordId !== undefined && { auditRecordId: event.auditRecordId }),
  };
};

const recordTechnicalFailure: Handler<'RECORD_TECHNICAL_FAILURE'> = (draft, event, request) => {
  checkFailure(request, event);
  retryOrHandOver(draft, request, event, request.attempts, 'RETRY_SCHEDULED');
};

const startOperations = startAttempt<'START_OPERATIONS'>('OPERATIONS_IN_PROGRESS', 'operationAttempts');

const recordOperation: Handler<'RECORD_OPERATION'> = (draft, event, request) => {
  const record = event.operation;
  const next = request.plannedOperations[request.operations.length];
  if (next === undefined || record?.id !== next.id || record.idempotencyKey !== next.idempotencyKey) {
    throw invalidEvent(
      request.protocollo,
      '/event/operation',
      `The next pending operation of request ${request.protocollo} is ${next ? JSON.stringify(next.id) : 'none'}; found ${JSON.stringify(record?.id)}. Record the planned operations in order, each once.`,
    );
  }
  draft.operations.push(record as Draft<typeof record>);
  if (request.operations.length + 1 === request.plannedOperations.length) {
    draft.state = 'ACCOLTA';
    delete draft.lastFailure;
  }
};

const recordOperationFailure: Handler<'RECORD_OPERATION_FAILURE'> = (draft, event, request) => {
  checkFailure(request, event);
  retryOrHandOver(draft, request, event, request.operationAttempts, 'OPERATIONS_RETRY_SCHEDULED');
};

const closeByOperator: Handler<'CLOSE_BY_OPERATOR'> = (draft, event, request) => {
  if (!VERDICTS.includes(event.verdict)) throw invalidEvent(request.protocollo, '/event/verdict', `"verdict" must be one of ${VERDICTS.join(', ')}; found ${JSON.stringify(event.verdict)}.`);
  if (typeof event.motivazione !== 'string' || event.motivazione.trim() === '') throw invalidEvent(request.protocollo, '/event/motivazione', 'An operator closes a request with a "motivazione": write, for the requester, why it is accepted or not.');
  draft.state = event.verdict;
  draft.outcome = { verdict: event.verdict, decidedBy: 'operator', at: event.at, operatorId: event.actor.operatorId, motivazione: event.motivazione.trim() };
};

const withdraw: Handler<'WITHDRAW'> = (draft, event, request) => {
  if (event.actor.cf !== request.subject.cf)
    throw invalidEvent(request.protocollo, '/event/actor/cf', `Only the requester who filed request ${request.protocollo} may withdraw it; ${JSON.stringify(event.actor.cf)} did not file it.`, { event: 'WITHDRAW' });
  if (request.outcome) {
    throw invalidEvent(
      request.protocollo,
      '/event',
      `Request ${request.protocollo} cannot be withdrawn: ${request.outcome.verdict} was recorded (${request.operations.length} of its ${request.plannedOperations.length} operation(s) confirmed). Its operations are resumed, or a Sede operator completes it (CLOSE_BY_OPERATOR).`,
      { event: 'WITHDRAW', verdict: request.outcome.verdict, performed: request.operations.length, planned: request.plannedOperations.length },
    );
  }
  draft.state = 'RITIRATA';
  delete draft.retry;
};

/** What each state accepts: every (state, event) pair missing here is an illegal transition. */
const TRANSITIONS: Transitions = {
  SUBMITTED: { START_ISTRUTTORIA: startIstruttoria, WITHDRAW: withdraw },
  IN_ISTRUTTORIA: { RECORD_DECISION: recordDecision, RECORD_TECHNICAL_FAILURE: recordTechnicalFailure },
  RETRY_SCHEDULED: { START_ISTRUTTORIA: startIstruttoria, WITHDRAW: withdraw },
  OPERATIONS_IN_PROGRESS: { RECORD_OPERATION: recordOperation, RECORD_OPERATION_FAILURE: recordOperationFailure },
  OPERATIONS_RETRY_SCHEDULED: { START_OPERATIONS: startOperations },
  IN_CARICO_SEDE: { CLOSE_BY_OPERATOR: closeByOperator, WITHDRAW: withdraw },
  ACCOLTA: {},
  NON_ACCOLTA: {},
  RITIRATA: {},
};

/** The events a request in `state` accepts, in declaration order; none for a final state. */
export function eventsAllowedIn(state: RequestState): readonly LifecycleEventType[] {
  return LIFECYCLE_EVENT_TYPES.filter((type) => TRANSITIONS[state]?.[type] !== undefined);
}

/** True when no event leaves `state`. */
export function isFinalState(state: RequestState): boolean {
  return FINAL_STATES.has(state);
}

function checkTimeAndActor(protocollo: string, event: LifecycleEvent, notBefore: string | undefined): void {
  const instant = instantOf(event.at);
  if (instant === undefined) {
    throw invalidEvent(protocollo, '/event/at', `"at" must be an existing ISO date-time with its offset, such as 2026-03-10T09:00:00+01:00; found ${JSON.stringify(event.at)}. Pass the host clock's time.`);
  }
  const last = notBefore === undefined ? undefined : instantOf(notBefore);
  if (last !== undefined && isEarlier(instant, last)) {
    throw invalidEvent(protocollo, '/event/at', `Event ${event.type} at ${event.at} is earlier than the request's last event (${notBefore}): history only moves forward. Pass the current time.`, {
      event: event.type,
      at: event.at,
      lastEventAt: notBefore ?? '',
    });
  }
  const expected = ACTOR_OF[event.type];
  const actor = event.actor as Actor | undefined;
  if (actor?.kind !== expected) throw invalidEvent(protocollo, '/event/actor', `Event ${event.type} is caused by the ${expected}; found actor ${JSON.stringify(actor)}.`);
  if (actor.kind === 'operator' && (typeof actor.operatorId !== 'string' || actor.operatorId === ''))
    throw invalidEvent(protocollo, '/event/actor/operatorId', 'An operator actor needs a non-empty "operatorId" (the host\'s id of the Sede operator).');
  if (actor.kind === 'requester' && (typeof actor.cf !== 'string' || actor.cf === '')) throw invalidEvent(protocollo, '/event/actor/cf', 'A requester actor needs a non-empty "cf" (the codice fiscale of who acts).');
}

/**
 * Opens the lifecycle of a request: the `SUBMIT` event becomes a request in state `SUBMITTED`, version
 * 0, with the event as the first history entry. The retry policy is checked and its defaults filled.
 *
 * @example
 * const request = openRequest({ type: 'SUBMIT', at: now, actor: { kind: 'requester', cf: subject.cf }, protocollo, taskId, title, subject, data, retryPolicy: DEFAULT_RETRY_POLICY });
 */
export function openRequest(event: SubmitEvent): LifecycleRequest {
  const hasProtocollo = typeof event.protocollo === 'string' && event.protocollo !== '';
  const protocollo = hasProtocollo ? event.protocollo : '<no protocollo>';
  if (event.type !== 'SUBMIT') throw invalidEvent(protocollo, '/event/type', `A lifecycle opens with a SUBMIT event; found ${JSON.stringify(event.type)}. Use applyEvent for the following events.`);
  if (!hasProtocollo) throw invalidEvent(protocollo, '/event/protocollo', `"protocollo" must be a non-empty string (the host's protocol number); found ${JSON.stringify(event.protocollo)}.`);
  checkTimeAndActor(protocollo, event, undefined);
  if (typeof event.taskId !== 'string' || event.taskId === '') throw invalidEvent(protocollo, '/event/taskId', `"taskId" must be a non-empty string; found ${JSON.stringify(event.taskId)}.`);
  if (typeof event.title?.it !== 'string' || typeof event.title?.en !== 'string') throw invalidEvent(protocollo, '/event/title', '"title" must hold the task title in "it" and "en" (the rule set\'s title).');
  const subject = event.subject as Partial<typeof event.subject> | undefined;
  if (!subject || !PROFILI.includes(subject.profilo as Profilo) || SUBJECT_FIELDS.some((field) => field !== 'profilo' && (typeof subject[field] !== 'string' || subject[field] === ''))) {
    throw invalidEvent(protocollo, '/event/subject', `"subject" must have non-empty "cf", "soggettoCf", "matricola" and a "profilo" among ${PROFILI.join(', ')}; found ${JSON.stringify(event.subject)}.`);
  }
  if (event.actor.cf !== subject.cf) throw invalidEvent(protocollo, '/event/actor/cf', `The requester who submits (${JSON.stringify(event.actor.cf)}) must be the subject's "cf" (${JSON.stringify(subject.cf)}).`);
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) throw invalidEvent(protocollo, '/event/data', '"data" must be the request data object.');
  const preference = event.notifications;
  if (preference !== undefined && (!NOTIFICATION_CHANNELS.includes(preference.channel) || typeof preference.address !== 'string' || preference.address === '')) {
    throw invalidEvent(protocollo, '/event/notifications', `"notifications" must have a "channel" among ${NOTIFICATION_CHANNELS.join(', ')} and a non-empty "address"; found ${JSON.stringify(preference)}.`);
  }
  const recorded = structuredClone({ ...event, retryPolicy: resolveRetryPolicy(event.retryPolicy) });
  const request: LifecycleRequest = {
    protocollo,
    taskId: recorded.taskId,
    title: recorded.title,
    subject: recorded.subject,
    data: recorded.data,
    submittedAt: recorded.at,
    updatedAt: recorded.at,
    state: 'SUBMITTED',
    attempts: 0,
    operationAttempts: 0,
    retryPolicy: recorded.retryPolicy,
    ...(recorded.notifications && { notifications: recorded.notifications }),
    plannedOperations: [],
    operations: [],
    history: [{ event: recorded, from: null, to: 'SUBMITTED' }],
    version: 0,
  };
  return freeze(request, true);
}

/**
 * Applies one event: checks that the request's state accepts it and that its time and actor are right,
 * then returns the next request with the event appended to its history. The input is never changed.
 * An illegal transition throws a {@link SmartTaskError} (`ILLEGAL_TRANSITION`) naming the state, the
 * event and the events that state accepts; a malformed event throws `INVALID_EVENT`.
 *
 * @example
 * const next = applyEvent(request, { type: 'START_ISTRUTTORIA', at: clock.now().toISOString(), actor: { kind: 'system' } });
 */
export function applyEvent(request: LifecycleRequest, event: LifecycleEvent): LifecycleRequest {
  const type = (event as { type?: unknown } | undefined)?.type;
  const handler = TRANSITIONS[request.state]?.[type as LifecycleEventType] as Handler<LifecycleEventType> | undefined;
  if (!handler) {
    const allowed = eventsAllowedIn(request.state);
    const known = LIFECYCLE_EVENT_TYPES.includes(type as LifecycleEventType) ? '' : ` (not a lifecycle event: use one of ${LIFECYCLE_EVENT_TYPES.join(', ')})`;
    throw new SmartTaskError('Illegal transition', [
      issue(
        'ILLEGAL_TRANSITION',
        `<request ${request.protocollo}>`,
        '/state',
        `Request ${request.protocollo} is ${request.state}: event ${String(type)}${known} is not allowed there. Allowed from ${request.state}: ${allowed.length > 0 ? allowed.join(', ') : `none (${request.state} is final)`}.`,
        { protocollo: request.protocollo, state: request.state, event: String(type).slice(0, 80), allowed: allowed.join(', ') },
      ),
    ]);
  }
  checkTimeAndActor(request.protocollo, event, request.updatedAt);
  const recorded = structuredClone(event);
  return produce(request, (draft) => {
    handler(draft, recorded, request);
    draft.updatedAt = recorded.at;
    draft.history.push({ event: recorded as Draft<LifecycleEvent>, from: request.state, to: draft.state });
  });
}
