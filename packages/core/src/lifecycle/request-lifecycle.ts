import type { Subject } from '@smart-task/schemas';
import { createInMemoryNotificationOutbox } from '../adapters/in-memory-notification-outbox.js';
import type { SmartTaskEngine } from '../engine.js';
import { SmartTaskError, issue, isSmartTaskError } from '../errors.js';
import { completeEvaluation } from '../evaluate/complete-evaluation.js';
import { builtInMessages, messagesWithOverrides, type MessageOverrides, type Messages } from '../messages/messages.js';
import { describeThrown } from '../evaluate/port-failure.js';
import type { EvaluationResult, Verdict } from '../evaluate/decision.js';
import type { OperationsOutcome } from '../evaluate/perform-operations.js';
import { composeLatestNotification } from '../notifications/compose-notification.js';
import type { NotificationMessage } from '../notifications/notification-message.js';
import type { NotificationPreference } from '../requests/notification-preference.js';
import type { NotificationOutbox, OutboxEntry } from '../notifications/notification-outbox.js';
import { deliverNotices } from '../notifications/deliver-notices.js';
import { summarizeReasons } from '../notifications/reason-summary.js';
import type { Clock, Logger } from '../port.js';
import type { NotificationPort } from '../notifications/notification-port.js';
import type { RequestRepository } from '../request-list/request-repository.js';
import { listAllRequests, type RequestQuery } from '../request-list/request-query.js';
import { invalidRequestData } from '../validation/request-validator.js';
import { DEFAULT_TIME_ZONE, isoDateInTimeZone } from '../calendar/iso-dates.js';
import { unknownProtocollo } from '../requests/repository-errors.js';
import type { LifecycleEvent, LifecycleRequest, RequestState } from '../requests/request-state.js';
import { DEFAULT_NOTICE_RETRY_POLICY, resolveRetryPolicy, type RetryPolicy } from '../requests/retry-policy.js';
import { applyEvent, openRequest } from '../requests/transitions.js';

/** The context the host's protocol register receives for a new request. */
export interface ProtocolloRequest {
  readonly taskId: string;
  readonly subject: Subject;
  readonly submittedAt: string;
}

/** Options of {@link createRequestLifecycle}. */
export interface RequestLifecycleOptions {
  readonly engine: SmartTaskEngine;
  readonly repository: RequestRepository;
  /** The host's protocol register: a new, unique protocol number for each request. */
  readonly nextProtocollo: (request: ProtocolloRequest) => string | Promise<string>;
  /** Where notices go; none are sent without it. */
  readonly notifications?: NotificationPort;
  /**
   * Where notices wait for delivery and for retries (default: an in-memory outbox, for one process).
   * Notices are queued after the state they announce is saved, and never hold a request.
   */
  readonly outbox?: NotificationOutbox;
  /** Deadline of one delivery attempt of a notice, in milliseconds (default 10,000). */
  readonly noticeTimeoutMs?: number;
  /** Retries of a notice whose delivery failed or went unconfirmed; defaults to {@link DEFAULT_NOTICE_RETRY_POLICY}. */
  readonly noticeRetryPolicy?: Partial<RetryPolicy>;
  /** Time of every event; defaults to the system clock. */
  readonly clock?: Clock;
  /** Retries after a technical failure; defaults to {@link DEFAULT_RETRY_POLICY}. Each request keeps the policy it was filed with. */
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** Zone of "today" (which rule-set title) and of dates in notices; defaults to Europe/Rome. */
  readonly timeZone?: string;
  /**
   * Stores an evaluation (the audit record) and returns its id, which the history keeps. Called with the
   * decision before it is recorded and before any operation (or with the technical failure): a throw
   * counts as a retryable technical failure of that attempt, which is then decided again — nothing has
   * been performed.
   */
  readonly recordEvaluation?: (result: EvaluationResult, request: LifecycleRequest) => string | undefined | Promise<string | undefined>;
  /** Told of notices that could not be sent (warn). */
  readonly logger?: Logger;
  /**
   * The host's wording of notices and state labels (`notice.*`, `state.*`, …), per locale and code, on
   * top of the engine's table (`engine.messages`, itself the built-in texts with the engine's
   * `messages` option). A requester's preference for a locale of the host's own is written with its
   * texts, Italian filling what they lack. Checked when the lifecycle is created (`INVALID_MESSAGES`).
   *
   * @example
   * createRequestLifecycle({ engine, repository, nextProtocollo, notifications, messages: { it: { 'notice.greeting': 'Gentile contribuente,' } } });
   */
  readonly messages?: MessageOverrides;
}

