import type { CheckDefinition, Condition, GateDefinition, RuleSetDocument } from '@smart-task/schemas';
import { contentHash } from '../json/canonical-hash.js';
import { madeOnFirstUse } from '../validation/compiled-on-first-use.js';
import type { Vocabulary } from '../vocabulary/vocabulary.js';
import { compileConditions } from './compiled-evaluator.js';
import type { ConditionEvaluator, EvaluatedCondition, EvaluatorName, FactSource } from './evaluated-condition.js';
import { BUILT_IN_FACTS, dependencyClosure, factsReadBy } from './fact-graph.js';
import { jsonRulesEngineEvaluator } from './json-rules-engine-evaluator.js';

export type { EvaluatedCondition, EvaluatorName, FactSource } from './evaluated-condition.js';

/** A gate or check with what the compiler derived from it. */
export interface CompiledRule {
  readonly definition: GateDefinition | CheckDefinition;
  readonly kind: 'gate' | 'check';
  /** Every fact it reads, with their dependencies: if one failed, the rule's result means nothing. */
  readonly factsRead: ReadonlySet<string>;
}

/** A rule set ready to evaluate: one root condition for the whole istruttoria, one for the gates alone. */
export interface CompiledRuleSet {
  readonly file: string;
  readonly document: RuleSetDocument;
  readonly gates: readonly CompiledRule[];
  readonly checks: readonly CompiledRule[];
  /**
   * Evaluates all rules (`'all'`) or only the gates (`'gates'`, for forms) with the context's facts, and
   * returns the evaluated condition tree (json-rules-engine's shape, whichever evaluator ran it).
   */
  evaluate(facts: FactSource, scope: 'gates' | 'all'): Promise<EvaluatedCondition | undefined>;
  /** The content hash of the rule set, computed once. */
  hash(): Promise<string>;
}

/** The priority of the first gate; later gates get lower ones, the checks' block gets 1. */
function gatePriority(index: number, count: number): number {
  return count - index + 1;
}

function checkNode(check: CheckDefinition): Condition {
  if (!check.applicableWhen) return { all: [check.conditions] };
  return {
    any: [
      { not: check.applicableWhen, priority: 2 },
      { all: [check.conditions], priority: 1 },
    ],
  };
}

/**
 * Builds the root condition of a rule set, in json-rules-engine's format: gates one after the other (descending
 * priorities, so `all` stops at the first failed gate and later facts are never read), then every check
 * in one block of equal priority (all evaluated, their facts fetched concurrently). A check with
 * `applicableWhen` tests applicability first and skips its conditions when it does not apply.
 */
export function buildRootCondition(document: RuleSetDocument, withChecks = true): Condition {
  const gates = document.gates.map((gate, index) => ({ all: [gate.conditions], priority: gatePriority(index, document.gates.length) }));
  const checks = withChecks ? [{ all: document.checks.map(checkNode), priority: 1 }] : [];
  return { all: [...gates, ...checks] };
}

/** The evaluator of one root condition, made when first used. */
function evaluatorFor(evaluator: EvaluatorName, document: RuleSetDocument, vocabulary: Vocabulary, root: Condition): () => ConditionEvaluator {
  if (evaluator === 'json-rules-engine') return madeOnFirstUse(() => jsonRulesEngineEvaluator(document.id, root, [...BUILT_IN_FACTS, ...Object.keys(document.facts)], vocabulary));
  return madeOnFirstUse(() => compileConditions(root, vocabulary.operators));
}

/**
 * Compiles a rule set once; evaluations then reuse it. `evaluator` chooses what runs the conditions:
 * `compiled` (the default: plain functions) or `json-rules-engine` (the reference semantics).
 */
export function compileRuleSet(file: string, document: RuleSetDocument, vocabulary: Vocabulary, evaluator: EvaluatorName = 'compiled'): CompiledRuleSet {
  const evaluators = { all: evaluatorFor(evaluator, document, vocabulary, buildRootCondition(document)), gates: evaluatorFor(evaluator, document, vocabulary, buildRootCondition(document, false)) };

  const compileRule = (definition: GateDefinition | CheckDefinition, kind: 'gate' | 'check'): CompiledRule => ({
    definition,
    kind,
    factsRead: dependencyClosure([...factsReadBy(definition.conditions), ...factsReadBy('applicableWhen' in definition ? definition.applicableWhen : undefined)], document.facts),
  });
  let hash: Promise<string> | undefined;
  return {
    file,
    document,
    evaluate: (facts, scope) => evaluators[scope]()(facts),
    gates: document.gates.map((gate) => compileRule(gate, 'gate')),
    checks: document.checks.map((check) => compileRule(check, 'check')),
    hash: () => (hash ??= contentHash(document)),
  };
}
