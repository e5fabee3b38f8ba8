import type { Condition, LeafCondition } from '@smart-task/schemas';
import { resolvePath } from '../json/path.js';
import type { OperatorDefinition } from '../vocabulary/operators.js';
import type { ConditionEvaluator, EvaluatedCondition, FactSource } from './evaluated-condition.js';
import { comparisonFor } from './operator-functions.js';

/**
 * Conditions compiled once to plain functions, with json-rules-engine's semantics (its evaluator stays
 * the reference, selectable with the engine option `evaluator`, and a differential test holds the two
 * to the same results):
 * - `all` and `any` group their children by `priority` (highest first, 1 when absent); the children of
 *   one group all run, their facts requested together; the next group runs only when the node's result
 *   is still open (`all` so far true, `any` so far false);
 * - `not` negates its one child;
 * - a leaf reads its `value` (a literal, or a `{ fact, path }` reference) and its fact; a `path` is
 *   followed only into an object, any other value is compared as it is; the operator's answer is the
 *   leaf's result and counts as passed only when it is `true`.
 *
 * The evaluated tree has json-rules-engine's shape, so the outcome, trace and coverage readers serve
 * both evaluators. What is faster: no copy of the conditions per evaluation, and no promise where a
 * fact is already known.
 */

/** What a compiled node returns: the evaluated node, or a promise of it while facts are being read. */
type Evaluated = EvaluatedCondition | Promise<EvaluatedCondition>;

interface CompiledNode {
  /** The node as written, without results: what an evaluation that skipped it shows. */
  readonly skipped: EvaluatedCondition;
  /** `priority` as json-rules-engine reads it (an integer; 1 when absent or 0). */
  readonly priority: number;
  run(facts: FactSource): Evaluated;
}

const passes = (node: EvaluatedCondition): boolean => node.result === true;

function priorityOf(condition: Condition): number {
  const written = (condition as { readonly priority?: unknown }).priority;
  return Number.parseInt(String(written), 10) || 1;
}

/** A value as json-rules-engine reads it: an object with an own `fact` is a reference to that fact. */
function referenceIn(value: unknown): { readonly fact: string; readonly path: string | undefined } | undefined {
  if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, 'fact')) return undefined;
  const { fact, path } = value as { readonly fact: string; readonly path?: string };
  return { fact, path };
}

/** Reads a fact and follows `path` into it when it is an object; a promise only while the fact is pending. */
function readAt(facts: FactSource, fact: string, path: string | undefined): unknown {
  const value = facts.read(fact);
  if (!path) return value;
  if (value instanceof Promise) return value.then((settled) => follow(settled, path));
  return follow(value, path);
}

function follow(value: unknown, path: string): unknown {
  return value !== null && typeof value === 'object' ? resolvePath(value, path) : value;
}

function compileLeaf(leaf: LeafCondition, operators: ReadonlyMap<string, OperatorDefinition>): CompiledNode {
  const compare = comparisonFor(leaf.operator, operators);
  const reference = referenceIn(leaf.value);
  const { fact, path, operator, value } = leaf;
  const skipped: EvaluatedCondition = Object.freeze(path === undefined ? { fact, operator, value } : { fact, path, operator, value });
  const finish = (factResult: unknown, valueResult: unknown): EvaluatedCondition => {
    if (compare === undefined) throw new Error(`Unknown operator: ${operator}`);
    const result = compare(factResult, valueResult);
    return path === undefined ? { fact, operator, value, factResult, valueResult, result } : { fact, path, operator, value, factResult, valueResult, result };
  };
  return {
    skipped,
    priority: priorityOf(leaf),
    run(facts) {
      // The value first, then the fact: the order json-rules-engine asks for them.
      const valueResult = reference === undefined ? value : readAt(facts, reference.fact, reference.path);
      const factResult = readAt(facts, fact, path);
      // One `then` on what is pending (rarely both): no Promise.all, no array.
      if (factResult instanceof Promise) {
        return valueResult instanceof Promise ? Promise.all([factResult, valueResult]).then(([left, right]) => finish(left, right)) : factResult.then((left) => finish(left, valueResult));
      }
      if (valueResult instanceof Promise) return valueResult.then((right) => finish(factResult, right));
      return finish(factResult, valueResult);
    },
  };
}

/** One priority group: the children that run together, with their index among the node's children. */
type PriorityGroup = readonly (readonly [number, CompiledNode])[];

/**
 * Runs the children of one priority group together; each evaluated child lands at its index in
 * `into`. Answers whether they all passed (`all`) or any did (`any`), or a promise of it.
 */
function runGroup(operator: 'all' | 'any', group: PriorityGroup, facts: FactSource, into: EvaluatedCondition[]): boolean | Promise<boolean> {
  let pending: (readonly [number, Promise<EvaluatedCondition>])[] | undefined;
  let thrown: { readonly error: unknown } | undefined;
  for (const [index, child] of group) {
    let evaluated: Evaluated;
    try {
      evaluated = child.run(facts);
    } catch (error) {
      // The siblings still start, as they do in json-rules-engine; the first error is thrown after.
      thrown ??= { error };
      continue;
    }
    if (evaluated instanceof Promise) (pending ??= []).push([index, evaluated]);
    else into[index] = evaluated;
  }
  if (thrown !== undefined) {
    // Pending siblings are left to settle on their own; their outcome no longer matters.
    for (const [, sibling] of pending ?? []) sibling.catch(noop);
    throw thrown.error;
  }
  if (pending === undefined) return groupPassed(operator, group, into);
  if (pending.length === 1) {
    const [[index, evaluated]] = pending as [readonly [number, Promise<EvaluatedCondition>]];
    return evaluated.then((node) => {
      into[index] = node;
      return groupPassed(operator, group, into);
    });
  }
  return joinPending(operator, group, into, pending);
}