/** What the requester files. */
export interface Submission {
  readonly taskId: string;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  /** How the requester wants to be told, from their contacts; no notices when absent. */
  readonly notifications?: NotificationPreference;
}

/**
 * The outcome of one lifecycle call: the request as saved, the evaluation when an istruttoria ran
 * (with its operations performed, or a technical failure carrying the decision), what performing
 * resumed operations gave, and the notices queued (delivered unless the outbox still holds them).
 */
export interface LifecycleStep {
  readonly request: LifecycleRequest;
  readonly result?: EvaluationResult;
  /** When this call performed operations of the recorded decision. */
  readonly operations?: OperationsOutcome;
  readonly notifications: readonly NotificationMessage[];
}

/** What {@link RequestLifecycle.runDueWork} did. */
export interface DueWork {
  readonly recovered: readonly LifecycleStep[];
  readonly retried: readonly LifecycleStep[];
  readonly notices: readonly OutboxEntry[];
}

/** Options of {@link RequestLifecycle.submit}. */
export interface SubmitOptions {
  readonly signal?: AbortSignal;
  /** `now` (default): the first istruttoria attempt runs within the call; `deferred`: the request is only protocolled and saved. */
  readonly istruttoria?: 'now' | 'deferred';
}

/** An operator's closure of a request in `IN_CARICO_SEDE`. */
export interface OperatorClosure {
  readonly operatorId: string;
  readonly verdict: Verdict;
  readonly motivazione: string;
}

