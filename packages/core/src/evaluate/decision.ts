import type { LocalizedText, Severity, Subject } from '@smart-task/schemas';

/** The two verdicts of an istruttoria. A technical failure is not a verdict. */
export type Verdict = 'ACCOLTA' | 'NON_ACCOLTA';

/** What happened to a gate or check. */
export type RuleStatus = 'PASSED' | 'FAILED' | 'NOT_EVALUATED';

/** One leaf comparison as it ran: the value the fact had, what it was compared with, and the outcome. */
export interface ConditionTrace {
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  /** The condition's `value` as written (a literal or a `{ fact, path }` reference). */
  readonly value: unknown;
  /** The fact value the comparison saw (after `path`). */
  readonly factValue?: unknown;
  /** The right-hand value the comparison saw (after resolving a reference). */
  readonly comparedWith?: unknown;
  /** Absent when the comparison did not run. */
  readonly result?: boolean;
}

/** The outcome of one gate or check. */
export interface RuleOutcome {
  readonly id: string;
  readonly kind: 'gate' | 'check';
  readonly description: LocalizedText;
  readonly severity: Severity;
  readonly status: RuleStatus;
  readonly reasonCode: string;
  /** The filled-in message, when the rule failed. */
  readonly message?: LocalizedText;
  readonly legalReference?: string;
  /** Why a rule was not evaluated: a gate failed before it, it did not apply, or its data could not be read. */
  readonly notEvaluatedBecause?: 'GATE_FAILED' | 'NOT_APPLICABLE' | 'TECHNICAL_FAILURE';
  readonly conditions: readonly ConditionTrace[];
}

/** A reason the request was not accepted (BLOCKING) or a warning shown with the outcome. */
export interface Reason {
  readonly code: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: LocalizedText;
}

/**
 * An operation of an accepted decision, resolved when the decision was taken: the action, its
 * parameters, the idempotency key, and the description with the values of every fact it quotes. Only
 * `{outcome.…}` (what the action port will answer) is filled when it is performed, so performing it
 * later — after a failure or a crash — reads nothing from the data port.
 */
export interface PlannedOperation {
  readonly id: string;
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** `<requestId>:<operationId>`. */
  readonly idempotencyKey: string;
  /** The description template as the rule set writes it. */
  readonly description: LocalizedText;
  /** The values of the facts the description quotes, read before the decision. */
  readonly quoted: Readonly<Record<string, unknown>>;
}

/** One operation the action port performed for an accepted request. */
export interface OperationRecord {
  readonly id: string;
  readonly action: string;
  readonly description: LocalizedText;
  readonly params: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  readonly status: 'PERFORMED' | 'ALREADY_PERFORMED';
  readonly details?: Readonly<Record<string, unknown>>;
  readonly durationMs: number;
}

/** One call made to the data port, for the operator view and the audit record. */
export interface PortCallRecord {
  readonly fact: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly outcome: 'OK' | 'ERROR' | 'TIMEOUT' | 'ABORTED' | 'CONTRACT_VIOLATION';
  /**
   * The answer: as validated against the port contract (`OK`), or as received when it broke the
   * contract (`CONTRACT_VIOLATION`); absent when the call failed or was aborted.
   */
  readonly response?: unknown;
  readonly error?: string;
  /** For `ERROR` and `TIMEOUT`: the technical failure the call caused, so that a replay can cause it again. */
  readonly errorCode?: 'PORT_UNAVAILABLE' | 'PORT_TIMEOUT' | 'PORT_ERROR';
  /** For `ERROR` and `TIMEOUT`: whether the port said a retry could help. */
  readonly retryable?: boolean;
}

/**
 * Which rule set decided: id, version and content hash, and the hashes of the request schema and port
 * contract it ran with. The three hashes together identify everything a replay depends on.
 */