/**
 * The pending children of a group, joined by a count rather than Promise.all (one `then` each): the
 * group's result once all have landed in `into`, or the first failure.
 */
function joinPending(operator: 'all' | 'any', group: PriorityGroup, into: EvaluatedCondition[], pending: readonly (readonly [number, Promise<EvaluatedCondition>])[]): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    let remaining = pending.length;
    for (const [index, evaluated] of pending) {
      evaluated.then((node) => {
        into[index] = node;
        remaining -= 1;
        if (remaining === 0) resolve(groupPassed(operator, group, into));
      }, reject);
    }
  });
}

/** Whether the group's evaluated children all passed (`all`) or any did (`any`). */
function groupPassed(operator: 'all' | 'any', group: PriorityGroup, into: readonly EvaluatedCondition[]): boolean {
  if (operator === 'all') {
    for (const [index] of group) if (!passes(into[index] as EvaluatedCondition)) return false;
    return true;
  }
  for (const [index] of group) if (passes(into[index] as EvaluatedCondition)) return true;
  return false;
}

const noop = (): void => undefined;

/** A boolean node in json-rules-engine's shape (literal keys: one object shape per operator). */
function booleanNode(operator: 'all' | 'any', children: readonly EvaluatedCondition[], result: boolean): EvaluatedCondition {
  return operator === 'all' ? { all: children, result } : { any: children, result };
}

function compileGroupNode(operator: 'all' | 'any', condition: Condition, children: readonly Condition[], operators: ReadonlyMap<string, OperatorDefinition>): CompiledNode {
  const compiled = children.map((child) => compileNode(child, operators));
  // Copied per evaluation (never a frozen array: V8 copies those slowly), then filled in as children run.
  const skippedChildren = compiled.map((child) => child.skipped);
  const skipped: EvaluatedCondition = Object.freeze(operator === 'all' ? { all: Object.freeze([...skippedChildren]) } : { any: Object.freeze([...skippedChildren]) });
  const priority = priorityOf(condition);
  if (compiled.length === 0) return { skipped, priority, run: () => booleanNode(operator, [], true) };
  if (compiled.length === 1) {
    const only = compiled[0] as CompiledNode;
    const wrap = (node: EvaluatedCondition): EvaluatedCondition => booleanNode(operator, [node], passes(node));
    return {
      skipped,
      priority,
      run(facts) {
        const evaluated = only.run(facts);
        return evaluated instanceof Promise ? evaluated.then(wrap) : wrap(evaluated);
      },
    };
  }
  // Highest priority first; children of equal priority keep their written order.
  const groups: readonly PriorityGroup[] = [...new Set(compiled.map((child) => child.priority))].sort((a, b) => b - a).map((level) => compiled.flatMap((child, index) => (child.priority === level ? [[index, child] as const] : [])));
  // `all` is true until a group fails, `any` false until a group passes; either way the rest is skipped.
  const stopsAt = operator === 'all' ? false : true;
  const runFrom = (facts: FactSource, results: EvaluatedCondition[], first: number): Evaluated => {
    for (let at = first; at < groups.length; at += 1) {
      const outcome = runGroup(operator, groups[at] as PriorityGroup, facts, results);
      if (outcome instanceof Promise) return outcome.then((groupPassed) => (groupPassed === stopsAt || at + 1 === groups.length ? booleanNode(operator, results, groupPassed) : runFrom(facts, results, at + 1)));
      if (outcome === stopsAt) return booleanNode(operator, results, outcome);
    }
    return booleanNode(operator, results, !stopsAt);
  };
  return { skipped, priority, run: (facts) => runFrom(facts, skippedChildren.slice(), 0) };
}

function compileNotNode(condition: Condition & { readonly not: Condition }, operators: ReadonlyMap<string, OperatorDefinition>): CompiledNode {
  const child = compileNode(condition.not, operators);
  const negate = (node: EvaluatedCondition): EvaluatedCondition => ({ not: node, result: !node.result });
  return {
    skipped: Object.freeze({ not: child.skipped }),
    priority: priorityOf(condition),
    run(facts) {
      const evaluated = child.run(facts);
      return evaluated instanceof Promise ? evaluated.then(negate) : negate(evaluated);
    },
  };
}

function compileNode(condition: Condition, operators: ReadonlyMap<string, OperatorDefinition>): CompiledNode {
  if ('all' in condition) return compileGroupNode('all', condition, condition.all, operators);
  if ('any' in condition) return compileGroupNode('any', condition, condition.any, operators);
  if ('not' in condition) return compileNotNode(condition, operators);
  return compileLeaf(condition, operators);
}

/**
 * Compiles a root condition (see `buildRootCondition`) to an evaluator with json-rules-engine's
 * semantics. An operator that throws fails the evaluation, as it does there.
 */
export function compileConditions(root: Condition, operators: ReadonlyMap<string, OperatorDefinition>): ConditionEvaluator {
  const compiled = compileNode(root, operators);
  // json-rules-engine sets no result on the root: the rule's result stands for it.
  const withoutResult = ({ result: _result, ...node }: EvaluatedCondition): EvaluatedCondition => node;
  return async (facts) => withoutResult(await compiled.run(facts));
}
