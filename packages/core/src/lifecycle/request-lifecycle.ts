import type { Subject } from '@smart-task/schemas';
import type { SmartTaskEngine } from '../engine.js';
import { SmartTaskError, issue, isSmartTaskError } from '../errors.js';
import type { EvaluationResult, Verdict } from '../evaluate/decision.js';
import { composeLatestNotification } from '../notifications/compose-notification.js';
import type { NotificationMessage, NotificationPreference } from '../notifications/notification-message.js';
import { summarizeReasons } from '../notifications/reason-summary.js';
import type { Clock, Logger, NotificationPort, RequestRepository } from '../port.js';
import { MAX_PAGE_SIZE, type RequestQuery } from '../request-list/request-query.js';
import { isoDateInTimeZone } from '../vocabulary/iso-dates.js';
import { unknownProtocollo } from './repository-errors.js';
import type { LifecycleEvent, LifecycleRequest } from './request-state.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { applyEvent, openRequest } from './transitions.js';

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
  /** Time of every event; defaults to the system clock. */
  readonly clock?: Clock;
  /** Retries after a technical failure; defaults to {@link DEFAULT_RETRY_POLICY}. Each request keeps the policy it was filed with. */
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** Zone of "today" (which rule-set title) and of dates in notices; defaults to Europe/Rome. */
  readonly timeZone?: string;
  /** Stores an evaluation (the audit record) and returns its id, which the history keeps. A throw counts as a retryable technical failure. */
  readonly recordEvaluation?: (result: EvaluationResult, request: LifecycleRequest) => string | undefined | Promise<string | undefined>;
  /** Told of notices that could not be sent (warn). */
  readonly logger?: Logger;
}

/** What the requester files. */
export interface Submission {
  readonly taskId: string;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  /** How the requester wants to be told, from their contacts; no notices when absent. */
  readonly notifications?: NotificationPreference;
}

/** The outcome of one lifecycle call: the request as saved, the evaluation when one ran, the notices sent. */
export interface LifecycleStep {
  readonly request: LifecycleRequest;
  readonly result?: EvaluationResult;
  readonly notifications: readonly NotificationMessage[];
}

/** An operator's closure of a request in `IN_CARICO_SEDE`. */
export interface OperatorClosure {
  readonly operatorId: string;
  readonly verdict: Verdict;
  readonly motivazione: string;
}

