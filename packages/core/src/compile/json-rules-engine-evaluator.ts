import { Almanac, Engine, Fact, Rule, type TopLevelCondition } from 'json-rules-engine';
import type { Condition } from '@smart-task/schemas';
import { resolvePath } from '../json/path.js';
import type { Vocabulary } from '../vocabulary/vocabulary.js';
import type { ConditionEvaluator, EvaluatedCondition, FactSource } from './evaluated-condition.js';

/** The almanac of one evaluation: json-rules-engine's, carrying our facts for the fact functions. */
class EvaluationAlmanac extends Almanac {
  constructor(readonly facts: FactSource) {
    super({ allowUndefinedFacts: false, pathResolver: resolvePath as (value: object, path: string) => unknown });
  }
}

/** `Rule#evaluate(almanac)`: json-rules-engine's evaluation of one rule, not in its type declarations. */
interface EvaluableRule {
  evaluate(almanac: Almanac): Promise<{ readonly conditions: unknown }>;
}

/**
 * The reference evaluator: json-rules-engine itself, running the root condition as one rule attached
 * to an engine that holds our operators. The rule is evaluated directly with `Rule#evaluate`, never
 * through `Engine#run`: `run` keeps a status on the shared engine that overlapping runs overwrite,
 * which can make a run skip its rules and return no result at all.
 */
export function jsonRulesEngineEvaluator(name: string, root: Condition, factNames: readonly string[], vocabulary: Vocabulary): ConditionEvaluator {
  const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolvePath as (value: object, path: string) => unknown });
  for (const [operatorName, operator] of vocabulary.operators) engine.addOperator(operatorName, (factValue: unknown, value: unknown) => operator.evaluate(factValue, value));
  // A copy: json-rules-engine writes into the conditions it is given (a leaf's `priority`), and the
  // host's documents must stay as they were (a frozen catalog included).
  const rule = new Rule({ name, conditions: structuredClone(root) as unknown as TopLevelCondition, event: { type: 'istruttoria' } });
  engine.addRule(rule);
  const facts = factNames.map((factName) => new Fact(factName, (_params: Record<string, unknown>, almanac: Almanac) => (almanac as EvaluationAlmanac).facts.valueOf(factName), { cache: false }));
  return async (source) => {
    const almanac = new EvaluationAlmanac(source);
    for (const fact of facts) almanac.addFact(fact);
    const result = await (rule as unknown as EvaluableRule).evaluate(almanac);
    return result.conditions as EvaluatedCondition | undefined;
  };
}
