import type { Condition, FactDeclaration, FactReference, LeafCondition, ParamValue } from '@smart-task/schemas';
import { joinPointer } from '../json/pointer.js';

/**
 * Facts every rule set can read without declaring them: the request data, the requester (`subject`),
 * the evaluation date (`today`), the submission date (`submittedOn`), the request id, the task id and
 * the profiles that may file the task (`requesters`, from the rule set).
 */
export const BUILT_IN_FACTS = ['request', 'subject', 'today', 'submittedOn', 'requestId', 'task', 'requesters'] as const;

/** A built-in fact name. */
export type BuiltInFact = (typeof BUILT_IN_FACTS)[number];

const BUILT_IN_SET: ReadonlySet<string> = new Set(BUILT_IN_FACTS);

/** True when `name` is a built-in fact (an own name, never one inherited from Object.prototype). */
export function isBuiltInFact(name: string): name is BuiltInFact {
  return BUILT_IN_SET.has(name);
}

/**
 * The fact the checks' group reads last when a rule set has facts only texts need: reading it starts
 * their port calls (see `prefetchedFacts`) and answers `true`. Not a name a rule set can declare.
 */
export const PREFETCH_FACT = '$prefetch';

/** Built-in facts known before the request is read: what a form may depend on. */
export const SUBJECT_ONLY_FACTS: ReadonlySet<string> = new Set(['subject', 'today', 'task', 'requesters']);

/** True when a parameter or condition value is a `{ fact, path? }` reference rather than a literal. */
export function isFactReference(value: unknown): value is FactReference {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return typeof (value as { fact?: unknown }).fact === 'string' && keys.every((key) => key === 'fact' || key === 'path');
}

/** A leaf condition with its JSON pointer in the file. */
export interface LocatedLeaf {
  readonly leaf: LeafCondition;
  readonly pointer: string;
}

/** Every leaf of a condition tree, depth first, with pointers under `pointer`. */
export function leavesOf(condition: Condition, pointer: string): LocatedLeaf[] {
  if ('all' in condition) return condition.all.flatMap((child, index) => leavesOf(child, joinPointer(pointer, 'all', index)));
  if ('any' in condition) return condition.any.flatMap((child, index) => leavesOf(child, joinPointer(pointer, 'any', index)));
  if ('not' in condition) return leavesOf(condition.not, joinPointer(pointer, 'not'));
  return [{ leaf: condition, pointer }];
}

/** The facts a condition tree reads, on either side of its comparisons. */
export function factsReadBy(condition: Condition | undefined): Set<string> {
  const facts = new Set<string>();
  if (condition === undefined) return facts;
  for (const { leaf } of leavesOf(condition, '')) {
    facts.add(leaf.fact);
    if (isFactReference(leaf.value)) facts.add(leaf.value.fact);
  }
  return facts;
}

/** The facts referenced by parameter values. */
export function factsReferencedBy(params: Readonly<Record<string, ParamValue>>): Set<string> {
  const facts = new Set<string>();
  for (const value of Object.values(params)) if (isFactReference(value)) facts.add(value.fact);
  return facts;
}

/** The parameters (port facts), arguments (helpers) or selecting date (dated values) of a fact declaration. */
export function argumentsOf(declaration: FactDeclaration): Readonly<Record<string, ParamValue>> {
  if ('port' in declaration) return declaration.params;
  if ('inForce' in declaration) return { on: declaration.on };
  return declaration.args;
}

/** `facts` plus every fact they depend on, transitively. */
export function dependencyClosure(facts: Iterable<string>, declarations: Readonly<Record<string, FactDeclaration>>): Set<string> {
  const result = new Set<string>();
  const pending = [...facts];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (result.has(name)) continue;
    result.add(name);
    const declaration = declarations[name];
    if (declaration) pending.push(...factsReferencedBy(argumentsOf(declaration)));
  }
  return result;
}

/** A dependency cycle among declared facts, as the list of names that form it, or `undefined`. */
export function findFactCycle(declarations: Readonly<Record<string, FactDeclaration>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done' || !declarations[name]) return undefined;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dependency of factsReferencedBy(argumentsOf(declarations[name] as FactDeclaration))) {
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(declarations)) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}
