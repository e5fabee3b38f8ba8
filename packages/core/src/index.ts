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
export type { CallOptions, EngineOptions, PlannedTaskActivation, SmartTaskEngine, SmartTaskRequest, TaskSummary } from './engine.js';

export { loadCatalog } from './catalog/load-catalog.js';
export type { LoadCatalogOptions } from './catalog/load-catalog.js';
export type { Catalog, LoadedDocument, SourceLocation, TaskDefinition } from './catalog/catalog.js';
export { sourceOf } from './catalog/rule-library.js';
export { kindOfFile } from './catalog/document-kinds.js';
export type { DocumentKind } from './catalog/document-kinds.js';

export { SmartTaskError, formatIssue, isSmartTaskError } from './errors.js';
export type { Issue, IssueCode, IssueSeverity, Result } from './errors.js';

export { PortError } from './port.js';
export type { ActionCall, ActionOutcome, ActionPort, Clock, DataPort, Logger, PortCallContext } from './port.js';
export { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from './adapters/in-memory-ports.js';
export type { InMemoryActionPort, InMemoryDataPort } from './adapters/in-memory-ports.js';

export { isDecision, isTechnicalFailure } from './evaluate/decision.js';
export type {
  ConditionTrace,
  Decision,
  EvaluationResult,
  OperationRecord,
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

export { runCases, compareWithExpectation } from './cases/run-cases.js';
export type { CaseResult, RunCasesOptions } from './cases/run-cases.js';

export { createVocabulary } from './vocabulary/vocabulary.js';
export type { Vocabulary, VocabularyExtensions } from './vocabulary/vocabulary.js';
export { builtInOperators } from './vocabulary/operators.js';
export type { OperatorDefinition } from './vocabulary/operators.js';
export { builtInFactHelpers } from './vocabulary/fact-helpers.js';
export type { FactHelperDefinition } from './vocabulary/fact-helpers.js';
export { BUILT_IN_FACTS } from './compile/fact-graph.js';

export { domainFormats } from './formats/index.js';
export type { DomainFormatName, FormatResult } from './formats/index.js';
