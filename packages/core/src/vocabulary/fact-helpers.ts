import type { JsonSchema } from '@smart-task/schemas';
import { addDays, addMonths, toIsoDate } from './iso-dates.js';

/**
 * A fact helper: computes a fact from arguments (literals or other facts), e.g. the last day a
 * suspended position can be reactivated. Named by string in a rule set's `facts`.
 */
export interface FactHelperDefinition {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the resolved arguments object; checked before `compute` runs. */
  readonly argsSchema: JsonSchema;
  compute(args: Readonly<Record<string, unknown>>): unknown;
}

const dateArg = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}' };

/** The fact helpers every engine knows. */
export const builtInFactHelpers: readonly FactHelperDefinition[] = [
  {
    name: 'addMonths',
    description: 'date + months calendar months (same day, or the last day of a shorter month).',
    argsSchema: { type: 'object', required: ['date', 'months'], additionalProperties: false, properties: { date: dateArg, months: { type: 'integer' } } },
    compute: ({ date, months }) => addMonths(toIsoDate(date) as string, months as number),
  },
  {
    name: 'addDays',
    description: 'date + days calendar days (negative days go back).',
    argsSchema: { type: 'object', required: ['date', 'days'], additionalProperties: false, properties: { date: dateArg, days: { type: 'integer' } } },
    compute: ({ date, days }) => addDays(toIsoDate(date) as string, days as number),
  },
  {
    name: 'normalizeEmail',
    description: 'An e-mail or PEC address trimmed and in lower case, as addresses are stored and compared.',
    argsSchema: { type: 'object', required: ['address'], additionalProperties: false, properties: { address: { type: 'string' } } },
    compute: ({ address }) => (address as string).trim().toLowerCase(),
  },
  {
    name: 'firstOf',
    description: 'The first of the arguments first, second, third that is neither null nor absent.',
    argsSchema: { type: 'object', additionalProperties: false, properties: { first: {}, second: {}, third: {} } },
    compute: ({ first, second, third }) => [first, second, third].find((value) => value !== undefined && value !== null) ?? null,
  },
];
