/**
 * Reading values a caller handed in that may be anything: a Proxy whose traps throw, an object whose
 * getters throw, an array passed for an object. Nothing here throws; the checks that use it turn what
 * they find into coded issues.
 */

/** What {@link read} answers for a property whose getter (or Proxy trap) throws. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** Reads a property of a value that may be anything; {@link UNREADABLE} when reading it throws. */
export function read(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return UNREADABLE;
  }
}

/** True for a plain object (not an array), false also when asking throws (a revoked Proxy). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The own enumerable keys of an object; none when listing them throws. */
export function keysOf(value: object): string[] {
  try {
    return Object.keys(value);
  } catch {
    return [];
  }
}
