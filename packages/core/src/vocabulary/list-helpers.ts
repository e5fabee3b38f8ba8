import { checkPeriodo } from '../formats/periodo.js';
import type { FactHelperDefinition } from './fact-helpers.js';
import { daysInMonth } from '../calendar/iso-dates.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function fieldOf(item: unknown, field: string): unknown {
  if (item === null || typeof item !== 'object' || FORBIDDEN.has(field)) return undefined;
  return Object.prototype.hasOwnProperty.call(item, field) ? (item as Record<string, unknown>)[field] : undefined;
}

/**
 * The items of `items` whose `field` equals `values` (or, when `values` is an array, one of its values);
 * with `exclude`, the other items. With `pick`, the value of that field of each selected item instead of
 * the item. A non-array `items` selects nothing.
 */
export function selectItems(items: unknown, field: string, values: unknown, exclude = false, pick?: string): unknown[] {
  if (!Array.isArray(items)) return [];
  const accepts = (value: unknown) => (Array.isArray(values) ? values.includes(value) : value === values);
  const selected = items.filter((item) => item !== null && typeof item === 'object' && accepts(fieldOf(item, field)) !== exclude);
  return pick === undefined ? selected : selected.map((item) => fieldOf(item, pick) ?? null);
}

/**
 * The item of `items` with the greatest value of `by` (ISO dates and other strings compare as strings,
 * numbers as numbers), or `null` when no item has one. The first such item wins a tie.
 *
 * @throws Error when the items mix string and number values of `by`.
 */
export function latestItem(items: unknown, by: string): unknown {
  if (!Array.isArray(items)) return null;
  let best: { item: unknown; key: string | number } | undefined;
  for (const item of items) {
    const key = fieldOf(item, by);
    if (typeof key !== 'string' && !(typeof key === 'number' && Number.isFinite(key))) continue;
    if (best !== undefined && typeof best.key !== typeof key) throw new Error(`the items mix strings and numbers in "${by}"`);
    if (best === undefined || key > best.key) best = { item, key };
  }
  return best === undefined ? null : best.item;
}

/**
 * The first or last day (`YYYY-MM-DD`) of a periodo `MM/AAAA`, so that periods compare with the date
 * operators: `12/2025` → `2025-12-01` (first) or `2025-12-31` (last).
 *
 * @throws RangeError when `periodo` is not a valid `MM/AAAA`.
 */
export function periodoToDate(periodo: string, day: 'first' | 'last'): string {
  const result = checkPeriodo(periodo);
  if (!result.ok) throw new RangeError(`"${periodo}" is not a valid periodo MM/AAAA (${result.code})`);
  const { month, year } = result.value;
  const dayOfMonth = day === 'first' ? 1 : daysInMonth(year, month);
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/** Fact helpers over lists of port items and over periodi `MM/AAAA`; part of the built-ins. */
export const listHelpers: readonly FactHelperDefinition[] = [
  {
    name: 'selectItems',
    description: 'The items of a list whose field equals the value (an array value: one of its values); with exclude: true, the other items; with pick, that field of each selected item.',
    argsSchema: {
      type: 'object',
      required: ['field', 'values'],
      additionalProperties: false,
      properties: { items: {}, field: { type: 'string', minLength: 1 }, values: {}, exclude: { type: 'boolean' }, pick: { type: 'string', minLength: 1 } },
    },
    resultSchema: { type: 'array' },
    compute: ({ items, field, values, exclude, pick }) => selectItems(items, field as string, values, exclude === true, pick as string | undefined),
  },
  {
    name: 'latestItem',
    description: 'The item of a list with the greatest value of a field (ISO dates compare as strings), or null when none has one.',
    argsSchema: { type: 'object', required: ['by'], additionalProperties: false, properties: { items: {}, by: { type: 'string', minLength: 1 } } },
    resultSchema: { anyOf: [{ type: 'null' }, { type: 'object' }] },
    compute: ({ items, by }) => latestItem(items, by as string),
  },
  {
    name: 'periodoToDate',
    description: 'The first or last day (YYYY-MM-DD) of a periodo MM/AAAA, to compare periods with the date operators.',
    argsSchema: {
      type: 'object',
      required: ['periodo', 'day'],
      additionalProperties: false,
      properties: { periodo: { type: 'string' }, day: { enum: ['first', 'last'] } },
    },
    resultSchema: { type: 'string', format: 'date' },
    compute: ({ periodo, day }) => periodoToDate(periodo as string, day as 'first' | 'last'),
  },
];
