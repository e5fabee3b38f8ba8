import type { JsonSchema } from '@smart-task/schemas';
import { domainFormats, type DomainFormatName } from '../formats/index.js';
import { toIsoDate } from '../calendar/iso-dates.js';
import { matchesWhere } from './item-matcher.js';

/**
 * The type one side of a comparison must have for an operator to hold: `date` is a `YYYY-MM-DD…`
 * string, `any` accepts every value. Static analysis (`smart-task lint`) compares it with the types the
 * schemas give the fact.
 */
export type OperandType = 'any' | 'string' | 'number' | 'date' | 'boolean' | 'array' | 'object';

/** The operand types of an operator: the fact value (left side) and the condition's `value` (right side). */
export interface OperandTypes {
  readonly fact: OperandType;
  readonly value: OperandType;
}

/**
 * An operator of the condition language: compares a fact value (left) with the condition's `value`
 * (right). Registered with json-rules-engine; `valueSchema` lets the loader reject a literal right-hand
 * side of the wrong shape, with a pointer, before anything runs.
 */
export interface OperatorDefinition {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of a literal `value`; a `{ fact, path }` reference is checked at run time. */
  readonly valueSchema: JsonSchema;
  /** What each side must be for the condition to be able to hold; absent means `any` on both sides. */
  readonly operands?: OperandTypes;
  /** Must not throw: a left value of the wrong type makes the condition false. */
  evaluate(factValue: unknown, value: unknown): boolean;
}

const anyValue: JsonSchema = {};
const arrayValue: JsonSchema = { type: 'array' };
const numberValue: JsonSchema = { type: 'number' };
const booleanValue: JsonSchema = { type: 'boolean' };
const dateValue: JsonSchema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}' };
const stringValue: JsonSchema = { type: 'string' };

const anyOperands: OperandTypes = { fact: 'any', value: 'any' };
const anyInArray: OperandTypes = { fact: 'any', value: 'array' };
const arrayWithAny: OperandTypes = { fact: 'array', value: 'any' };
const numberOperands: OperandTypes = { fact: 'number', value: 'number' };
const dateOperands: OperandTypes = { fact: 'date', value: 'date' };
const stringOperands: OperandTypes = { fact: 'string', value: 'string' };
const arrayWithObject: OperandTypes = { fact: 'array', value: 'object' };
const anyWithBoolean: OperandTypes = { fact: 'any', value: 'boolean' };
const stringInArray: OperandTypes = { fact: 'string', value: 'array' };

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function compareNumbers(test: (a: number, b: number) => boolean) {
  return (factValue: unknown, value: unknown) => isNumber(factValue) && isNumber(value) && test(factValue, value);
}

function compareDates(test: (a: string, b: string) => boolean) {
  return (factValue: unknown, value: unknown) => {
    const left = toIsoDate(factValue);
    const right = toIsoDate(value);
    return left !== undefined && right !== undefined && test(left, right);
  };
}

function lowerCase(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value) || typeof value === 'string') return value.length === 0;
  return false;
}

function hasItem(factValue: unknown, value: unknown): boolean {
  return Array.isArray(factValue) && typeof value === 'object' && value !== null && factValue.some((item) => matchesWhere(item, value as Record<string, unknown>));
}

