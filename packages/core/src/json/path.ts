/**
 * Dotted paths into fact values (`$.a.b`, `$.items[0].id`): the only path syntax of the DSL, resolved
 * without jsonpath so that conditions run fast. `__proto__`, `constructor` and `prototype` are refused.
 */

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const segmentCache = new Map<string, readonly (string | number)[]>();

/** Splits a dotted path into property names and array indexes; cached per path. */
export function parsePath(path: string): readonly (string | number)[] {
  let segments = segmentCache.get(path);
  if (segments !== undefined) return segments;
  const parsed: (string | number)[] = [];
  const pattern = /\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]/g;
  for (let match = pattern.exec(path); match !== null; match = pattern.exec(path)) {
    parsed.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  segments = parsed;
  segmentCache.set(path, segments);
  return segments;
}

/** Reads the value at `path` in `value`; `undefined` when any step is missing. */
export function resolvePath(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '$' || path === '') return value;
  let current: unknown = value;
  for (const segment of parsePath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'string' && FORBIDDEN_SEGMENTS.has(segment)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment) && !(Array.isArray(current) && segment === 'length')) {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
