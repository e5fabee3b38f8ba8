/**
 * The values crossing between JavaScript and SQL, converted the same way on both databases: instants
 * to the millisecond (what `Date.parse` sees, so SQL and in-memory compare the same instants), and
 * stored JSON handed back deeply frozen, as the lifecycle's values are.
 */

/** An ISO date-time as the `timestamptz` parameter of the same instant, cut to the millisecond (UTC, `toISOString`). */
export function instantParam(isoDateTime: string): string {
  return new Date(Date.parse(isoDateTime)).toISOString();
}

/** A `timestamptz` read back (a `Date` from either driver) as an ISO date-time in UTC with milliseconds. */
export function isoFromSql(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/** Freezes `value` and everything it holds; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
