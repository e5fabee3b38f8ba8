import type { Decision, EvaluationResult, TechnicalFailure } from './decision.js';
import type { OperationsOutcome } from './perform-operations.js';

/**
 * The result of a decision once its operations were performed: the decision with every operation, or —
 * when performing stopped — a technical failure that lists the operations performed and carries the
 * decision, whose pending operations are to be resumed (never decided again).
 */
export function completeEvaluation(decided: Decision, outcome: OperationsOutcome): EvaluationResult {
  const timings = { ...decided.timings, operationsMs: outcome.operationsMs, totalMs: decided.timings.totalMs + outcome.operationsMs };
  if (outcome.kind === 'performed') return { ...decided, operations: outcome.operations, timings };
  const { kind: _kind, verdict: _verdict, reasons: _reasons, warnings: _warnings, plannedOperations: _planned, ...trace } = decided;
  const failure: TechnicalFailure = { ...trace, kind: 'technical-failure', operations: outcome.operations, timings, error: outcome.error, retryable: outcome.retryable, decision: decided };
  return failure;
}
