import type { JsonSchema } from '@smart-task/schemas';
import { addDays, addMonths, startOf, toIsoDate } from '../calendar/iso-dates.js';
import { listHelpers } from './list-helpers.js';

/**
 * A fact helper: computes a fact from arguments (literals or other facts), e.g. the last day a
 * suspended position can be reactivated. Named by string in a rule set's `facts`.
 */
export interface FactHelperDefinition {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the resolved arguments object; checked before `compute` runs. */
  readonly argsSchema: JsonSchema;
  /** JSON Schema of what `compute` returns; static analysis (`smart-task lint`) types the fact with it. Absent: any value. */
  readonly resultSchema?: JsonSchema;
  compute(args: Readonly<Record<string, unknown>>): unknown;
}

const dateArg: JsonSchema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}' };
const dateResult: JsonSchema = { type: 'string', format: 'date' };

/** The fact helpers every engine knows. */
export const builtInFactHelpers: readonly FactHelperDefinition[] = [
  {
    name: 'addMonths',
    description: 'date + months calendar months (same day, or the last day of a shorter month).',
    argsSchema: { type: 'object', required: ['date', 'months'], additionalProperties: false, properties: { date: dateArg, months: { type: 'integer' } } },
    resultSchema: dateResult,
    compute: ({ date, months }) => addMonths(toIsoDate(date) as string, months as number),
  },
  {
    name: 'addDays',
    description: 'date + days calendar days (negative days go back).',
    argsSchema: { type: 'object', required: ['date', 'days'], additionalProperties: false, properties: { date: dateArg, days: { type: 'integer' } } },
    resultSchema: dateResult,
    compute: ({ date, days }) => addDays(toIsoDate(date) as string, days as number),
  },
  {
    name: 'normalizeEmail',
    description: 'An e-mail or PEC address trimmed and in lower case, as addresses are stored and compared.',
    argsSchema: { type: 'object', required: ['address'], additionalProperties: false, properties: { address: { type: 'string' } } },
    resultSchema: { type: 'string' },
    compute: ({ address }) => (address as string).trim().toLowerCase(),
  },
  {
    name: 'firstOf',
    description: 'The first of the arguments first, second, third that is neither null nor absent.',
    argsSchema: { type: 'object', additionalProperties: false, properties: { first: {}, second: {}, third: {} } },
    compute: ({ first, second, third }) => [first, second, third].find((value) => value !== undefined && value !== null) ?? null,
  },
  {
    name: 'startOf',
    description: "The first day of the date's year or month (unit), moved by shift years or months: startOf(2026-05-17, year, -1) = 2025-01-01.",
    argsSchema: { type: 'object', required: ['date', 'unit'], additionalProperties: false, properties: { date: dateArg, unit: { enum: ['year', 'month'] }, shift: { type: 'integer' } } },
    resultSchema: dateResult,
    compute: ({ date, unit, shift }) => startOf(toIsoDate(date) as string, unit as 'year' | 'month', (shift as number | undefined) ?? 0),
  },
  ...listHelpers,
];
