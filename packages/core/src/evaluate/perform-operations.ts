import type { ValidateFunction } from 'ajv';
import type { LocalizedText } from '@smart-task/schemas';
import type { ActionOutcome, ActionPort } from '../port.js';
import { OPERATION_OUTCOME, renderTemplate } from '../text/template.js';
import { describeAjvErrors } from './ajv-errors.js';
import type { JsonBounds } from '../json/json-bounds.js';
import { answerBoundsProblem } from './port-answer-bounds.js';
import { CallsUnderDeadline } from './call-with-deadline.js';
import { isDeadlineExceeded, readPortFailure } from './port-failure.js';
import type { OperationRecord, PlannedOperation, TechnicalError } from './decision.js';
import { isRecord } from '../json/read-safely.js';
import type { ValidatorsByName } from '../validation/compiled-on-first-use.js';

/** What performing operations needs from the engine. */
export interface OperationsSetup {
  readonly actionPort: ActionPort;
  /** The deadline of each action-port call, in milliseconds. */
  readonly timeoutMs: number;
  /** Validators of the details an action returns, for the actions whose contract declares a `result`. */
  readonly actionResultValidators: ValidatorsByName;
  /** The bounds an action outcome must keep before it is validated (see `EngineLimits`). */
  readonly answerBounds: JsonBounds;
}

/** The operations of one recorded decision, and those of them already performed. */
export interface OperationsPlan {
  readonly requestId: string;
  /** The decision's planned operations, in order. */
  readonly operations: readonly PlannedOperation[];
  /** Records of operations of this plan performed earlier (by id): they are not performed again. */
  readonly performed?: readonly OperationRecord[];
}

/** Per-call hooks of {@link performPlannedOperations}. */
export interface PerformHooks {
  readonly signal?: AbortSignal | undefined;
  /**
   * Told of each operation as soon as the action port confirmed it, before the next one starts (the
   * lifecycle saves it). A throw stops performing and rejects: the operation stays confirmed by the
   * port, and performing it again with its idempotency key has no second effect.
   */
  readonly onPerformed?: ((record: OperationRecord) => void | Promise<void>) | undefined;
}

/** Every operation of the plan confirmed, in plan order. */
export interface OperationsPerformed {
  readonly kind: 'performed';
  readonly operations: readonly OperationRecord[];
  readonly operationsMs: number;
}

/** An operation failed (or was not confirmed): those before it are listed; the rest are pending. */
export interface OperationsFailed {
  readonly kind: 'operation-failure';
  readonly operations: readonly OperationRecord[];
  readonly error: TechnicalError & { readonly code: 'OPERATION_FAILED' | 'ABORTED'; readonly operation: string };
  readonly retryable: boolean;
  readonly operationsMs: number;
}

/** What performing a plan ends with. */
export type OperationsOutcome = OperationsPerformed | OperationsFailed;

const OUTCOME_STATUSES: ReadonlySet<unknown> = new Set(['PERFORMED', 'ALREADY_PERFORMED']);

/** A value quoted in a message: its JSON, cut to 200 characters; never throws. */
function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = 'a value that cannot be read';
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Why an action port's answer is not an {@link ActionOutcome} the contract accepts; `undefined` when it is one. */
function outcomeProblem(outcome: unknown, validateDetails: ValidateFunction | undefined, bounds: JsonBounds): string | undefined {
  const refused = answerBoundsProblem(outcome, bounds);
  if (refused) return `answered an outcome refused before it was checked: ${refused}`;
  if (!isRecord(outcome)) return `answered ${quote(outcome)}, which is not an outcome object`;
  if (!OUTCOME_STATUSES.has(outcome.status)) return `answered status ${quote(outcome.status)}; an outcome's status is PERFORMED or ALREADY_PERFORMED`;
  if (outcome.details !== undefined && !isRecord(outcome.details)) return `answered details ${quote(outcome.details)}, which is not an object`;
  if (validateDetails && !validateDetails(outcome.details ?? {})) return `answered details ${quote(outcome.details ?? {})} that break the port contract: ${describeAjvErrors(validateDetails)}`;
  return undefined;
}

