/**
 * @smart-task/core — the Smart-Task engine: loads JSON rule sets and request schemas, composes forms,
 * validates requests and runs the automated istruttoria against a pluggable data port.
 */
export { createEngine } from './engine.js';
export type {
  CatalogDocument,
  CasesDocument,
  Condition,
  FactDeclaration,
  Locale,
  LocalizedText,
  PortContractDocument,
  PortFixture,
  Profilo,
  RequestSchemaDocument,
  RuleSetDocument,
  Subject,
} from '@smart-task/schemas';
export type { CallOptions, EngineOptions, EvaluateOptions, PerformOptions, PlannedTaskActivation, SmartTaskEngine, SmartTaskRequest, TaskSummary } from './engine.js';
export type { OperationsFailed, OperationsOutcome, OperationsPerformed, OperationsPlan, PerformHooks } from './evaluate/perform-operations.js';

export { loadCatalog } from './catalog/load-catalog.js';
export type { LoadCatalogOptions } from './catalog/load-catalog.js';
export type { Catalog, LoadedDocument, SourceLocation, TaskDefinition } from './catalog/catalog.js';
export { sourceOf } from './catalog/rule-library.js';
export { kindOfFile } from './catalog/document-kinds.js';
export type { DocumentKind } from './catalog/document-kinds.js';

export { ISSUE_CODES, SmartTaskError, formatIssue, isSmartTaskError } from './errors.js';
export type { Issue, IssueCode, IssueParams, IssueSeverity, Result } from './errors.js';

export { BUILT_IN_MESSAGES, MESSAGE_CODES, MESSAGE_PARAMS, isMessageCode } from './messages/built-in-messages.js';
export type { MessageCode } from './messages/built-in-messages.js';
export { createMessages } from './messages/messages.js';
export type { MessageOverrides, MessageParam, MessageParamValue, MessageParams, MessageTable, MessageText, Messages } from './messages/messages.js';
export { textIn } from './messages/message-locale.js';
export type { HostLocale, HostLocales, LocalizedMessage, MessageLocale } from './messages/message-locale.js';

