import type { OperationDefinition } from '@smart-task/schemas';
import { OPERATION_OUTCOME, placeholdersOf } from '../text/template.js';
import type { PlannedOperation } from './decision.js';
import { FACT_FAILED, type EvaluationContext } from './evaluation-context.js';
import { describeAjvErrors } from './ajv-errors.js';
import type { ValidatorsByName } from '../validation/compiled-on-first-use.js';

/** The idempotency key of an operation: `<requestId>:<operationId>`. */
export function idempotencyKeyOf(requestId: string, operationId: string): string {
  return `${requestId}:${operationId}`;
}

/** The facts a description quotes, besides the operation's outcome. */
function factsQuotedBy(operation: OperationDefinition): string[] {
  const names = [...placeholdersOf(operation.description.it), ...placeholdersOf(operation.description.en)].map((placeholder) => placeholder.fact);
  return [...new Set(names)].filter((name) => name !== OPERATION_OUTCOME);
}

/**
 * Resolves the operations of an accepted request before the decision exists: every parameter and every
 * fact a description quotes is read now (concurrently), and the parameters are checked against the
 * action's contract. Returns `undefined` after recording a technical failure on the context when a fact
 * could not be read or the parameters break the contract: nothing has been performed then, so the
 * istruttoria can be repeated.
 */
export async function planOperations(operations: readonly OperationDefinition[], context: EvaluationContext, requestId: string, actionParamsValidators: ValidatorsByName): Promise<PlannedOperation[] | undefined> {
  const resolved = await Promise.all(
    operations.map(async (operation) => {
      const quotedFacts = factsQuotedBy(operation);
      const [params, values] = await Promise.all([context.resolveParams(operation.params), Promise.all(quotedFacts.map((fact) => context.valueOf(fact)))]);
      return { operation, params, quotedFacts, failed: params === FACT_FAILED || values.includes(FACT_FAILED) };
    }),
  );
  if (context.failure || resolved.some((entry) => entry.failed)) return undefined;
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