/** What a host calls to move requests through their life; the state lives in the repository only. */
export interface RequestLifecycle {
  /**
   * The message table of its notices: `engine.messages` with the lifecycle's `messages` option on top.
   * Pass it to `toRequestListRow`, `listRequestRows`, `stateLabel` so the list says what the notices say.
   */
  readonly messages: Messages;
  /**
   * Validates the data, protocols the request, runs the first istruttoria attempt: decides, records the
   * decision, then performs its operations, saving each. Notices are queued and delivered at the end.
   * With `istruttoria: 'deferred'` it stops once the request is saved `SUBMITTED`: a worker runs the
   * istruttoria ({@link runIstruttoria}), and {@link recoverInterrupted} picks up a request whose job was lost.
   */
  submit(submission: Submission, options?: SubmitOptions): Promise<LifecycleStep>;
  /** Runs the next istruttoria attempt of a request that is `SUBMITTED` or whose retry is due. */
  runIstruttoria(protocollo: string, options?: { readonly signal?: AbortSignal }): Promise<LifecycleStep>;
  /** Resumes the pending operations of a request in `OPERATIONS_RETRY_SCHEDULED` whose retry is due; never decides again. */
  resumeOperations(protocollo: string, options?: { readonly signal?: AbortSignal }): Promise<LifecycleStep>;
  /**
   * Runs every retry due now — istruttoria attempts and resumptions of operations; requests another
   * worker took meanwhile are skipped. Call it from the host's scheduler.
   */
  runDueRetries(): Promise<LifecycleStep[]>;
  /**
   * Picks up what a stopped process left behind, `staleAfterMs` after its last step: a request still
   * `SUBMITTED` gets its istruttoria; an attempt `IN_ISTRUTTORIA` ends with the technical failure
   * `ATTEMPT_INTERRUPTED` (nothing was performed: it is decided again); operations
   * `OPERATIONS_IN_PROGRESS` stop with `ATTEMPT_INTERRUPTED` and are resumed by the retry (the one in
   * flight is performed again with its idempotency key). Use a limit well above the port deadline
   * (`timeoutMs`): work still running elsewhere is younger and is left alone.
   */
  recoverInterrupted(options: { readonly staleAfterMs: number }): Promise<LifecycleStep[]>;
  /**
   * Does what is due for one request, as a worker's job does: the istruttoria of a request `SUBMITTED`
   * (also one filed with `istruttoria: 'deferred'`) or whose retry is due, the resumption of operations
   * whose retry is due, the recovery of a step left `staleAfterMs` ago. Answers `undefined` when nothing
   * is due (a final state, a retry not yet due, a step still running). Throws `VERSION_CONFLICT` or
   * `ILLEGAL_TRANSITION` when another worker moved the request meanwhile.
   */
  advance(protocollo: string, options: { readonly staleAfterMs: number; readonly signal?: AbortSignal }): Promise<LifecycleStep | undefined>;
  /** Delivers the notices due in the outbox (new ones and retries), each within the notice deadline. */
  deliverDueNotices(options?: { readonly limit?: number }): Promise<OutboxEntry[]>;
  /** One scheduler tick: {@link recoverInterrupted}, then {@link runDueRetries}, then {@link deliverDueNotices}. */
  runDueWork(options: { readonly staleAfterMs: number }): Promise<DueWork>;
  /** A Sede operator closes a request in their charge with a verdict and a motivazione. */
  closeByOperator(protocollo: string, closure: OperatorClosure): Promise<LifecycleStep>;
  /** The requester withdraws a request that has no outcome yet. */
  withdraw(protocollo: string, withdrawal: { readonly cf: string; readonly motivo?: string }): Promise<LifecycleStep>;
}

const systemClock: Clock = { now: () => new Date() };

/** The states {@link RequestLifecycle.recoverInterrupted} looks at: a step that a stopped process may have left half-way. */
const INTERRUPTIBLE_STATES: readonly RequestState[] = ['SUBMITTED', 'IN_ISTRUTTORIA', 'OPERATIONS_IN_PROGRESS'];

/** The notices one lifecycle call queued, delivered when the call's saves are done. */
type Queued = NotificationMessage[];

const SYSTEM = { kind: 'system' } as const;

/**
 * Creates the orchestrator of the request lifecycle: `submit` → istruttoria with the engine → decision
 * recorded → operations performed one by one, each saved → `ACCOLTA`; or `NON_ACCOLTA`; or technical
 * failure → scheduled retry (exponential backoff) → … → `IN_CARICO_SEDE` → operator's closure. A
 * recorded decision is never evaluated again: failures and crashes after it resume its pending
 * operations. Every step is an event applied with {@link applyEvent} and saved with optimistic
 * concurrency; the notice it calls for is queued in the outbox and delivered after the call's last save.
 *
 * @example
 * const lifecycle = createRequestLifecycle({ engine, repository, nextProtocollo: () => register.next(), notifications });
 * const { request } = await lifecycle.submit({ taskId, subject, data, notifications: { channel: 'PEC', address: 'aurora@pec.it' } });
 * setInterval(() => lifecycle.runDueWork({ staleAfterMs: 5 * 60_000 }), 30_000); // retries, recovery, notices
 */