export { PortError, isPortError } from './port.js';
export { DEFAULT_LIMITS, type EngineLimits } from './limits/engine-limits.js';
export type { ActionCall, ActionOutcome, ActionPort, Clock, DataPort, Logger, NotificationPort, PortCallContext, RequestRepository } from './port.js';
export { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from './adapters/in-memory-ports.js';
export type { InMemoryActionPort, InMemoryDataPort } from './adapters/in-memory-ports.js';
export { createInMemoryRequestRepository } from './adapters/in-memory-request-repository.js';
export { createInMemoryNotificationOutbox } from './adapters/in-memory-notification-outbox.js';
export type { InMemoryNotificationOutbox } from './adapters/in-memory-notification-outbox.js';
export type { NotificationOutbox, OutboxClaim, OutboxEntry, OutboxStatus } from './notifications/notification-outbox.js';
export type { InMemoryRequestRepository } from './adapters/in-memory-request-repository.js';

export { isDecision, isTechnicalFailure } from './evaluate/decision.js';
export type {
  ConditionTrace,
  Decision,
  EvaluationResult,
  OperationRecord,
  PlannedOperation,
  PortCallRecord,
  Reason,
  RuleOutcome,
  RuleSetReference,
  RuleStatus,
  TechnicalError,
  TechnicalFailure,
  TechnicalFailureCode,
  Timings,
  Verdict,
} from './evaluate/decision.js';

export type { ComposedForm, FormNotice, KnownValue, NotAllowedForm, ReadyForm, UnavailableForm } from './form/composed-form.js';
export type { RequestIssue, RequestValidation } from './validation/request-validator.js';

export { explainInItalian } from './views/explain.js';
export { toContributorView, toOperatorView } from './views/views.js';
export type { ContributorOutcome, ContributorView, OperatorView } from './views/views.js';
export { toOperatorRequestView } from './views/request-views.js';
export type { OperatorOperation, OperatorRequestView } from './views/request-views.js';

export { AUDIT_VERSION, toAuditRecord } from './audit/audit-record.js';
export type { AuditClock, AuditOperation, AuditOutcome, AuditPortCall, AuditReason, AuditRecord, AuditRuleOutcome } from './audit/audit-record.js';
export { ReplayMissError, createReplayActionPort, createReplayPort } from './replay/replay-ports.js';
export type { PortCallKey, ReplayDataPort } from './replay/replay-ports.js';
export { compareOutcomes, outcomeLabel } from './replay/compare-outcomes.js';
export type { OutcomeChange, OutcomeChanges } from './replay/compare-outcomes.js';
export { createRecordReplayer } from './replay/replay-record.js';
export type { NotReplayableRecord, RecordReplayResult, RecordReplayer, RecordReplayerOptions, ReplayedRecord } from './replay/replay-record.js';
export { replayAuditRecords } from './replay/replay-audit-records.js';
export type { LineReplay, ReplayOptions } from './replay/replay-audit-records.js';
export { formatImpactReport } from './replay/format-impact-report.js';
export type { ChangeCount, ChangeExample, ImpactReport, NotReplayableExample, SkipCause, SkippedLine } from './replay/impact-report.js';

export { runCases, compareWithExpectation } from './cases/run-cases.js';
export type { CaseResult, RunCasesOptions } from './cases/run-cases.js';
export { measureCoverage, coverageGaps } from './cases/coverage.js';
export type {
  ConditionCoverage,
  ConditionOutcomes,
  CoverageFigures,
  CoverageGap,
  CoverageReport,
  CoverageRun,
  RuleCoverage,
  RuleOutcomes,
  RuleSetCoverage,
  TaskCoverage,
} from './cases/coverage.js';

export { lintCatalog, formatFinding, LINT_CODES } from './lint/index.js';
export type { LintCode, LintFinding, LintOptions, LintSeverity } from './lint/index.js';

export { createVocabulary } from './vocabulary/vocabulary.js';
export type { Vocabulary, VocabularyExtensions } from './vocabulary/vocabulary.js';
export { builtInOperators } from './vocabulary/operators.js';
export type { OperandType, OperandTypes, OperatorDefinition } from './vocabulary/operators.js';
export { builtInFactHelpers } from './vocabulary/fact-helpers.js';
export type { FactHelperDefinition } from './vocabulary/fact-helpers.js';
export { BUILT_IN_FACTS } from './compile/fact-graph.js';

export { domainFormats } from './formats/index.js';
export type { DomainFormatName, FormatResult } from './formats/index.js';

export { FINAL_STATES, LIFECYCLE_EVENT_TYPES, REQUEST_STATES, SCHEDULED_STATES } from './lifecycle/request-state.js';
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
} from './lifecycle/request-state.js';
export { applyEvent, eventsAllowedIn, isFinalState, openRequest } from './lifecycle/transitions.js';
export { DEFAULT_NOTICE_RETRY_POLICY, DEFAULT_RETRY_POLICY, canRetryAfter, resolveRetryPolicy, retryDelayMs } from './lifecycle/retry-policy.js';
export type { RetryPolicy } from './lifecycle/retry-policy.js';
export { stateLabel, visibleStateOf } from './lifecycle/state-labels.js';
export type { VisibleState } from './lifecycle/state-labels.js';
export { unknownProtocollo, versionConflict } from './lifecycle/repository-errors.js';
export { createRequestLifecycle } from './lifecycle/request-lifecycle.js';
export type { DueWork, LifecycleStep, OperatorClosure, ProtocolloRequest, RequestLifecycle, RequestLifecycleOptions, Submission, SubmitOptions } from './lifecycle/request-lifecycle.js';

export { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from './notifications/notification-message.js';
export type { NotificationChannel, NotificationKind, NotificationMessage, NotificationPreference } from './notifications/notification-message.js';
export { SMS_MAX_LENGTH, composeLatestNotification, composeNotification, noticeIdOf, notificationKindOf } from './notifications/compose-notification.js';
export type { ComposeNotificationOptions } from './notifications/compose-notification.js';
export { summarizeReasons } from './notifications/reason-summary.js';
export { gsm7Length } from './notifications/gsm7.js';

export { DEFAULT_PAGE_SIZE, MAX_COUNTED_REQUESTS, MAX_PAGE_SIZE, checkRequestQuery, listAllRequests, matchesRequestFilter, pageWindowOf, requestPageOf, selectRequests } from './request-list/request-query.js';
export type { RequestFilter, RequestPage, RequestQuery } from './request-list/request-query.js';
export { readRequestCursor } from './request-list/request-cursor.js';
export type { RequestListPosition, RequestSortKey } from './request-list/request-cursor.js';
export { dayRangeInTimeZone, startOfDayInTimeZone } from './vocabulary/iso-dates.js';
export { isKnownTimeZone } from './validation/check-engine-options.js';
export { REQUEST_LIST_COLOR_TOKENS, listRequestRows, toRequestListRow } from './request-list/request-list-row.js';
export type { RequestListRow } from './request-list/request-list-row.js';
