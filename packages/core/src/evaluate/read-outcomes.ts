import type { CheckDefinition, LocalizedText } from '@smart-task/schemas';
import type { CompiledRule, EvaluatedCondition } from '../compile/compile-rule-set.js';
import { placeholdersOf, renderTemplate } from '../text/template.js';
import type { ConditionTrace, RuleOutcome, RuleStatus } from './decision.js';
import type { EvaluationContext } from './evaluation-context.js';

function traceLeaves(node: EvaluatedCondition | undefined, into: ConditionTrace[]): ConditionTrace[] {
  if (node === undefined) return into;
  if (node.all) node.all.forEach((child) => traceLeaves(child, into));
  else if (node.any) node.any.forEach((child) => traceLeaves(child, into));
  else if (node.not) traceLeaves(node.not, into);
  else {
    into.push({
      fact: node.fact as string,
      ...(node.path !== undefined && { path: node.path }),
      operator: node.operator as string,
      value: node.value,
      ...(node.result !== undefined && { factValue: node.factResult, comparedWith: node.valueResult, result: node.result }),
    });
  }
  return into;
}

/**
 * Fills the placeholders of a text in both languages from the facts (read first when not read yet);
 * `extra` gives values that are not facts, such as an operation's outcome (`OPERATION_OUTCOME`).
 */
export async function renderLocalized(text: LocalizedText, context: EvaluationContext, extra: Readonly<Record<string, unknown>> = {}): Promise<LocalizedText> {
  const facts = new Set([...placeholdersOf(text.it), ...placeholdersOf(text.en)].map((placeholder) => placeholder.fact).filter((fact) => !(fact in extra)));
  await Promise.all([...facts].map((fact) => context.valueOf(fact)));
  const lookup = (fact: string) => (fact in extra ? extra[fact] : context.settledValue(fact));
  return { it: renderTemplate(text.it, lookup), en: renderTemplate(text.en, lookup) };
}

/** Where a rule's evaluated node sits and what to make of it. */
export interface RuleNode {
  readonly rule: CompiledRule;
  /** The node whose `result` is the rule's outcome. */
  readonly node: EvaluatedCondition | undefined;
  /** For a check with `applicableWhen`: the `not` node, true when the check does not apply. */
  readonly notApplicable: EvaluatedCondition | undefined;
}

/** Turns a rule's evaluated node into its outcome: status, filled-in message when failed, and trace. */
export async function readOutcome({ rule, node, notApplicable }: RuleNode, context: EvaluationContext, blockedByGate: boolean): Promise<RuleOutcome> {
  const { definition, kind } = rule;
  const severity = kind === 'gate' ? 'BLOCKING' : (definition as CheckDefinition).severity;
  const base = {
    id: definition.id,
    kind,
    description: definition.description,
    severity,
    reasonCode: definition.reasonCode,
    ...(definition.legalReference !== undefined && { legalReference: definition.legalReference }),
    conditions: traceLeaves(node, []),
  } as const;
  const failedFact = [...rule.factsRead].some((fact) => context.hasFailed(fact));
  let status: RuleStatus;
  let because: RuleOutcome['notEvaluatedBecause'];
  if (notApplicable?.result === true) {
    status = 'NOT_EVALUATED';
    because = 'NOT_APPLICABLE';
  } else if (failedFact || (context.failure && node?.result === undefined)) {
    status = 'NOT_EVALUATED';
    because = 'TECHNICAL_FAILURE';
  } else if (node?.result === undefined) {
    status = 'NOT_EVALUATED';
    because = blockedByGate ? 'GATE_FAILED' : 'TECHNICAL_FAILURE';
  } else {
    status = node.result ? 'PASSED' : 'FAILED';
  }
  if (status === 'FAILED') return { ...base, status, message: await renderLocalized(definition.message, context) };
  return { ...base, status, ...(because !== undefined && { notEvaluatedBecause: because }) };
}
