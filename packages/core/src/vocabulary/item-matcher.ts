/**
 * Matches an object against a filter: every key of `where` must equal the item's field, or, when the
 * filter value is an array, be one of its values. Shared by the `hasItemMatching` operators and by the
 * form's choices built from port data.
 */
export function matchesWhere(item: unknown, where: Readonly<Record<string, unknown>>): boolean {
  if (item === null || typeof item !== 'object') return false;
  const record = item as Record<string, unknown>;
  return Object.keys(where).every((key) => {
    const expected = where[key];
    const actual = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
    return Array.isArray(expected) ? expected.includes(actual) : actual === expected;
  });
}

/** The items of `list` that match `where` (all items when `where` is absent); non-arrays give none. */
export function filterItems(list: unknown, where?: Readonly<Record<string, unknown>>): unknown[] {
  if (!Array.isArray(list)) return [];
  return where === undefined ? [...list] : list.filter((item) => matchesWhere(item, where));
}
