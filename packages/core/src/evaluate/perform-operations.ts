import type { ValidateFunction } from 'ajv';
import type { OperationDefinition } from '@smart-task/schemas';
import { PortError, type ActionPort } from '../port.js';
import type { OperationRecord } from './decision.js';
import { DeadlineExceeded, callWithDeadline } from './call-with-deadline.js';
import { FACT_FAILED, type EvaluationContext } from './evaluation-context.js';
import { OPERATION_OUTCOME } from '../text/template.js';
import { renderLocalized } from './read-outcomes.js';

/** What performing operations needs besides the context. */
export interface OperationsSetup {
  readonly requestId: string;
  readonly actionPort: ActionPort;
  readonly timeoutMs: number;
  readonly actionParamsValidators: ReadonlyMap<string, ValidateFunction>;
  /** Validators of the details an action returns, for the actions whose contract declares a `result`. */
  readonly actionResultValidators?: ReadonlyMap<string, ValidateFunction>;
}

function ajvErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
}

/**
 * Performs the operations of an accepted request in declared order, each with the idempotency key
 * `<requestId>:<operationId>`. Stops at the first failure, which it records on the context; the records
 * of the operations performed so far are returned either way.
 */
export async function performOperations(
  operations: readonly OperationDefinition[],
  context: EvaluationContext,
  setup: OperationsSetup,
): Promise<OperationRecord[]> {
  const records: OperationRecord[] = [];
  for (const operation of operations) {
    if (context.failure) break;
    const params = await context.resolveParams(operation.params);
    if (params === FACT_FAILED) break;
    const validate = setup.actionParamsValidators.get(operation.action);
    if (validate && !validate(params)) {
      const detail = ajvErrors(validate);
      context.fail({ code: 'OPERATION_FAILED', message: `Operation "${operation.id}" would call "${operation.action}" with invalid parameters ${JSON.stringify(params)}: ${detail}.`, operation: operation.id }, false);
      break;
    }
    const idempotencyKey = `${setup.requestId}:${operation.id}`;
    const started = performance.now();
    try {
      const call = { requestId: setup.requestId, operationId: operation.id, action: operation.action, params, idempotencyKey };
      const outcome = await callWithDeadline(context.signal, setup.timeoutMs, (signal) => setup.actionPort.perform(call, { signal, requestId: setup.requestId }));
      const validateResult = setup.actionResultValidators?.get(operation.action);
      if (validateResult && !validateResult(outcome.details ?? {})) {
        context.fail({ code: 'OPERATION_FAILED', message: `The action port performed "${operation.action}" but its details ${JSON.stringify(outcome.details ?? {})} break the port contract: ${ajvErrors(validateResult)}.`, operation: operation.id }, false);
        break;
      }
      records.push({
        id: operation.id,
        action: operation.action,
        description: await renderLocalized(operation.description, context, { [OPERATION_OUTCOME]: outcome.details ?? {} }),
        params,
        idempotencyKey,
        status: outcome.status,
        ...(outcome.details !== undefined && { details: outcome.details }),
        durationMs: performance.now() - started,
      });
    } catch (error) {
      const timedOut = error instanceof DeadlineExceeded;
      const message = timedOut
        ? `The action port did not confirm "${operation.action}" within ${setup.timeoutMs} ms.`
        : `The action port failed on "${operation.action}": ${(error as Error)?.message ?? String(error)}`;
      context.fail({ code: 'OPERATION_FAILED', message, operation: operation.id }, error instanceof PortError ? error.retryable : true);
      break;
    }
  }
  return records;
}
