import type { LocalizedText, Subject } from '@smart-task/schemas';
import type { OperationRecord, PlannedOperation, Verdict } from '../evaluate/decision.js';
import type { NotificationPreference } from './notification-preference.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * The states of a Smart-Task request, from protocol to closure. `ACCOLTA`, `NON_ACCOLTA` and
 * `RITIRATA` are final. `OPERATIONS_IN_PROGRESS` and `OPERATIONS_RETRY_SCHEDULED` come after a
 * recorded `ACCOLTA` decision whose operations are being performed (or wait to be resumed): from there
 * the request is never evaluated again.
 */
export const REQUEST_STATES = ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_RETRY_SCHEDULED', 'IN_CARICO_SEDE', 'ACCOLTA', 'NON_ACCOLTA', 'RITIRATA'] as const;

/** A state of a request; see {@link REQUEST_STATES}. */
export type RequestState = (typeof REQUEST_STATES)[number];

/** The states no event leaves. */
export const FINAL_STATES: ReadonlySet<RequestState> = new Set<RequestState>(['ACCOLTA', 'NON_ACCOLTA', 'RITIRATA']);

/** The states in which a retry waits for its time (`retry` is set): what a scheduler picks up when due. */
export const SCHEDULED_STATES: ReadonlySet<RequestState> = new Set<RequestState>(['RETRY_SCHEDULED', 'OPERATIONS_RETRY_SCHEDULED']);

/** The kinds of lifecycle event; each one is a step in the request's history. */
export const LIFECYCLE_EVENT_TYPES = ['SUBMIT', 'START_ISTRUTTORIA', 'RECORD_DECISION', 'RECORD_TECHNICAL_FAILURE', 'START_OPERATIONS', 'RECORD_OPERATION', 'RECORD_OPERATION_FAILURE', 'CLOSE_BY_OPERATOR', 'WITHDRAW'] as const;

/** A kind of lifecycle event; see {@link LIFECYCLE_EVENT_TYPES}. */
export type LifecycleEventType = (typeof LIFECYCLE_EVENT_TYPES)[number];

/** The person who filed the request, by codice fiscale. */
export interface RequesterActor {
  readonly kind: 'requester';
  readonly cf: string;
}

/** The library acting for the host: istruttoria, retries, hand-over. */
export interface SystemActor {
  readonly kind: 'system';
}

/** A Sede operator, by the host's operator id. */
export interface OperatorActor {
  readonly kind: 'operator';
  readonly operatorId: string;
}

/** Who caused an event. */
export type Actor = RequesterActor | SystemActor | OperatorActor;

/** A reason of a verdict as the lifecycle keeps it: the contributor-facing message and a short, data-free summary. */
export interface OutcomeReason {
  readonly code: string;
  readonly ruleId: string;
  /** The message the contributor view shows. */
  readonly message: LocalizedText;
  /** One clause of the message with every value read from INPS archives withheld: what notifications carry. */
  readonly summary: LocalizedText;
}

/** What every event carries: when (ISO date-time) and who. */
interface EventBase {
  readonly at: string;
}

/** The requester files the request; the host has given it a protocol number. Opens the lifecycle. */
export interface SubmitEvent extends EventBase {
  readonly type: 'SUBMIT';
  readonly actor: RequesterActor;
  readonly protocollo: string;
  readonly taskId: string;
  /** The task's title from the rule set in force. */
  readonly title: LocalizedText;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly retryPolicy: RetryPolicy;
  /** How the requester wants to be told; no notifications when absent. */
  readonly notifications?: NotificationPreference;
}

/** An automated istruttoria attempt starts. */
export interface StartIstruttoriaEvent extends EventBase {
  readonly type: 'START_ISTRUTTORIA';
  readonly actor: SystemActor;
}

/**
 * The istruttoria reached a verdict, recorded before any operation: a durable fact from now on. An
 * `ACCOLTA` with operations moves to `OPERATIONS_IN_PROGRESS`; otherwise the request is closed.
 */
export interface RecordDecisionEvent extends EventBase {
  readonly type: 'RECORD_DECISION';
  readonly actor: SystemActor;
  readonly verdict: Verdict;
  readonly reasons: readonly OutcomeReason[];
  readonly warnings: readonly OutcomeReason[];
  /** For `ACCOLTA`: the operations the decision commits to, resolved (`Decision.plannedOperations`); empty otherwise. */
  readonly operations: readonly PlannedOperation[];
  /** The host's id of the stored evaluation (audit record), when it keeps one. */
  readonly auditRecordId?: string;
}

