/**
 * What a compiled rule set reads facts from during one evaluation: the evaluation's context (lazy,
 * memoised facts).
 */
export interface FactSource {
  /** The value of a fact, fetched or computed on first use. */
  valueOf(name: string): Promise<unknown>;
  /**
   * The value of a fact when it is already known (a built-in, or one already settled), else the same
   * promise as {@link valueOf}: lets an evaluator go on without waiting when there is nothing to wait for.
   */
  read(name: string): unknown;
}

/**
 * A condition node after an evaluation, in json-rules-engine's shape: the written node with, on a
 * leaf, the values compared (`factResult`, `valueResult`) and, on every node that ran, its `result`.
 * A node that did not run (a short-circuit, a gate failed before it) has no `result`.
 */
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
  /** What the leaf's operator answered, or the boolean node's result; only `true` counts as passed. */
  readonly result?: boolean;
}

/** Evaluates a rule set's root condition against one evaluation's facts. */
export type ConditionEvaluator = (facts: FactSource) => Promise<EvaluatedCondition | undefined>;

/** The evaluators an engine can run conditions with. */
export type EvaluatorName = 'compiled' | 'json-rules-engine';