function domainOf(address: string): string {
  return address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

/** The operators every engine knows. The json-rules-engine names keep their meaning. */
export const builtInOperators: readonly OperatorDefinition[] = [
  { name: 'equal', description: 'The fact value is strictly equal to the value.', valueSchema: anyValue, operands: anyOperands, evaluate: (a, b) => a === b },
  { name: 'notEqual', description: 'The fact value differs from the value.', valueSchema: anyValue, operands: anyOperands, evaluate: (a, b) => a !== b },
  { name: 'in', description: 'The fact value is one of the values of the array.', valueSchema: arrayValue, operands: anyInArray, evaluate: (a, b) => Array.isArray(b) && b.includes(a) },
  { name: 'notIn', description: 'The fact value is none of the values of the array.', valueSchema: arrayValue, operands: anyInArray, evaluate: (a, b) => Array.isArray(b) && !b.includes(a) },
  { name: 'contains', description: 'The fact array contains the value.', valueSchema: anyValue, operands: arrayWithAny, evaluate: (a, b) => Array.isArray(a) && a.includes(b) },
  { name: 'doesNotContain', description: 'The fact array does not contain the value.', valueSchema: anyValue, operands: arrayWithAny, evaluate: (a, b) => Array.isArray(a) && !a.includes(b) },
  { name: 'lessThan', description: 'Number: fact < value.', valueSchema: numberValue, operands: numberOperands, evaluate: compareNumbers((a, b) => a < b) },
  { name: 'lessThanInclusive', description: 'Number: fact ≤ value.', valueSchema: numberValue, operands: numberOperands, evaluate: compareNumbers((a, b) => a <= b) },
  { name: 'greaterThan', description: 'Number: fact > value.', valueSchema: numberValue, operands: numberOperands, evaluate: compareNumbers((a, b) => a > b) },
  { name: 'greaterThanInclusive', description: 'Number: fact ≥ value.', valueSchema: numberValue, operands: numberOperands, evaluate: compareNumbers((a, b) => a >= b) },
  { name: 'dateBefore', description: 'ISO date: fact is strictly before value.', valueSchema: dateValue, operands: dateOperands, evaluate: compareDates((a, b) => a < b) },
  { name: 'dateOnOrBefore', description: 'ISO date: fact is on or before value.', valueSchema: dateValue, operands: dateOperands, evaluate: compareDates((a, b) => a <= b) },
  { name: 'dateAfter', description: 'ISO date: fact is strictly after value.', valueSchema: dateValue, operands: dateOperands, evaluate: compareDates((a, b) => a > b) },
  { name: 'dateOnOrAfter', description: 'ISO date: fact is on or after value.', valueSchema: dateValue, operands: dateOperands, evaluate: compareDates((a, b) => a >= b) },
  {
    name: 'equalIgnoreCase',
    description: 'Strings equal after trimming and lower-casing (e-mail and PEC addresses).',
    valueSchema: stringValue,
    operands: stringOperands,
    evaluate: (a, b) => lowerCase(a) !== undefined && lowerCase(a) === lowerCase(b),
  },
  {
    name: 'notEqualIgnoreCase',
    description: 'Strings differ after trimming and lower-casing; false when either is not a string.',
    valueSchema: stringValue,
    operands: stringOperands,
    evaluate: (a, b) => lowerCase(a) !== undefined && lowerCase(b) !== undefined && lowerCase(a) !== lowerCase(b),
  },
  {
    name: 'hasItemMatching',
    description: "The fact array has an item whose fields equal the value's (an array value: any of them).",
    valueSchema: { type: 'object', minProperties: 1 },
    operands: arrayWithObject,
    evaluate: hasItem,
  },
  {
    name: 'hasNoItemMatching',
    description: 'The fact is an array with no item matching the value (see hasItemMatching).',
    valueSchema: { type: 'object', minProperties: 1 },
    operands: arrayWithObject,
    evaluate: (a, b) => Array.isArray(a) && !hasItem(a, b),
  },
  {
    name: 'isEmpty',
    description: 'value true: the fact is null, absent, an empty array or string; value false: the opposite.',
    valueSchema: booleanValue,
    operands: anyWithBoolean,
    evaluate: (a, b) => isEmptyValue(a) === b,
  },
  {
    name: 'exists',
    description: 'value true: the fact is neither null nor absent; value false: the opposite.',
    valueSchema: booleanValue,
    operands: anyWithBoolean,
    evaluate: (a, b) => (a !== undefined && a !== null) === b,
  },
  {
    name: 'matchesFormat',
    description: 'The fact string is valid in the named domain format (codice-fiscale, partita-iva, matricola-inps, pec, periodo, data, ...).',
    valueSchema: { enum: Object.keys(domainFormats) },
    operands: stringOperands,
    evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && b in domainFormats && domainFormats[b as DomainFormatName](a).ok,
  },
  {
    name: 'emailDomainIn',
    description: "The e-mail address's domain is one of the listed domains or a subdomain of one.",
    valueSchema: { type: 'array', items: { type: 'string' } },
    operands: stringInArray,
    evaluate: (a, b) => {
      if (typeof a !== 'string' || !a.includes('@') || !Array.isArray(b)) return false;
      const domain = domainOf(a);
      return b.some((entry) => typeof entry === 'string' && (domain === entry.toLowerCase() || domain.endsWith(`.${entry.toLowerCase()}`)));
    },
  },
];

/** json-rules-engine's operator decorators, usable as `decorator:operator` (e.g. `not:equal`). */
export const OPERATOR_DECORATORS: readonly string[] = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];
