import { Almanac, Engine, Fact, Rule, type TopLevelCondition } from 'json-rules-engine';
import type { CheckDefinition, Condition, GateDefinition, RuleSetDocument } from '@smart-task/schemas';
import { contentHash } from '../json/canonical-hash.js';
import { resolvePath } from '../json/path.js';
import type { Vocabulary } from '../vocabulary/vocabulary.js';
import { BUILT_IN_FACTS, dependencyClosure, factsReadBy } from './fact-graph.js';

/**
 * What a compiled rule set reads facts from during one evaluation: the evaluation's context (lazy,
 * memoised facts), seen only through the one call the fact functions make.
 */
export interface FactSource {
  valueOf(name: string): Promise<unknown>;
}

/** The parts of json-rules-engine's evaluated condition objects that we read. */
export interface EvaluatedCondition {
  readonly all?: readonly EvaluatedCondition[];
  readonly any?: readonly EvaluatedCondition[];
  readonly not?: EvaluatedCondition;
  readonly fact?: string;
  readonly path?: string;
  readonly operator?: string;
  readonly value?: unknown;
  readonly factResult?: unknown;
  readonly valueResult?: unknown;
  readonly result?: boolean;
}

/** The almanac of one evaluation: json-rules-engine's, carrying our context for the fact functions. */
export class EvaluationAlmanac extends Almanac {
  constructor(readonly context: FactSource) {
    super({ allowUndefinedFacts: false, pathResolver: resolvePath as (value: object, path: string) => unknown });
  }
}

/** A gate or check with what the compiler derived from it. */
export interface CompiledRule {
  readonly definition: GateDefinition | CheckDefinition;
  readonly kind: 'gate' | 'check';
  /** Every fact it reads, with their dependencies: if one failed, the rule's result means nothing. */
  readonly factsRead: ReadonlySet<string>;
}

/** A rule set ready to evaluate: one json-rules-engine rule for the whole istruttoria, one for the gates alone. */
export interface CompiledRuleSet {
  readonly file: string;
  readonly document: RuleSetDocument;
  readonly gates: readonly CompiledRule[];
  readonly checks: readonly CompiledRule[];
  /**
   * Evaluates all rules (`'all'`) or only the gates (`'gates'`, for forms) with the context's facts, and
   * returns json-rules-engine's evaluated condition tree.
   */
  evaluate(context: FactSource, scope: 'gates' | 'all'): Promise<EvaluatedCondition | undefined>;
  /** The content hash of the rule set, computed once. */
  hash(): Promise<string>;
}

/** `Rule#evaluate(almanac)`: json-rules-engine's evaluation of one rule, not in its type declarations. */
interface EvaluableRule {
  evaluate(almanac: Almanac): Promise<{ readonly conditions: unknown }>;
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
 * Builds the single json-rules-engine rule of a rule set: gates one after the other (descending
 * priorities, so `all` stops at the first failed gate and later facts are never read), then every check
 * in one block of equal priority (all evaluated, their facts fetched concurrently). A check with
 * `applicableWhen` tests applicability first and skips its conditions when it does not apply.
 */
export function buildRootCondition(document: RuleSetDocument, withChecks = true): Condition {
  const gates = document.gates.map((gate, index) => ({ all: [gate.conditions], priority: gatePriority(index, document.gates.length) }));
  const checks = withChecks ? [{ all: document.checks.map(checkNode), priority: 1 }] : [];
  return { all: [...gates, ...checks] };
}

/**
 * A json-rules-engine rule attached to an engine that holds our operators. The rule is evaluated
 * directly with `Rule#evaluate`, never through `Engine#run`: `run` keeps a status on the shared engine
 * that overlapping runs overwrite, which can make a run skip its rules and return no result at all.
 */
function createRule(document: RuleSetDocument, vocabulary: Vocabulary, condition: Condition): EvaluableRule {
  const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolvePath as (value: object, path: string) => unknown });
  for (const [name, operator] of vocabulary.operators) engine.addOperator(name, (factValue: unknown, value: unknown) => operator.evaluate(factValue, value));
  // A copy: json-rules-engine writes into the conditions it is given (a leaf's `priority`), and the
  // host's documents must stay as they were (a frozen catalog included).
  const rule = new Rule({ name: document.id, conditions: structuredClone(condition) as unknown as TopLevelCondition, event: { type: 'istruttoria' } });
  engine.addRule(rule);
  return rule as unknown as EvaluableRule;
}

/** Compiles a rule set once; evaluations then reuse its rules and facts. */
export function compileRuleSet(file: string, document: RuleSetDocument, vocabulary: Vocabulary): CompiledRuleSet {
  const rules = { all: createRule(document, vocabulary, buildRootCondition(document)), gates: createRule(document, vocabulary, buildRootCondition(document, false)) };
  const facts = [...BUILT_IN_FACTS, ...Object.keys(document.facts)].map((name) => new Fact(name, (_params: Record<string, unknown>, almanac: Almanac) => (almanac as EvaluationAlmanac).context.valueOf(name), { cache: false }));

  const compileRule = (definition: GateDefinition | CheckDefinition, kind: 'gate' | 'check'): CompiledRule => ({
    definition,
    kind,
    factsRead: dependencyClosure([...factsReadBy(definition.conditions), ...factsReadBy('applicableWhen' in definition ? definition.applicableWhen : undefined)], document.facts),
  });
  let hash: Promise<string> | undefined;
  return {
    file,
    document,
    async evaluate(context, scope) {
      const almanac = new EvaluationAlmanac(context);
      for (const fact of facts) almanac.addFact(fact);
      const result = await rules[scope].evaluate(almanac);
      return result.conditions as EvaluatedCondition | undefined;
    },
    gates: document.gates.map((gate) => compileRule(gate, 'gate')),
    checks: document.checks.map((check) => compileRule(check, 'check')),
    hash: () => (hash ??= contentHash(document)),
  };
}
