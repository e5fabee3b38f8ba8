import type { OperationDefinition } from '@smart-task/schemas';
import { OPERATION_OUTCOME, factsQuotedIn } from '../text/template.js';
import type { PlannedOperation } from './decision.js';
import { FACT_FAILED, type EvaluationContext, type ResolvedParams } from './evaluation-context.js';
import { describeAjvErrors } from './ajv-errors.js';
import type { ValidatorsByName } from '../validation/compiled-on-first-use.js';

/** The idempotency key of an operation: `<requestId>:<operationId>`. */
export function idempotencyKeyOf(requestId: string, operationId: string): string {
  return `${requestId}:${operationId}`;
}

/** The facts each description quotes, besides the operation's outcome, worked out once per operation. */
const quotedByOperation = new WeakMap<OperationDefinition, readonly string[]>();

function factsQuotedBy(operation: OperationDefinition): readonly string[] {
  let facts = quotedByOperation.get(operation);
  if (facts === undefined) {
    facts = factsQuotedIn(operation.description).filter((name) => name !== OPERATION_OUTCOME);
    quotedByOperation.set(operation, facts);
  }
  return facts;
}

/**
 * Resolves the operations of an accepted request before the decision exists: every parameter and every
 * fact a description quotes is read now (concurrently), and the parameters are checked against the
 * action's contract. Returns `undefined` after recording a technical failure on the context when a fact
 * could not be read or the parameters break the contract: nothing has been performed then, so the
 * istruttoria can be repeated.
 */
export async function planOperations(operations: readonly OperationDefinition[], context: EvaluationContext, requestId: string, actionParamsValidators: ValidatorsByName): Promise<PlannedOperation[] | undefined> {
  // Every parameter and quoted fact of every operation is requested before any is awaited.
  let pending: Promise<unknown>[] | undefined;
  const requested = operations.map((operation) => {
    const quotedFacts = factsQuotedBy(operation);
    const params = context.resolveParams(operation.params);
    if (params instanceof Promise) (pending ??= []).push(params);
    for (const fact of quotedFacts) {
      const read = context.read(fact);
      if (read instanceof Promise) (pending ??= []).push(read);
    }
    return { operation, params, quotedFacts };
  });
  if (pending !== undefined) await Promise.all(pending);
  const resolved: { operation: OperationDefinition; quotedFacts: readonly string[]; params: ResolvedParams }[] = [];
  for (const { operation, params, quotedFacts } of requested) resolved.push({ operation, quotedFacts, params: (params instanceof Promise ? await params : params) as ResolvedParams });
  const failed = resolved.some(({ params, quotedFacts }) => params === FACT_FAILED || quotedFacts.some((fact) => context.hasFailed(fact)));
  if (context.failure || failed) return undefined;
  const planned: PlannedOperation[] = [];
  for (const { operation, params, quotedFacts } of resolved) {
    const checked = params as Record<string, unknown>;
    const validate = actionParamsValidators.get(operation.action);
    if (validate && !validate(checked)) {
      context.fail(
        {
          code: 'OPERATION_PARAMS_INVALID',
          message: `Operation "${operation.id}" would call "${operation.action}" with invalid parameters ${JSON.stringify(checked)}: ${describeAjvErrors(validate)}. Fix the operation's params in the rule set or the action in the port contract.`,
          operation: operation.id,
        },
        false,
      );
      return undefined;
    }
    planned.push({
      id: operation.id,
      action: operation.action,
      params: checked,
      idempotencyKey: idempotencyKeyOf(requestId, operation.id),
      description: operation.description,
      quoted: Object.fromEntries(quotedFacts.map((fact) => [fact, context.settledValue(fact)])),
    });
  }
  return planned;
}
