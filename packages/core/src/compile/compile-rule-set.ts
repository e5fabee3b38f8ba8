import type { CheckDefinition, Condition, GateDefinition, RuleSetDocument } from '@smart-task/schemas';
import { contentHash } from '../json/canonical-hash.js';
import { madeOnFirstUse } from '../validation/compiled-on-first-use.js';
import type { Vocabulary } from '../vocabulary/vocabulary.js';
import { compileConditions } from './compiled-evaluator.js';
import type { ConditionEvaluator, EvaluatedCondition, EvaluatorName, FactSource } from './evaluated-condition.js';
import { factsQuotedIn } from '../text/template.js';
import { BUILT_IN_FACTS, PREFETCH_FACT, dependencyClosure, factsReadBy, factsReferencedBy } from './fact-graph.js';
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
  /** The port facts only texts need, fetched with the checks (see {@link prefetchedFacts}). */
  readonly prefetched: readonly string[];
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
export function buildRootCondition(document: RuleSetDocument, withChecks = true, prefetched: readonly string[] = withChecks ? prefetchedFacts(document) : []): Condition {
  const gates = document.gates.map((gate, index) => ({ all: [gate.conditions], priority: gatePriority(index, document.gates.length) }));
  // After the checks, in their group: the read that starts the calls of the facts only texts quote.
  const prefetch: Condition[] = prefetched.length > 0 ? [{ fact: PREFETCH_FACT, operator: 'equal', value: true }] : [];
  const checks = withChecks ? [{ all: [...document.checks.map(checkNode), ...prefetch], priority: 1 }] : [];
  return { all: [...gates, ...checks] };
}

/**
 * The port facts that only texts need — a check's message, an operation's description or
 * parameters — and no gate or check condition reads (with the facts they depend on). They are fetched
 * in the same wave as the checks, so that a rejection's message or an acceptance's operations cost no
 * round trip of their own; not before the gates have passed, since a gate decides whether the
 * requester may see the target's data at all.
 */
export function prefetchedFacts(document: RuleSetDocument): readonly string[] {
  const read = dependencyClosure([...document.gates.flatMap((gate) => [...factsReadBy(gate.conditions)]), ...document.checks.flatMap((check) => [...factsReadBy(check.conditions), ...factsReadBy(check.applicableWhen)])], document.facts);
  const quoted = [...document.checks.map((check) => check.message), ...document.operations.map((operation) => operation.description)].flatMap(factsQuotedIn);
  const parameters = document.operations.flatMap((operation) => [...factsReferencedBy(operation.params)]);
  const needed = dependencyClosure([...quoted, ...parameters], document.facts);
  return [...needed].filter((fact) => !read.has(fact) && Object.prototype.hasOwnProperty.call(document.facts, fact) && 'port' in (document.facts[fact] as object));
}

/** The evaluator of one root condition, made when first used. */
function evaluatorFor(evaluator: EvaluatorName, document: RuleSetDocument, vocabulary: Vocabulary, root: () => Condition): () => ConditionEvaluator {
  if (evaluator === 'json-rules-engine') return madeOnFirstUse(() => jsonRulesEngineEvaluator(document.id, root(), [...BUILT_IN_FACTS, PREFETCH_FACT, ...Object.keys(document.facts)], vocabulary));
  return madeOnFirstUse(() => compileConditions(root(), vocabulary.operators));
}

/**
 * Compiles a rule set once; evaluations then reuse it. `evaluator` chooses what runs the conditions:
 * `compiled` (the default: plain functions) or `json-rules-engine` (the reference semantics).
 */
export function compileRuleSet(file: string, document: RuleSetDocument, vocabulary: Vocabulary, evaluator: EvaluatorName = 'compiled'): CompiledRuleSet {
  // Built when first evaluated: a host serving a few tasks compiles only theirs.
  const prefetched = madeOnFirstUse(() => prefetchedFacts(document));
  const evaluators = {
    all: evaluatorFor(evaluator, document, vocabulary, () => buildRootCondition(document, true, prefetched())),
    gates: evaluatorFor(evaluator, document, vocabulary, () => buildRootCondition(document, false)),
  };

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
    get prefetched() {
      return prefetched();
    },
    hash: () => (hash ??= contentHash(document)),
  };
}