export interface RuleSetReference {
  readonly id: string;
  readonly version: string;
  /** `sha256:` + SHA-256 of the canonical JSON of the rule set as loaded (rule-library items expanded). */
  readonly hash: string;
  /** The same for the task's request schema (it prunes and validates the request). */
  readonly requestSchemaHash: string;
  /** The same for the port contract (it validates every port answer and operation). */
  readonly portContractHash: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** Where the time went, in milliseconds. */
export interface Timings {
  readonly totalMs: number;
  readonly rulesMs: number;
  readonly operationsMs: number;
}

/** What every evaluation result carries, verdict or not. */
interface EvaluationTrace {
  readonly requestId: string;
  readonly taskId: string;
  readonly title: LocalizedText;
  readonly subject: Subject;
  readonly request: Readonly<Record<string, unknown>>;
  readonly submittedAt: string;
  /** The date the rule-set version was chosen by (the submission date). */
  readonly referenceDate: string;
  /** The clock's reading when the evaluation started. */
  readonly evaluatedAt: string;
  /** The built-in fact `today`: the date of `evaluatedAt` in `timeZone`. */
  readonly today: string;
  /** The IANA time zone `today` and `referenceDate` were counted in (the engine's `timeZone`). */
  readonly timeZone: string;
  readonly gates: readonly RuleOutcome[];
  readonly checks: readonly RuleOutcome[];
  readonly operations: readonly OperationRecord[];
  /** The fact values the rules read, by fact name. */
  readonly facts: Readonly<Record<string, unknown>>;
  readonly portCalls: readonly PortCallRecord[];
  readonly timings: Timings;
}

/** The decision of an istruttoria: `ACCOLTA` or `NON_ACCOLTA`, with everything that led to it. */
export interface Decision extends EvaluationTrace {
  readonly kind: 'decision';
  readonly verdict: Verdict;
  readonly ruleSet: RuleSetReference;
  /** Every BLOCKING gate or check that failed, in order. */
  readonly reasons: readonly Reason[];
  /** Every WARNING check that failed, in order. */
  readonly warnings: readonly Reason[];
  /**
   * What an `ACCOLTA` commits to do, in order (empty for `NON_ACCOLTA`). `operations` lists those
   * performed: all of them once `evaluate` or `performOperations` completed, none right after `decide`.
   */
  readonly plannedOperations: readonly PlannedOperation[];
}

/** Stable codes of technical failures. */
export type TechnicalFailureCode =
  'PORT_UNAVAILABLE' | 'PORT_TIMEOUT' | 'PORT_ERROR' | 'PORT_CONTRACT_VIOLATION' | 'FACT_PARAMS_INVALID' | 'HELPER_FAILED' | 'OPERATION_PARAMS_INVALID' | 'OPERATION_FAILED' | 'ABORTED' | 'RULE_ERROR' | 'NO_RULE_SET_IN_FORCE';

/** Why an evaluation ended without a verdict. */
export interface TechnicalError {
  readonly code: TechnicalFailureCode;
  readonly message: string;
  readonly fact?: string;
  readonly operation?: string;
}

/**
 * An evaluation that ended without a verdict (port error, timeout, contract violation, failed
 * operation). It carries the partial trace and whether retrying can help; after the host's retries the
 * request goes to a Sede operator.
 */
export interface TechnicalFailure extends EvaluationTrace {
  readonly kind: 'technical-failure';
  readonly error: TechnicalError;
  readonly retryable: boolean;
  readonly ruleSet?: RuleSetReference;
  /**
   * Present when the failure came after the verdict (`OPERATION_FAILED`): the decision, whose pending
   * operations must be resumed with `performOperations` — never evaluated again.
   */
  readonly decision?: Decision;
}

/** What `evaluate` returns: a decision or a technical failure, never both. */
export type EvaluationResult = Decision | TechnicalFailure;

/** True when the result is a decision (has a verdict). */
export function isDecision(result: EvaluationResult): result is Decision {
  return result.kind === 'decision';
}

/** True when the result is a technical failure (no verdict). */
export function isTechnicalFailure(result: EvaluationResult): result is TechnicalFailure {
  return result.kind === 'technical-failure';
}
