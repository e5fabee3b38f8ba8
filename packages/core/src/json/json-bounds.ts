import { joinPointer } from './pointer.js';

/** The bounds a value is walked with. */
export interface JsonBounds {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxArrayLength: number;
  readonly maxStringLength: number;
  /** Refuse own keys `__proto__`, `constructor` and `prototype` in objects. */
  readonly forbidPrototypeKeys: boolean;
}

/** Why a value is out of bounds or not JSON. */
export type JsonBoundsKind = 'NOT_JSON' | 'NOT_FINITE' | 'FORBIDDEN_KEY' | 'TOO_DEEP' | 'TOO_MANY_VALUES' | 'ARRAY_TOO_LONG' | 'STRING_TOO_LONG';

/** One problem found by {@link jsonBoundsProblems}. */
export interface JsonBoundsProblem {
  readonly kind: JsonBoundsKind;
  /** RFC 6901 pointer to the value concerned. */
  readonly pointer: string;
  /** The limit broken, for the `TOO_*` and `*_TOO_LONG` kinds. */
  readonly limit?: number;
  /** What is wrong, in English, quoting what can be quoted safely. */
  readonly detail: string;
}

/** Own keys that would reach an object's prototype when copied into a plain object. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value waiting to be walked, and where it sits: its pointer is spelled out only for a problem. */
interface Visit {
  readonly value: unknown;
  readonly parent: Visit | undefined;
  readonly key: string | number;
  readonly depth: number;
}

function pointerOf(visit: Visit): string {
  return visit.parent === undefined ? '' : joinPointer(pointerOf(visit.parent), visit.key);
}

/**
 * Walks a value that should be JSON data, iteratively (no recursion, so no stack overflow), and
 * returns its problems, at most `maxProblems`: a value JSON cannot hold (function, symbol, bigint,
 * `undefined` in an array, an object that is not plain), a number that is not finite (`NaN`,
 * `±Infinity`), a prototype key, or a bound broken. Stops at once when the depth or the count of
 * values is exceeded, so its cost is bounded by `maxNodes` whatever the value (a cycle is too deep).
 * Never throws: a value whose properties cannot be read is `NOT_JSON`.
 */
export function jsonBoundsProblems(value: unknown, bounds: JsonBounds, maxProblems = 1): JsonBoundsProblem[] {
  const problems: JsonBoundsProblem[] = [];
  const stack: Visit[] = [{ value, parent: undefined, key: '', depth: 0 }];
  let nodes = 0;
  const add = (problem: JsonBoundsProblem) => problems.push(problem) >= maxProblems;
  try {
    while (stack.length > 0) {
      const visit = stack.pop() as Visit;
      const { value: current, depth } = visit;
      nodes += 1;
      if (nodes > bounds.maxNodes) {
        problems.push({ kind: 'TOO_MANY_VALUES', pointer: '', limit: bounds.maxNodes, detail: `holds more than ${bounds.maxNodes} values` });
        break;
      }
      if (depth > bounds.maxDepth) {
        problems.push({ kind: 'TOO_DEEP', pointer: pointerOf(visit), limit: bounds.maxDepth, detail: `is nested more than ${bounds.maxDepth} levels deep` });
        break;
      }
      switch (typeof current) {
        case 'string':
          if (current.length > bounds.maxStringLength && add({ kind: 'STRING_TOO_LONG', pointer: pointerOf(visit), limit: bounds.maxStringLength, detail: `is a string of ${current.length} characters, longer than ${bounds.maxStringLength}` }))
            return problems;
          continue;
        case 'number':
          if (!Number.isFinite(current) && add({ kind: 'NOT_FINITE', pointer: pointerOf(visit), detail: `is ${String(current)}, not a finite number (JSON has no NaN or Infinity)` })) return problems;
          continue;
        case 'boolean':
          continue;
        case 'object':
          break;
        default:
          if (add({ kind: 'NOT_JSON', pointer: pointerOf(visit), detail: `is a ${typeName(current)}, which JSON cannot hold` })) return problems;
          continue;
      }
      if (current === null) continue;
      if (Array.isArray(current)) {
        if (current.length > bounds.maxArrayLength) {
          if (add({ kind: 'ARRAY_TOO_LONG', pointer: pointerOf(visit), limit: bounds.maxArrayLength, detail: `is an array of ${current.length} items, more than ${bounds.maxArrayLength}` })) return problems;
          continue;
        }
        for (let index = current.length - 1; index >= 0; index -= 1) {
          const item: unknown = current[index];
          if (item === undefined) {
            if (add({ kind: 'NOT_JSON', pointer: joinPointer(pointerOf(visit), index), detail: 'is undefined, which JSON cannot hold in an array' })) return problems;
            continue;
          }
          stack.push({ value: item, parent: visit, key: index, depth: depth + 1 });
        }
        continue;
      }
      const prototype: unknown = Object.getPrototypeOf(current);
      if (prototype !== Object.prototype && prototype !== null) {
        if (add({ kind: 'NOT_JSON', pointer: pointerOf(visit), detail: 'is an object that is not plain data (a class instance, a Date, a Map …)' })) return problems;
        continue;
      }
      const keys = Object.keys(current);
      if (keys.length > bounds.maxNodes) {
        problems.push({ kind: 'TOO_MANY_VALUES', pointer: '', limit: bounds.maxNodes, detail: `holds more than ${bounds.maxNodes} values` });
        break;
      }
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] as string;
        if (bounds.forbidPrototypeKeys && PROTOTYPE_KEYS.has(key)) {
          if (add({ kind: 'FORBIDDEN_KEY', pointer: joinPointer(pointerOf(visit), key), detail: `is the key "${key}", which data may not use (it reaches an object's prototype)` })) return problems;
          continue;
        }
        if (key.length > bounds.maxStringLength) {
          if (add({ kind: 'STRING_TOO_LONG', pointer: pointerOf(visit), limit: bounds.maxStringLength, detail: `has a key of ${key.length} characters, longer than ${bounds.maxStringLength}` })) return problems;
          continue;
        }
        const child = (current as Record<string, unknown>)[key];
        if (child !== undefined) stack.push({ value: child, parent: visit, key, depth: depth + 1 });
      }
    }
  } catch {
    problems.push({ kind: 'NOT_JSON', pointer: '', detail: 'cannot be read (a getter or a Proxy trap threw)' });
  }
  return problems;
}