export function createRequestLifecycle(options: RequestLifecycleOptions): RequestLifecycle {
  const { engine, repository } = options;
  const clock = options.clock ?? systemClock;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const retryPolicy = resolveRetryPolicy(options.retryPolicy);
  if (typeof options.nextProtocollo !== 'function') {
    throw new SmartTaskError('Invalid lifecycle options', [
      issue('INVALID_LIFECYCLE_OPTION', '<lifecycle>', '/nextProtocollo', 'Pass "nextProtocollo": a function that returns a new protocol number from the host\'s protocol register.', { option: 'nextProtocollo' }),
    ]);
  }
  const noticeTimeoutMs = options.noticeTimeoutMs ?? 10_000;
  if (!Number.isFinite(noticeTimeoutMs) || noticeTimeoutMs <= 0) {
    throw new SmartTaskError('Invalid lifecycle options', [
      issue('INVALID_LIFECYCLE_OPTION', '<lifecycle>', '/noticeTimeoutMs', `"noticeTimeoutMs" must be a positive number of milliseconds; got ${String(noticeTimeoutMs)}.`, { option: 'noticeTimeoutMs', value: String(noticeTimeoutMs) }),
    ]);
  }
  const messages = messagesWithOverrides((engine as Partial<SmartTaskEngine>).messages ?? builtInMessages(), options.messages, '<lifecycle>', '/messages');
  const delivery = options.notifications && {
    outbox: options.outbox ?? createInMemoryNotificationOutbox(),
    port: options.notifications,
    clock,
    timeoutMs: noticeTimeoutMs,
    retryPolicy: resolveRetryPolicy(options.noticeRetryPolicy, DEFAULT_NOTICE_RETRY_POLICY),
    logger: options.logger,
  };
  const now = () => clock.now().toISOString();

  /** Queues the notice the request's latest step calls for; a failing outbox is logged, never holds the request. */
  const queueNotice = async (request: LifecycleRequest, queued: Queued): Promise<void> => {
    const message = delivery && composeLatestNotification(request, { timeZone, messages });
    if (!message || !delivery) return;
    const at = now();
    try {
      await delivery.outbox.add([{ id: message.id, message, status: 'PENDING', queuedAt: at, attempts: 0, nextAttemptAt: at }]);
      queued.push(message);
    } catch (error) {
      options.logger?.warn('smart-task: notification not queued', { protocollo: request.protocollo, kind: message.kind, error: describeThrown(error) });
    }
  };

  /** Delivers the notices a call queued, after its last save; what is not delivered stays in the outbox for {@link RequestLifecycle.deliverDueNotices}. */
  const deliverQueued = async (queued: Queued): Promise<void> => {
    if (!delivery || queued.length === 0) return;
    try {
      await deliverNotices(delivery, { ids: queued.map((message) => message.id), limit: queued.length });
    } catch (error) {
      options.logger?.warn('smart-task: notifications left in the outbox', { error: describeThrown(error) });
    }
  };

  // History only moves forward: a clock that reads earlier than the request's last event (a step back,
  // another worker's clock running late) gives the event the last event's time instead of a refusal
  // that would leave the request stuck mid-attempt.
  const step = async (request: LifecycleRequest, event: LifecycleEvent, queued: Queued): Promise<LifecycleRequest> => {
    const at = Date.parse(event.at) <= Date.parse(request.updatedAt) ? request.updatedAt : event.at;
    const saved = await repository.save(applyEvent(request, at === event.at ? event : { ...event, at }));
    await queueNotice(saved, queued);
    return saved;
  };

  const ruleSetOf = (result: EvaluationResult) => engine.catalog.tasks.get(result.taskId)?.ruleSets.find(({ document }) => document.version === result.ruleSet?.version)?.document;

  /** Decides (nothing is performed), stores the audit record, and says which event records the outcome. */
  const decideAttempt = async (request: LifecycleRequest, signal: AbortSignal | undefined): Promise<{ event: LifecycleEvent; result?: EvaluationResult }> => {
    let result: EvaluationResult;
    try {
      result = await engine.decide(request.taskId, { requestId: request.protocollo, subject: request.subject, data: request.data, submittedAt: request.submittedAt }, signal ? { signal } : {});
    } catch (error) {
      // The engine refused the call itself (e.g. a task no longer offered): retrying cannot help.
      const code = isSmartTaskError(error) ? (error.issues[0]?.code ?? 'EVALUATION_REFUSED') : 'EVALUATION_REFUSED';
      return { event: { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: SYSTEM, code, message: describeThrown(error), retryable: false } };
    }
    let auditRecordId: string | undefined;
    try {
      auditRecordId = (await options.recordEvaluation?.(result, request)) ?? undefined;
    } catch (error) {
      return { result, event: { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: SYSTEM, code: 'AUDIT_RECORD_FAILED', message: `The evaluation could not be stored: ${describeThrown(error)}`, retryable: true } };
    }
    const audit = auditRecordId !== undefined ? { auditRecordId } : {};
    if (result.kind === 'decision') {
      const ruleSet = ruleSetOf(result);
      return {
        result,
        event: {
          type: 'RECORD_DECISION',
          at: now(),
          actor: SYSTEM,
          verdict: result.verdict,
          reasons: summarizeReasons(result.reasons, result, ruleSet, messages),
          warnings: summarizeReasons(result.warnings, result, ruleSet, messages),
          operations: result.plannedOperations,
          ...audit,
        },
      };
    }
    return { result, event: { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: SYSTEM, code: result.error.code, message: result.error.message, retryable: result.retryable, ...audit } };
  };

  /** Performs the pending operations of the recorded decision, saving each as the port confirms it, then the failure if one stopped them. */
  const performPending = async (request: LifecycleRequest, signal: AbortSignal | undefined, queued: Queued): Promise<{ request: LifecycleRequest; operations: OperationsOutcome }> => {
    let current = request;
    const outcome = await engine.performOperations(
      { requestId: request.protocollo, operations: request.plannedOperations, performed: request.operations },
      { signal, onPerformed: async (operation) => void (current = await step(current, { type: 'RECORD_OPERATION', at: now(), actor: SYSTEM, operation }, queued)) },
    );
    if (outcome.kind === 'operation-failure') {
      const { code, message, operation } = outcome.error;
      current = await step(current, { type: 'RECORD_OPERATION_FAILURE', at: now(), actor: SYSTEM, code, message, operation, retryable: outcome.retryable }, queued);
    }
    return { request: current, operations: outcome };
  };

  const istruttoria = async (request: LifecycleRequest, signal: AbortSignal | undefined, queued: Queued): Promise<LifecycleStep> => {
    const started = await step(request, { type: 'START_ISTRUTTORIA', at: now(), actor: SYSTEM }, queued);
    const { event, result } = await decideAttempt(started, signal);
    const recorded = await step(started, event, queued);
    if (recorded.state !== 'OPERATIONS_IN_PROGRESS' || result?.kind !== 'decision') return { request: recorded, ...(result && { result }), notifications: queued };
    const performed = await performPending(recorded, signal, queued);
    return { request: performed.request, result: completeEvaluation(result, performed.operations), operations: performed.operations, notifications: queued };
  };

  const resume = async (request: LifecycleRequest, signal: AbortSignal | undefined, queued: Queued): Promise<LifecycleStep> => {
    const started = await step(request, { type: 'START_OPERATIONS', at: now(), actor: SYSTEM }, queued);
    const performed = await performPending(started, signal, queued);
    return { request: performed.request, operations: performed.operations, notifications: queued };
  };

  /** Runs one lifecycle call, then delivers the notices it queued. */
  const withNotices = async (work: (queued: Queued) => Promise<LifecycleStep>): Promise<LifecycleStep> => {
    const queued: Queued = [];
    try {
      return await work(queued);
    } finally {
      await deliverQueued(queued);
    }
  };

  const load = async (protocollo: string): Promise<LifecycleRequest> => {
    const request = await repository.get(protocollo);
    if (!request) throw unknownProtocollo(protocollo);
    return request;
  };

  const listAll = (query: Omit<RequestQuery, 'page' | 'pageSize' | 'cursor'>): Promise<LifecycleRequest[]> => listAllRequests(repository, query);

  /** Runs `work` on each request, skipping those another worker moved on meanwhile (a conflict or a state that no longer allows it). */
  const forEachStillDue = async (protocolli: readonly string[], work: (request: LifecycleRequest) => Promise<LifecycleStep | undefined>): Promise<LifecycleStep[]> => {
    const steps: LifecycleStep[] = [];
    for (const protocollo of protocolli) {
      try {
        const done = await work(await load(protocollo));
        if (done) steps.push(done);
      } catch (error) {
        const code = isSmartTaskError(error) ? error.issues[0]?.code : undefined;
        if (code !== 'VERSION_CONFLICT' && code !== 'ILLEGAL_TRANSITION') throw error;
      }
    }
    return steps;
  };

  /** Runs the retry of a request whose retry is due by `dueBy`; `undefined` when none is. */
  const retryIfDue = (request: LifecycleRequest, dueBy: string, signal?: AbortSignal): Promise<LifecycleStep> | undefined => {
    if (!request.retry || Date.parse(request.retry.nextAttemptAt) > Date.parse(dueBy)) return undefined;
    if (request.state === 'RETRY_SCHEDULED') return withNotices((queued) => istruttoria(request, signal, queued));
    if (request.state === 'OPERATIONS_RETRY_SCHEDULED') return withNotices((queued) => resume(request, signal, queued));
    return undefined;
  };

  const runDueRetries: RequestLifecycle['runDueRetries'] = async () => {
    const dueBy = now();
    const due = await listAll({ retryDueBy: dueBy, sortBy: 'updatedAt' });
    // Read again before each: another worker may have run this retry since the list was taken (and closed or rescheduled it).
    return forEachStillDue(
      due.map((request) => request.protocollo),
      async (request) => retryIfDue(request, dueBy),
    );
  };

  const checkStaleAfter = (staleAfterMs: number): void => {
    if (!Number.isFinite(staleAfterMs) || staleAfterMs <= 0) {
      throw new SmartTaskError('Invalid recovery limit', [
        issue('INVALID_LIFECYCLE_OPTION', '<lifecycle>', '/staleAfterMs', `"staleAfterMs" must be a positive number of milliseconds, well above the longest evaluation; got ${String(staleAfterMs)}.`, {
          option: 'staleAfterMs',
          value: String(staleAfterMs),
        }),
      ]);
    }
  };
  const isStale = (request: LifecycleRequest, staleAfterMs: number) => INTERRUPTIBLE_STATES.includes(request.state) && Date.parse(request.updatedAt) <= clock.now().getTime() - staleAfterMs;
  const interrupted = (request: LifecycleRequest) => `The step recorded at ${request.updatedAt} was never followed by another (the process running it stopped).`;

  /** Picks up the step a stopped process left half-way (see {@link RequestLifecycle.recoverInterrupted}). */
  const recover = (request: LifecycleRequest, signal?: AbortSignal): Promise<LifecycleStep> =>
    withNotices(async (queued) => {
      switch (request.state) {
        case 'SUBMITTED':
          return istruttoria(request, signal, queued);
        case 'IN_ISTRUTTORIA':
          return { request: await step(request, { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: SYSTEM, code: 'ATTEMPT_INTERRUPTED', message: interrupted(request), retryable: true }, queued), notifications: queued };
        default:
          return { request: await step(request, { type: 'RECORD_OPERATION_FAILURE', at: now(), actor: SYSTEM, code: 'ATTEMPT_INTERRUPTED', message: interrupted(request), retryable: true }, queued), notifications: queued };
      }
    });

  const recoverInterrupted: RequestLifecycle['recoverInterrupted'] = async ({ staleAfterMs }) => {
    checkStaleAfter(staleAfterMs);
    const running = await listAll({ states: INTERRUPTIBLE_STATES, sortBy: 'updatedAt' });
    return forEachStillDue(
      running.filter((request) => isStale(request, staleAfterMs)).map((request) => request.protocollo),
      async (request) => (isStale(request, staleAfterMs) ? recover(request) : undefined),
    );
  };

  const advance: RequestLifecycle['advance'] = async (protocollo, { staleAfterMs, signal }) => {
    checkStaleAfter(staleAfterMs);
    const request = await load(protocollo);
    if (request.state === 'SUBMITTED') return withNotices((queued) => istruttoria(request, signal, queued));
    if (isStale(request, staleAfterMs)) return recover(request, signal);
    return retryIfDue(request, now(), signal);
  };

  const deliverDueNotices: RequestLifecycle['deliverDueNotices'] = async ({ limit = 100 } = {}) => (delivery ? deliverNotices(delivery, { limit }) : []);

  return {
    messages,
    async submit(submission, callOptions = {}) {
      const when = callOptions.istruttoria;
      if (when !== undefined && when !== 'now' && when !== 'deferred') {
        throw new SmartTaskError('Invalid submit options', [
          issue('INVALID_LIFECYCLE_OPTION', '<lifecycle>', '/istruttoria', `"istruttoria" must be "now" or "deferred"; got ${JSON.stringify(when)}.`, { option: 'istruttoria', value: String(JSON.stringify(when)) }),
        ]);
      }
      const validation = engine.validate(submission.taskId, submission.data);
      if (!validation.ok) throw invalidRequestData(validation.issues);
      const submittedAt = now();
      const today = isoDateInTimeZone(new Date(submittedAt), timeZone);
      const title = (engine.ruleSetInForce(submission.taskId, today) ?? engine.catalog.tasks.get(submission.taskId)?.ruleSets[0]?.document)?.title ?? { it: submission.taskId, en: submission.taskId };
      const protocollo = await options.nextProtocollo({ taskId: submission.taskId, subject: submission.subject, submittedAt });
      const opened = openRequest({
        type: 'SUBMIT',
        at: submittedAt,
        actor: { kind: 'requester', cf: submission.subject?.cf },
        protocollo,
        taskId: submission.taskId,
        title,
        subject: submission.subject,
        data: engine.pruneHidden(submission.taskId, submission.data),
        retryPolicy,
        ...(submission.notifications && { notifications: submission.notifications }),
      });
      return withNotices(async (queued) => {
        const saved = await repository.save(opened);
        await queueNotice(saved, queued);
        if (callOptions.istruttoria === 'deferred') return { request: saved, notifications: queued };
        return istruttoria(saved, callOptions.signal, queued);
      });
    },

    runIstruttoria: async (protocollo, callOptions = {}) => {
      const request = await load(protocollo);
      return withNotices((queued) => istruttoria(request, callOptions.signal, queued));
    },

    resumeOperations: async (protocollo, callOptions = {}) => {
      const request = await load(protocollo);
      return withNotices((queued) => resume(request, callOptions.signal, queued));
    },

    runDueRetries,
    recoverInterrupted,
    advance,
    deliverDueNotices,

    async runDueWork({ staleAfterMs }) {
      const recovered = await recoverInterrupted({ staleAfterMs });
      const retried = await runDueRetries();
      const notices = await deliverDueNotices();
      return { recovered, retried, notices };
    },

    async closeByOperator(protocollo, closure) {
      const request = await load(protocollo);
      return withNotices(async (queued) => ({
        request: await step(request, { type: 'CLOSE_BY_OPERATOR', at: now(), actor: { kind: 'operator', operatorId: closure.operatorId }, verdict: closure.verdict, motivazione: closure.motivazione }, queued),
        notifications: queued,
      }));
    },

    async withdraw(protocollo, withdrawal) {
      const request = await load(protocollo);
      return withNotices(async (queued) => ({
        request: await step(request, { type: 'WITHDRAW', at: now(), actor: { kind: 'requester', cf: withdrawal.cf }, ...(withdrawal.motivo !== undefined && { motivo: withdrawal.motivo }) }, queued),
        notifications: queued,
      }));
    },
  };
}
