/**
 * @smart-task/core — the Smart-Task engine: loads JSON rule sets and request schemas, composes forms,
 * validates requests and runs the automated istruttoria against a pluggable data port.
 *
 * This entry holds what a host needs to evaluate. The rest is on subpaths:
 * `@smart-task/core/lifecycle` (the request lifecycle, notifications, the Lista Richieste),
 * `@smart-task/core/audit` (audit records and replay), `@smart-task/core/testing` (in-memory ports,
 * the cases runner), `@smart-task/core/node` (reading a catalog from directories) and
 * `@smart-task/core/toolchain` (what catalog tooling such as `@smart-task/cli` builds on).
 */
export { createEngine } from './engine.js';
export type { CatalogDocument, CasesDocument, Condition, FactDeclaration, Locale, LocalizedText, PortContractDocument, PortFixture, Profilo, RequestSchemaDocument, RuleSetDocument, Subject } from '@smart-task/schemas';
export type { EvaluatorName } from './compile/evaluated-condition.js';
export type { CallOptions, EngineOptions, EvaluateOptions, PerformOptions, PlannedTaskActivation, SmartTaskEngine, SmartTaskRequest, TaskSummary } from './engine.js';
export type { OperationsFailed, OperationsOutcome, OperationsPerformed, OperationsPlan, PerformHooks } from './evaluate/perform-operations.js';

export { loadCatalog } from './catalog/load-catalog.js';
export type { LoadCatalogOptions } from './catalog/load-catalog.js';
export type { Catalog, LoadedDocument, SourceLocation, TaskDefinition } from './catalog/catalog.js';

export { ISSUE_CODES, SmartTaskError, formatIssue, isSmartTaskError } from './errors.js';
export type { Issue, IssueCode, IssueParams, IssueSeverity, RequestIssue, Result } from './errors.js';

export { BUILT_IN_MESSAGES, MESSAGE_CODES, MESSAGE_PARAMS, isMessageCode } from './messages/built-in-messages.js';
export type { MessageCode } from './messages/built-in-messages.js';
export { createMessages } from './messages/messages.js';
export type { MessageOverrides, MessageParam, MessageParamValue, MessageParams, MessageTable, MessageText, Messages } from './messages/messages.js';
export { textIn } from './text/message-locale.js';
export type { HostLocale, HostLocales, LocalizedMessage, MessageLocale } from './text/message-locale.js';

export { PortError, isPortError } from './port.js';
export { DEFAULT_LIMITS, type EngineLimits } from './limits/engine-limits.js';
export type { ActionCall, ActionOutcome, ActionPort, Clock, DataPort, Logger, PortCallContext } from './port.js';

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

export type { ComposedForm, FormNotice, KnownValue, NotAllowedForm, ReadyForm, UiSchema, UnavailableForm } from './form/composed-form.js';
export type { FieldMessages } from './form/field-messages.js';
export type { RequestValidation } from './validation/request-validator.js';

export { explainInItalian } from './views/explain.js';
export { toContributorView, toOperatorView } from './views/views.js';
export type { ContributorOutcome, ContributorView, OperatorView } from './views/views.js';

export { createVocabulary } from './vocabulary/vocabulary.js';
export type { Vocabulary, VocabularyExtensions } from './vocabulary/vocabulary.js';
export { builtInOperators } from './vocabulary/operators.js';
export type { OperandType, OperandTypes, OperatorDefinition } from './vocabulary/operators.js';
export { builtInFactHelpers } from './vocabulary/fact-helpers.js';
export type { FactHelperDefinition } from './vocabulary/fact-helpers.js';
export { BUILT_IN_FACTS } from './compile/fact-graph.js';

export { domainFormats } from './formats/index.js';
export type { DomainFormatName, FormatResult } from './formats/index.js';
