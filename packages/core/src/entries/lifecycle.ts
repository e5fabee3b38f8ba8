/**
 * @smart-task/core/lifecycle — a request from submission to its final state: the state machine, the
 * lifecycle that runs the istruttoria, retries and operations, the notices it sends through the
 * outbox, and the Lista Richieste. The in-memory repository and outbox serve tests, demos and
 * single-process hosts; the query helpers serve repository adapters (as `@smart-task/postgres`).
 */
export { FINAL_STATES, LIFECYCLE_EVENT_TYPES, REQUEST_STATES, SCHEDULED_STATES } from '../requests/request-state.js';
export type {
  Actor,
  CloseByOperatorEvent,
  HistoryEntry,
  LastFailure,
  LifecycleEvent,
  LifecycleEventType,
  LifecycleRequest,
  OperatorActor,
  Outcome,
  OutcomeReason,
  RecordDecisionEvent,
  RecordOperationEvent,
  RecordOperationFailureEvent,
  RecordTechnicalFailureEvent,
  RequestState,
  RequesterActor,
  ScheduledRetry,
  StartIstruttoriaEvent,
  StartOperationsEvent,
  SubmitEvent,
  SystemActor,
  WithdrawEvent,
} from '../requests/request-state.js';
export { applyEvent, eventsAllowedIn, isFinalState, openRequest } from '../requests/transitions.js';
export { DEFAULT_NOTICE_RETRY_POLICY, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from '../requests/retry-policy.js';
export type { RetryPolicy } from '../requests/retry-policy.js';
export { stateLabel, visibleStateOf } from '../requests/state-labels.js';
export type { VisibleState } from '../requests/state-labels.js';
export { unknownProtocollo, versionConflict } from '../requests/repository-errors.js';
export { createRequestLifecycle } from '../lifecycle/request-lifecycle.js';
export type { DueWork, LifecycleStep, OperatorClosure, ProtocolloRequest, RequestLifecycle, RequestLifecycleOptions, Submission, SubmitOptions } from '../lifecycle/request-lifecycle.js';
export type { RequestRepository } from '../request-list/request-repository.js';
export type { NotificationPort } from '../notifications/notification-port.js';
export { createInMemoryRequestRepository } from '../adapters/in-memory-request-repository.js';
export type { InMemoryRequestRepository } from '../adapters/in-memory-request-repository.js';
export { toOperatorRequestView } from '../views/request-views.js';
export type { OperatorOperation, OperatorRequestView } from '../views/request-views.js';

export { NOTIFICATION_CHANNELS } from '../requests/notification-preference.js';
export type { NotificationChannel, NotificationPreference } from '../requests/notification-preference.js';
export { NOTIFICATION_KINDS } from '../notifications/notification-message.js';
export type { NotificationKind, NotificationMessage } from '../notifications/notification-message.js';
export { SMS_MAX_LENGTH, composeLatestNotification, composeNotification } from '../notifications/compose-notification.js';
export type { ComposeNotificationOptions } from '../notifications/compose-notification.js';
export { summarizeReasons } from '../notifications/reason-summary.js';
export { gsm7Length } from '../notifications/gsm7.js';
export type { NotificationOutbox, OutboxClaim, OutboxEntry, OutboxStatus } from '../notifications/notification-outbox.js';
export { createInMemoryNotificationOutbox } from '../adapters/in-memory-notification-outbox.js';
export type { InMemoryNotificationOutbox } from '../adapters/in-memory-notification-outbox.js';

export { DEFAULT_PAGE_SIZE, MAX_COUNTED_REQUESTS, MAX_PAGE_SIZE, checkRequestQuery, listAllRequests, pageWindowOf, requestPageOf, selectRequests } from '../request-list/request-query.js';
export type { RequestFilter, RequestPage, RequestQuery } from '../request-list/request-query.js';
export { readRequestCursor } from '../request-list/request-cursor.js';
export type { RequestListPosition, RequestSortKey } from '../request-list/request-cursor.js';
export { dayRangeInTimeZone } from '../calendar/iso-dates.js';
export { isKnownTimeZone } from '../validation/check-engine-options.js';
export { REQUEST_LIST_COLOR_TOKENS, listRequestRows, toRequestListRow } from '../request-list/request-list-row.js';
export type { RequestListRow } from '../request-list/request-list-row.js';
