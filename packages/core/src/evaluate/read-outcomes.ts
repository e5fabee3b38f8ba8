import type { CheckDefinition, LocalizedText } from '@smart-task/schemas';
import type { CompiledRule, EvaluatedCondition } from '../compile/compile-rule-set.js';
import { factsQuotedIn, renderTemplate } from '../text/template.js';
import type { ConditionTrace, RuleOutcome, RuleStatus } from './decision.js';
import type { EvaluationContext } from './evaluation-context.js';

function traceLeaves(node: EvaluatedCondition | undefined, into: ConditionTrace[]): ConditionTrace[] {
  if (node === undefined) return into;
  const children = node.all ?? node.any;
  if (children) {
    for (const child of children) traceLeaves(child, into);
  } else if (node.not) traceLeaves(node.not, into);
  else into.push(leafTrace(node));
  return into;
}

/** One leaf as the trace shows it: a comparison that did not run has no values and no result. */
function leafTrace({ fact, path, operator, value, factResult, valueResult, result }: EvaluatedCondition): ConditionTrace {
  if (result === undefined) return path === undefined ? { fact: fact as string, operator: operator as string, value } : { fact: fact as string, path, operator: operator as string, value };
  if (path === undefined) return { fact: fact as string, operator: operator as string, value, factValue: factResult, comparedWith: valueResult, result };
  return { fact: fact as string, path, operator: operator as string, value, factValue: factResult, comparedWith: valueResult, result };
}

/**
 * Fills the placeholders of a text in both languages from the facts (read first when not read yet);
 * `extra` gives values that are not facts, such as an operation's outcome (`OPERATION_OUTCOME`).
 * Answers at once when every fact it quotes is known.
 */
export function renderLocalized(text: LocalizedText, context: EvaluationContext, extra: Readonly<Record<string, unknown>> = {}): LocalizedText | Promise<LocalizedText> {
  const lookup = (fact: string) => (fact in extra ? extra[fact] : context.settledValue(fact));
  const render = (): LocalizedText => ({ it: renderTemplate(text.it, lookup), en: renderTemplate(text.en, lookup) });
  let pending: Promise<unknown>[] | undefined;
  for (const fact of factsQuotedIn(text)) {
    if (fact in extra) continue;
    const read = context.read(fact);
    if (read instanceof Promise) (pending ??= []).push(read);
  }
  return pending === undefined ? render() : Promise.all(pending).then(render);
}

/** Where a rule's evaluated node sits and what to make of it. */
export interface RuleNode {
  readonly rule: CompiledRule;
  /** The node whose `result` is the rule's outcome. */
  readonly node: EvaluatedCondition | undefined;
  /** For a check with `applicableWhen`: the `not` node, true when the check does not apply. */
  readonly notApplicable: EvaluatedCondition | undefined;
}

/**
 * Turns a rule's evaluated node into its outcome: status, filled-in message when failed, and trace.
 * Answers at once unless the message of a failed rule quotes a fact not read yet.
 */
export function readOutcome({ rule, node, notApplicable }: RuleNode, context: EvaluationContext, blockedByGate: boolean): RuleOutcome | Promise<RuleOutcome> {
  const { definition, kind } = rule;
  const severity = kind === 'gate' ? 'BLOCKING' : (definition as CheckDefinition).severity;
  const conditions = traceLeaves(node, []);
  let failedFact = false;
  for (const fact of rule.factsRead) if (context.hasFailed(fact)) failedFact = true;
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
  // Built without spreading optional parts (this runs for every rule of every evaluation); the keys keep this order.
  const outcome = (message?: LocalizedText): RuleOutcome => {
    const { id, description, reasonCode, legalReference } = definition;
    const built: { -readonly [K in keyof RuleOutcome]: RuleOutcome[K] } =
      legalReference === undefined ? { id, kind, description, severity, reasonCode, conditions, status } : { id, kind, description, severity, reasonCode, legalReference, conditions, status };
    if (message !== undefined) built.message = message;
    if (because !== undefined) built.notEvaluatedBecause = because;
    return built;
  };
  if (status !== 'FAILED') return outcome();
  const message = renderLocalized(definition.message, context);
  return message instanceof Promise ? message.then(outcome) : outcome(message);
}
