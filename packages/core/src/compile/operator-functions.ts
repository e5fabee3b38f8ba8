import type { OperatorDefinition } from '../vocabulary/operators.js';

/** A comparison ready to run: the fact value (left) against the condition's value (right). */
export type Comparison = (factValue: unknown, value: unknown) => boolean;

type Decorator = (next: Comparison) => Comparison;

/**
 * json-rules-engine's operator decorators with its exact semantics: `someFact` and `everyFact` are
 * false on a fact value that is not an array; `someValue` and `everyValue` throw on a value that is
 * not an array, with json-rules-engine's message (the parameter keeps its name `jsonValue` for that).
 */
const DECORATORS: ReadonlyMap<string, Decorator> = new Map<string, Decorator>([
  ['someFact', (next) => (factValue, value) => Array.isArray(factValue) && factValue.some((item) => next(item, value))],
  ['someValue', (next) => (factValue, jsonValue) => (jsonValue as unknown[]).some((item) => next(factValue, item))],
  ['everyFact', (next) => (factValue, value) => Array.isArray(factValue) && factValue.every((item) => next(item, value))],
  ['everyValue', (next) => (factValue, jsonValue) => (jsonValue as unknown[]).every((item) => next(factValue, item))],
  ['swap', (next) => (factValue, value) => next(value, factValue)],
  ['not', (next) => (factValue, value) => !next(factValue, value)],
]);

/**
 * The comparison an operator name stands for, decorators included (`not:someFact:equal` is `not`
 * applied to `someFact` applied to `equal`), as json-rules-engine resolves it; `undefined` for a name
 * that is neither a known operator nor decorators in front of one.
 */
export function comparisonFor(name: string, operators: ReadonlyMap<string, OperatorDefinition>): Comparison | undefined {
  const decorators: Decorator[] = [];
  let rest = name;
  while (!operators.has(rest)) {
    const colon = rest.indexOf(':');
    const decorator = colon > 0 ? DECORATORS.get(rest.slice(0, colon)) : undefined;
    if (decorator === undefined) return undefined;
    decorators.push(decorator);
    rest = rest.slice(colon + 1);
  }
  const operator = operators.get(rest) as OperatorDefinition;
  let comparison: Comparison = (factValue, value) => operator.evaluate(factValue, value);
  for (let index = decorators.length - 1; index >= 0; index -= 1) comparison = (decorators[index] as Decorator)(comparison);
  return comparison;
}