/** What a host calls to move requests through their life; the state lives in the repository only. */
export interface RequestLifecycle {
  /** Validates the data, protocols the request, runs the first istruttoria attempt and records its outcome. */
  submit(submission: Submission, options?: { readonly signal?: AbortSignal }): Promise<LifecycleStep>;
  /** Runs the next istruttoria attempt of a request that is `SUBMITTED` or whose retry is due. */
  runIstruttoria(protocollo: string, options?: { readonly signal?: AbortSignal }): Promise<LifecycleStep>;
  /** Runs every retry due now; requests another worker took meanwhile are skipped. Call it from the host's scheduler. */
  runDueRetries(): Promise<LifecycleStep[]>;
  /**
   * Ends the attempts that started more than `staleAfterMs` ago and never recorded an outcome — the
   * process running them stopped — with the technical failure `ATTEMPT_INTERRUPTED`, so that their retry
   * (or hand-over to the Sede) proceeds. Call it from the host's scheduler with a limit well above the
   * longest evaluation; an attempt still running elsewhere is younger and is left alone.
   */
  recoverInterrupted(options: { readonly staleAfterMs: number }): Promise<LifecycleStep[]>;
  /** A Sede operator closes a request in their charge with a verdict and a motivazione. */
  closeByOperator(protocollo: string, closure: OperatorClosure): Promise<LifecycleStep>;
  /** The requester withdraws a request that has no outcome yet. */
  withdraw(protocollo: string, withdrawal: { readonly cf: string; readonly motivo?: string }): Promise<LifecycleStep>;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * The operations of an attempt that took effect or may have: those the result lists, plus one when the
 * attempt stopped while performing operations (an operation failed or went unconfirmed, or the host
 * cancelled after every rule had passed), since the action port may have acted without confirming.
 * Counting it keeps a withdrawal from leaving a half-done effect behind.
 */
function operationsTakenEffect(result: EvaluationResult): number {
  if (result.kind === 'decision') return result.operations.length;
  const reachedOperations = [...result.gates, ...result.checks].every((rule) => rule.notEvaluatedBecause !== 'TECHNICAL_FAILURE' && !(rule.severity === 'BLOCKING' && rule.status === 'FAILED'));
  const inDoubt = result.error.operation !== undefined || (result.error.code === 'ABORTED' && reachedOperations);
  return result.operations.length + (inDoubt ? 1 : 0);
}

/**
 * Creates the orchestrator of the request lifecycle: `submit` → istruttoria with the engine → verdict,
 * or technical failure → scheduled retry (exponential backoff) → … → `IN_CARICO_SEDE` → operator's
 * closure. Every step is an event applied with {@link applyEvent} and saved with optimistic concurrency;
 * the notice it calls for is sent afterwards. Nothing is kept between calls.
 *
 * @example
 * const lifecycle = createRequestLifecycle({ engine, repository, nextProtocollo: () => register.next(), notifications });
 * const { request } = await lifecycle.submit({ taskId, subject, data, notifications: { channel: 'PEC', address: 'aurora@pec.it' } });
 */
export function createRequestLifecycle(options: RequestLifecycleOptions): RequestLifecycle {
  const { engine, repository } = options;
  const clock = options.clock ?? systemClock;
  const timeZone = options.timeZone ?? 'Europe/Rome';
  const retryPolicy = resolveRetryPolicy(options.retryPolicy);
  if (typeof options.nextProtocollo !== 'function') {
    throw new SmartTaskError('Invalid lifecycle options', [issue('INVALID_LIFECYCLE_OPTION', '<lifecycle>', '/nextProtocollo', 'Pass "nextProtocollo": a function that returns a new protocol number from the host\'s protocol register.')]);
  }
  const now = () => clock.now().toISOString();

  const notify = async (request: LifecycleRequest): Promise<NotificationMessage[]> => {
    const message = options.notifications && composeLatestNotification(request, { timeZone });
    if (!message || !options.notifications) return [];
    try {
      await options.notifications.send(message);
      return [message];
    } catch (error) {
      options.logger?.warn('smart-task: notification not sent', { protocollo: request.protocollo, kind: message.kind, channel: message.channel, error: (error as Error)?.message ?? String(error) });
      return [];
    }
  };

  // History only moves forward: a clock that reads earlier than the request's last event (a step back,
  // another worker's clock running late) gives the event the last event's time instead of a refusal
  // that would leave the request stuck mid-attempt.
  const step = async (request: LifecycleRequest, event: LifecycleEvent): Promise<{ request: LifecycleRequest; notifications: NotificationMessage[] }> => {
    const at = Date.parse(event.at) <= Date.parse(request.updatedAt) ? request.updatedAt : event.at;
    const saved = await repository.save(applyEvent(request, at === event.at ? event : { ...event, at }));
    return { request: saved, notifications: await notify(saved) };
  };

  const ruleSetOf = (result: EvaluationResult) => engine.catalog.tasks.get(result.taskId)?.ruleSets.find(({ document }) => document.version === result.ruleSet?.version)?.document;

  const outcomeEvent = async (request: LifecycleRequest, signal: AbortSignal | undefined): Promise<{ event: LifecycleEvent; result?: EvaluationResult }> => {
    let result: EvaluationResult;
    try {
      result = await engine.evaluate(request.taskId, { requestId: request.protocollo, subject: request.subject, data: request.data, submittedAt: request.submittedAt }, signal ? { signal } : {});
    } catch (error) {
      // The engine refused the call itself (e.g. a task no longer offered): retrying cannot help.
      const code = isSmartTaskError(error) ? (error.issues[0]?.code ?? 'EVALUATION_REFUSED') : 'EVALUATION_REFUSED';
      return { event: { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: { kind: 'system' }, code, message: (error as Error)?.message ?? String(error), retryable: false, operationsPerformed: 0 } };
    }
    let auditRecordId: string | undefined;
    try {
      auditRecordId = (await options.recordEvaluation?.(result, request)) ?? undefined;
    } catch (error) {
      const operationsPerformed = operationsTakenEffect(result);
      return { result, event: { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: { kind: 'system' }, code: 'AUDIT_RECORD_FAILED', message: `The evaluation could not be stored: ${(error as Error)?.message ?? String(error)}`, retryable: true, operationsPerformed } };
    }
    const audit = auditRecordId !== undefined ? { auditRecordId } : {};
    if (result.kind === 'decision') {
      const ruleSet = ruleSetOf(result);
      return {
        result,
        event: { type: 'RECORD_DECISION', at: now(), actor: { kind: 'system' }, verdict: result.verdict, reasons: summarizeReasons(result.reasons, result, ruleSet), warnings: summarizeReasons(result.warnings, result, ruleSet), ...audit },
      };
    }
    return {
      result,
      event: { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: { kind: 'system' }, code: result.error.code, message: result.error.message, retryable: result.retryable, operationsPerformed: operationsTakenEffect(result), ...audit },
    };
  };

  const istruttoria = async (request: LifecycleRequest, signal: AbortSignal | undefined, sent: NotificationMessage[]): Promise<LifecycleStep> => {
    const started = await step(request, { type: 'START_ISTRUTTORIA', at: now(), actor: { kind: 'system' } });
    const { event, result } = await outcomeEvent(started.request, signal);
    const recorded = await step(started.request, event);
    return { request: recorded.request, ...(result && { result }), notifications: [...sent, ...started.notifications, ...recorded.notifications] };
  };

  const load = async (protocollo: string): Promise<LifecycleRequest> => {
    const request = await repository.get(protocollo);
    if (!request) throw unknownProtocollo(protocollo);
    return request;
  };

  const runIstruttoria: RequestLifecycle['runIstruttoria'] = async (protocollo, callOptions = {}) => istruttoria(await load(protocollo), callOptions.signal, []);

  /** Every request the query matches, across pages. */
  const listAll = async (query: Omit<RequestQuery, 'page' | 'pageSize'>): Promise<LifecycleRequest[]> => {
    const all: LifecycleRequest[] = [];
    for (let page = 1, pageCount = 1; page <= pageCount; page += 1) {
      const found = await repository.list({ ...query, page, pageSize: MAX_PAGE_SIZE });
      all.push(...found.items);
      pageCount = found.pageCount;
    }
    return all;
  };

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

  return {
    async submit(submission, callOptions = {}) {
      const validation = engine.validate(submission.taskId, submission.data);
      if (!validation.ok) {
        throw new SmartTaskError(
          'The request data is not valid',
          validation.issues.map((found) => issue('INVALID_REQUEST', '<request>', `/data${found.pointer}`, found.message.en)),
          validation.issues,
        );
      }
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
      const saved = await repository.save(opened);
      return istruttoria(saved, callOptions.signal, await notify(saved));
    },

    runIstruttoria,

    async runDueRetries() {
      const dueBy = now();
      const due = await listAll({ retryDueBy: dueBy, sortBy: 'updatedAt' });
      // Read again before each: another worker may have run this retry since the list was taken (and closed or rescheduled it).
      return forEachStillDue(
        due.map((request) => request.protocollo),
        async (request) => (request.state === 'RETRY_SCHEDULED' && request.retry && Date.parse(request.retry.nextAttemptAt) <= Date.parse(dueBy) ? istruttoria(request, undefined, []) : undefined),
      );
    },

    async recoverInterrupted({ staleAfterMs }) {
      if (!Number.isFinite(staleAfterMs) || staleAfterMs <= 0) {
        throw new SmartTaskError('Invalid recovery limit', [issue('INVALID_LIFECYCLE_OPTION', '<lifecycle>', '/staleAfterMs', `"staleAfterMs" must be a positive number of milliseconds, well above the longest evaluation; got ${String(staleAfterMs)}.`)]);
      }
      const cutoff = clock.now().getTime() - staleAfterMs;
      const running = await listAll({ states: ['IN_ISTRUTTORIA'], sortBy: 'updatedAt' });
      const isStale = (request: LifecycleRequest) => request.state === 'IN_ISTRUTTORIA' && Date.parse(request.updatedAt) <= cutoff;
      return forEachStillDue(
        running.filter(isStale).map((request) => request.protocollo),
        async (request) => {
          if (!isStale(request)) return undefined;
          // Whether operations ran before the stop is unknown: count one, so a withdrawal cannot leave a half-done effect.
          const recorded = await step(request, { type: 'RECORD_TECHNICAL_FAILURE', at: now(), actor: { kind: 'system' }, code: 'ATTEMPT_INTERRUPTED', message: `The istruttoria attempt started at ${request.updatedAt} never recorded an outcome (the process running it stopped).`, retryable: true, operationsPerformed: 1 });
          return { request: recorded.request, notifications: recorded.notifications };
        },
      );
    },

    async closeByOperator(protocollo, closure) {
      const request = await load(protocollo);
      return step(request, { type: 'CLOSE_BY_OPERATOR', at: now(), actor: { kind: 'operator', operatorId: closure.operatorId }, verdict: closure.verdict, motivazione: closure.motivazione });
    },

    async withdraw(protocollo, withdrawal) {
      const request = await load(protocollo);
      return step(request, { type: 'WITHDRAW', at: now(), actor: { kind: 'requester', cf: withdrawal.cf }, ...(withdrawal.motivo !== undefined && { motivo: withdrawal.motivo }) });
    },
  };
}