/** The istruttoria attempt ended without a verdict (port error, timeout, contract violation, audit store down, interrupted). Nothing was performed. */
export interface RecordTechnicalFailureEvent extends EventBase {
  readonly type: 'RECORD_TECHNICAL_FAILURE';
  readonly actor: SystemActor;
  readonly code: string;
  readonly message: string;
  /** False when repeating the attempt cannot help: the request goes straight to the Sede. */
  readonly retryable: boolean;
  readonly auditRecordId?: string;
}

/** A scheduled resumption of the pending operations of a recorded decision starts. */
export interface StartOperationsEvent extends EventBase {
  readonly type: 'START_OPERATIONS';
  readonly actor: SystemActor;
}

/** The action port confirmed one planned operation. After the last one the request is `ACCOLTA`. */
export interface RecordOperationEvent extends EventBase {
  readonly type: 'RECORD_OPERATION';
  readonly actor: SystemActor;
  readonly operation: OperationRecord;
}

/** Performing stopped at an operation that failed or went unconfirmed (or the attempt was interrupted); the verdict stands. */
export interface RecordOperationFailureEvent extends EventBase {
  readonly type: 'RECORD_OPERATION_FAILURE';
  readonly actor: SystemActor;
  readonly code: string;
  readonly message: string;
  /** The planned operation that failed, when known (not for an interrupted attempt). */
  readonly operation?: string;
  /** False when repeating cannot help: the request goes to the Sede with its decision and what was done. */
  readonly retryable: boolean;
}

/** A Sede operator closes a request in their charge with a verdict. */
export interface CloseByOperatorEvent extends EventBase {
  readonly type: 'CLOSE_BY_OPERATOR';
  readonly actor: OperatorActor;
  readonly verdict: Verdict;
  /** Why, in words written for the requester. */
  readonly motivazione: string;
}

/** The requester withdraws the request before its outcome. */
export interface WithdrawEvent extends EventBase {
  readonly type: 'WITHDRAW';
  readonly actor: RequesterActor;
  readonly motivo?: string;
}

/** Everything that can happen to a request. */
export type LifecycleEvent = SubmitEvent | StartIstruttoriaEvent | RecordDecisionEvent | RecordTechnicalFailureEvent | StartOperationsEvent | RecordOperationEvent | RecordOperationFailureEvent | CloseByOperatorEvent | WithdrawEvent;

/** One step of a request's history: the event and the states before and after it. */
export interface HistoryEntry {
  readonly event: LifecycleEvent;
  readonly from: RequestState | null;
  readonly to: RequestState;
}

/** The retry waiting to run after a technical failure (of the istruttoria, or of its operations). */
export interface ScheduledRetry {
  /** The attempt that will run next (2 for the first retry), counted apart for the istruttoria and for its operations. */
  readonly attempt: number;
  readonly nextAttemptAt: string;
}

/** The last technical failure, kept for the operator. */
export interface LastFailure {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly at: string;
}

/** How a request was closed with a verdict: by the istruttoria or by a Sede operator. */
export type Outcome =
  | { readonly verdict: Verdict; readonly decidedBy: 'istruttoria'; readonly at: string; readonly reasons: readonly OutcomeReason[]; readonly warnings: readonly OutcomeReason[]; readonly auditRecordId?: string }
  | { readonly verdict: Verdict; readonly decidedBy: 'operator'; readonly at: string; readonly operatorId: string; readonly motivazione: string };

/**
 * A request and its whole life, as the host persists it. Immutable (deeply frozen): every change is a
 * new value returned by `applyEvent`.
 */
export interface LifecycleRequest {
  readonly protocollo: string;
  readonly taskId: string;
  readonly title: LocalizedText;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly submittedAt: string;
  /** Time of the last event. */
  readonly updatedAt: string;
  readonly state: RequestState;
  /** Istruttoria attempts started so far. */
  readonly attempts: number;
  /** Attempts at performing the operations of the recorded decision (0 before a decision). */
  readonly operationAttempts: number;
  readonly retryPolicy: RetryPolicy;
  readonly notifications?: NotificationPreference;
  /** Set in `RETRY_SCHEDULED` and `OPERATIONS_RETRY_SCHEDULED` only. */
  readonly retry?: ScheduledRetry;
  readonly lastFailure?: LastFailure;
  /**
   * Set once a verdict is recorded (by the istruttoria, from `RECORD_DECISION` on, also while its
   * operations run) or when an operator closes the request.
   */
  readonly outcome?: Outcome;
  /** The operations the recorded decision commits to, in order (empty before a decision and for `NON_ACCOLTA`). */
  readonly plannedOperations: readonly PlannedOperation[];
  /** The planned operations the action port confirmed, in order. */
  readonly operations: readonly OperationRecord[];
  readonly history: readonly HistoryEntry[];
  /** Optimistic-concurrency version: 0 before the first save; the repository increments it on every save. */
  readonly version: number;
}