/** The description of a performed operation: the quoted facts as decided, `{outcome.…}` from the port's details. */
export function describePerformed(operation: PlannedOperation, details: Readonly<Record<string, unknown>> | undefined): LocalizedText {
  const lookup = (fact: string) => (fact === OPERATION_OUTCOME ? (details ?? {}) : operation.quoted[fact]);
  return { it: renderTemplate(operation.description.it, lookup), en: renderTemplate(operation.description.en, lookup) };
}

/**
 * Performs the pending operations of a recorded decision in order, each with its idempotency key, and
 * stops at the first that fails or goes unconfirmed. An answer that is not a valid outcome (unknown
 * status, details that break the action's `result` contract) is a failed operation, never a success.
 * Reads nothing from the data port: everything was resolved when the decision was taken.
 */
export async function performPlannedOperations(plan: OperationsPlan, setup: OperationsSetup, hooks: PerformHooks = {}): Promise<OperationsOutcome> {
  const started = performance.now();
  const done = new Map((plan.performed ?? []).map((record) => [record.id, record]));
  const records: OperationRecord[] = [];
  const calls = new CallsUnderDeadline(setup.timeoutMs);
  const onHostAbort = () => calls.abort(hooks.signal?.reason);
  const portContext = calls.portContext(plan.requestId);
  hooks.signal?.addEventListener('abort', onHostAbort, { once: true });
  const failed = (operation: PlannedOperation, code: 'OPERATION_FAILED' | 'ABORTED', message: string, retryable: boolean): OperationsFailed => ({
    kind: 'operation-failure',
    operations: records,
    error: { code, message, operation: operation.id },
    retryable,
    operationsMs: performance.now() - started,
  });
  try {
    for (const operation of plan.operations) {
      const earlier = done.get(operation.id);
      if (earlier) {
        records.push(earlier);
        continue;
      }
      if (hooks.signal?.aborted) return failed(operation, 'ABORTED', `The host cancelled before operation "${operation.id}" was performed.`, true);
      const operationStarted = performance.now();
      const call = { requestId: plan.requestId, operationId: operation.id, action: operation.action, params: operation.params, idempotencyKey: operation.idempotencyKey };
      let outcome: unknown;
      try {
        outcome = await calls.call(() => setup.actionPort.perform(call, portContext));
      } catch (error) {
        if (isDeadlineExceeded(error)) return failed(operation, 'OPERATION_FAILED', `The action port did not confirm "${operation.action}" (operation "${operation.id}") within ${setup.timeoutMs} ms.`, true);
        if (hooks.signal?.aborted) return failed(operation, 'ABORTED', `The host cancelled while operation "${operation.id}" was being performed.`, true);
        const failure = readPortFailure(error);
        return failed(operation, 'OPERATION_FAILED', `The action port failed on "${operation.action}" (operation "${operation.id}"): ${failure.message}`, failure.retryable);
      }
      const problem = outcomeProblem(outcome, setup.actionResultValidators.get(operation.action), setup.answerBounds);
      if (problem) return failed(operation, 'OPERATION_FAILED', `The action port ${problem} for "${operation.action}" (operation "${operation.id}"): it is not a confirmation.`, true);
      const { status, details } = outcome as ActionOutcome;
      const record: OperationRecord = {
        id: operation.id,
        action: operation.action,
        description: describePerformed(operation, details),
        params: operation.params,
        idempotencyKey: operation.idempotencyKey,
        status,
        ...(details !== undefined && { details }),
        durationMs: performance.now() - operationStarted,
      };
      records.push(record);
      await hooks.onPerformed?.(record);
    }
    return { kind: 'performed', operations: records, operationsMs: performance.now() - started };
  } finally {
    hooks.signal?.removeEventListener('abort', onHostAbort);
  }
}
