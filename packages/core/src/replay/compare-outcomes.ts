import type { AuditOperation, AuditOutcome } from '../audit/audit-record.js';
import { canonicalJson } from '../json/canonical-hash.js';

/** One part of an outcome before and after a replay, as short text (`ACCOLTA`, `[NA-DUPLICATA]`). */
export interface OutcomeChange {
  readonly before: string;
  readonly after: string;
}

/** What changed between a recorded outcome and its replay; a part that did not change is absent. */
export interface OutcomeChanges {
  /** The verdict, or the technical failure (`TECHNICAL_FAILURE:PORT_TIMEOUT`) when there was none. */
  readonly verdict?: OutcomeChange;
  /** The codes of the reasons, in order. */
  readonly reasons?: OutcomeChange;
  /** The codes of the warnings, in order. */
  readonly warnings?: OutcomeChange;
  /** The operations performed: id, action and parameters, in order. */
  readonly operations?: OutcomeChange;
}

/** `ACCOLTA`, `NON_ACCOLTA`, or `TECHNICAL_FAILURE:<code>` for an evaluation that ended without a verdict. */
export function outcomeLabel(outcome: AuditOutcome): string {
  return outcome.verdict ?? `TECHNICAL_FAILURE:${outcome.error?.code ?? 'UNKNOWN'}`;
}

const codes = (reasons: AuditOutcome['reasons']) => `[${reasons.map((reason) => reason.code).join(', ')}]`;

const operationKey = (operations: readonly AuditOperation[]) => canonicalJson(operations.map(({ id, action, params }) => ({ id, action, params })));

function operationsText(operations: readonly AuditOperation[], withParams: boolean): string {
  return `[${operations.map((operation) => (withParams ? `${operation.id} ${canonicalJson(operation.params)}` : operation.id)).join(', ')}]`;
}

/**
 * Compares a recorded outcome with its replay: verdict (or technical-failure code), reason codes,
 * warning codes and operations (id, action, parameters). Messages, statuses returned by the action port
 * and timings are not compared.
 */
export function compareOutcomes(before: AuditOutcome, after: AuditOutcome): OutcomeChanges {
  const changes: { -readonly [K in keyof OutcomeChanges]: OutcomeChange } = {};
  const [verdictBefore, verdictAfter] = [outcomeLabel(before), outcomeLabel(after)];
  if (verdictBefore !== verdictAfter) changes.verdict = { before: verdictBefore, after: verdictAfter };
  const [reasonsBefore, reasonsAfter] = [codes(before.reasons), codes(after.reasons)];
  if (reasonsBefore !== reasonsAfter) changes.reasons = { before: reasonsBefore, after: reasonsAfter };
  const [warningsBefore, warningsAfter] = [codes(before.warnings), codes(after.warnings)];
  if (warningsBefore !== warningsAfter) changes.warnings = { before: warningsBefore, after: warningsAfter };
  if (operationKey(before.operations) !== operationKey(after.operations)) {
    const sameIds = operationsText(before.operations, false) === operationsText(after.operations, false);
    changes.operations = { before: operationsText(before.operations, sameIds), after: operationsText(after.operations, sameIds) };
  }
  return changes;
}
