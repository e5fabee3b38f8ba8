import type { Subject } from '@smart-task/schemas';
import type { EvaluationResult, OperationRecord, PlannedOperation, PortCallRecord, Reason, RuleSetReference, RuleStatus, TechnicalError, Verdict } from '../evaluate/decision.js';

/** The version of the audit-record shape; a record with another version is not read as version 1. */
export const AUDIT_VERSION = 1;

/** The clock of a decision: enough to evaluate it again on the same dates. */
export interface AuditClock {
  /** When the request was filed (ISO date-time); chooses the rule-set version in force. */
  readonly submittedAt: string;
  /** The date of `submittedAt` in `timeZone`: the built-in fact `submittedOn`. */
  readonly referenceDate: string;
  /** The clock's reading when the evaluation started (ISO date-time). */
  readonly evaluatedAt: string;
  /** The date of `evaluatedAt` in `timeZone`: the built-in fact `today`. */
  readonly today: string;
  /** The IANA time zone the dates were counted in. */
  readonly timeZone: string;
}

/** One data-port call as the audit keeps it: what was asked and what came back, without timings. */
export interface AuditPortCall {
  /** The port-contract fact. */
  readonly fact: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly outcome: PortCallRecord['outcome'];
  /** The answer (`OK`), or the answer that broke the contract (`CONTRACT_VIOLATION`). */
  readonly response?: unknown;
  readonly error?: string;
  /** For `ERROR` and `TIMEOUT`: the technical failure the call caused. */
  readonly errorCode?: NonNullable<PortCallRecord['errorCode']>;
  /** For `ERROR` and `TIMEOUT`: whether the port said a retry could help. */
  readonly retryable?: boolean;
}

/** A gate or check as the audit keeps it: which one, and what became of it. */
export interface AuditRuleOutcome {
  readonly id: string;
  readonly kind: 'gate' | 'check';
  readonly status: RuleStatus;
  readonly notEvaluatedBecause?: 'GATE_FAILED' | 'NOT_APPLICABLE' | 'TECHNICAL_FAILURE';
}

/** A reason or warning as the contributor received it. */
export type AuditReason = Reason;

/**
 * An operation of the decision (without the description and timing the decision adds): with `status`
 * (and `details`) once the action port performed it; without them in a record written when the decision
 * was taken, before performing — the lifecycle's records — where the request's history tells what was
 * then performed.
 */
export type AuditOperation = Omit<OperationRecord, 'description' | 'durationMs' | 'status'> & { readonly status?: OperationRecord['status'] };

/** What the evaluation ended with: a verdict with its reasons, or a technical failure. */
export interface AuditOutcome {
  readonly kind: 'decision' | 'technical-failure';
  /** Present for a decision. */
  readonly verdict?: Verdict;
  readonly reasons: readonly AuditReason[];
  readonly warnings: readonly AuditReason[];
  readonly operations: readonly AuditOperation[];
  /** Every gate, then every check, in the rule set's order. */
  readonly checks: readonly AuditRuleOutcome[];
  /** Present for a technical failure. */
  readonly error?: TechnicalError;
  /** Present for a technical failure: whether retrying can help. */
  readonly retryable?: boolean;
}

/**
 * What the audit keeps of one evaluation (`auditVersion` 1): the request as evaluated, the subject, the
 * clock and time zone, the rule set's id, version and the hashes of everything it ran with, every
 * data-port answer, and the outcome. Enough to evaluate the request again and get the same outcome
 * (`replayAuditRecords`); deterministic: two evaluations of the same inputs give the same record (no
 * timings). Stored as one JSON line each; its JSON Schema is `auditRecordSchema` of `@smart-task/schemas`.
 */
export interface AuditRecord {
  readonly auditVersion: typeof AUDIT_VERSION;
  readonly requestId: string;
  readonly taskId: string;
  readonly subject: Subject;
  /** The request data as evaluated (hidden conditional fields pruned). */
  readonly request: Readonly<Record<string, unknown>>;
  readonly clock: AuditClock;
  /** Absent only when no rule-set version was in force on the reference date. */
  readonly ruleSet?: RuleSetReference;
  /** Every data-port call, in the order the calls were made. */
  readonly portCalls: readonly AuditPortCall[];
  readonly outcome: AuditOutcome;
}

function portCallOf(call: PortCallRecord): AuditPortCall {
  return {
    fact: call.fact,
    params: call.params,
    outcome: call.outcome,
    ...(call.response !== undefined && { response: call.response }),
    ...(call.error !== undefined && { error: call.error }),
    ...(call.errorCode !== undefined && { errorCode: call.errorCode }),
    ...(call.retryable !== undefined && { retryable: call.retryable }),
  };
}

function reasonOf(reason: AuditReason): AuditReason {
  return { code: reason.code, ruleId: reason.ruleId, severity: reason.severity, message: reason.message };
}

function operationOf(operation: PlannedOperation | OperationRecord): AuditOperation {
  return {
    id: operation.id,
    action: operation.action,
    params: operation.params,
    idempotencyKey: operation.idempotencyKey,
    ...('status' in operation && { status: operation.status }),
    ...('details' in operation && operation.details !== undefined && { details: operation.details }),
  };
}

/** A decision's operations: each planned one, as performed when it was. A technical failure lists those performed before it. */
function operationsOf(result: EvaluationResult): AuditOperation[] {
  if (result.kind !== 'decision') return result.operations.map(operationOf);
  const performed = new Map(result.operations.map((operation) => [operation.id, operation]));
  return result.plannedOperations.map((planned) => operationOf(performed.get(planned.id) ?? planned));
}

function outcomeOf(result: EvaluationResult): AuditOutcome {
  const common = {
    operations: operationsOf(result),
    checks: [...result.gates, ...result.checks].map((rule) => ({
      id: rule.id,
      kind: rule.kind,
      status: rule.status,
      ...(rule.notEvaluatedBecause !== undefined && { notEvaluatedBecause: rule.notEvaluatedBecause }),
    })),
  };
  if (result.kind === 'decision') {
    return { kind: 'decision', verdict: result.verdict, reasons: result.reasons.map(reasonOf), warnings: result.warnings.map(reasonOf), ...common };
  }
  return { kind: 'technical-failure', reasons: [], warnings: [], ...common, error: result.error, retryable: result.retryable };
}

/**
 * The audit record of an evaluation result (decision or technical failure): what a replay needs to
 * evaluate it again exactly, and what an auditor needs to see which rules decided on which data.
 *
 * @example
 * const result = await engine.evaluate(taskId, request);
 * auditLog.write(`${JSON.stringify(toAuditRecord(result))}\n`);
 */
export function toAuditRecord(result: EvaluationResult): AuditRecord {
  return {
    auditVersion: AUDIT_VERSION,
    requestId: result.requestId,
    taskId: result.taskId,
    subject: result.subject,
    request: result.request,
    clock: { submittedAt: result.submittedAt, referenceDate: result.referenceDate, evaluatedAt: result.evaluatedAt, today: result.today, timeZone: result.timeZone },
    ...(result.ruleSet !== undefined && { ruleSet: result.ruleSet }),
    portCalls: result.portCalls.map(portCallOf),
    outcome: outcomeOf(result),
  };
}
