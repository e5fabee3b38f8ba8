/**
 * Periodo di riferimento in the F24 form `MM/AAAA`, per §6.4 of the domain notes.
 */
import { formatFailure, type FormatFailure } from './format-result.js';

/** A parsed periodo: month 1-12 and four-digit year. */
export interface Periodo {
  readonly month: number;
  readonly year: number;
}

/** Outcome of {@link checkPeriodo}: on success it also carries the parsed periodo. */
export type PeriodoResult = { readonly ok: true; readonly value: Periodo } | FormatFailure;

/** Smallest year accepted in a periodo. */
export const PERIODO_MIN_YEAR = 1900;

/** Largest year accepted in a periodo. */
export const PERIODO_MAX_YEAR = 2999;

const PERIODO = /^([0-9]{2})\/([0-9]{4})$/;

/**
 * Checks a periodo written `MM/AAAA` (month 01-12, year 1900-2999) and returns the parsed month and year.
 *
 * @example checkPeriodo('03/2024') // { ok: true, value: { month: 3, year: 2024 } }
 * @example checkPeriodo('13/2024') // { ok: false, code: 'PERIODO_MONTH', ... }
 */
export function checkPeriodo(value: string): PeriodoResult {
  const match = typeof value === 'string' ? PERIODO.exec(value) : null;
  if (match === null || match[1] === undefined || match[2] === undefined) return formatFailure('PERIODO_SYNTAX');
  const month = Number(match[1]);
  const year = Number(match[2]);
  if (month < 1 || month > 12) return formatFailure('PERIODO_MONTH');
  if (year < PERIODO_MIN_YEAR || year > PERIODO_MAX_YEAR) return formatFailure('PERIODO_YEAR');
  return { ok: true, value: { month, year } };
}

function parseOrThrow(value: string, caller: string): Periodo {
  const result = checkPeriodo(value);
  if (!result.ok) throw new RangeError(`${caller}: not a valid periodo MM/AAAA (${result.code})`);
  return result.value;
}

/**
 * Writes a periodo as `MM/AAAA`.
 *
 * @example formatPeriodo({ month: 3, year: 2024 }) // '03/2024'
 * @throws RangeError if the month or year is out of range or not an integer.
 */
export function formatPeriodo(periodo: Periodo): string {
  const { month, year } = periodo;
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year) || year < PERIODO_MIN_YEAR || year > PERIODO_MAX_YEAR) {
    throw new RangeError('formatPeriodo: month must be 1-12 and year 1900-2999');
  }
  return `${String(month).padStart(2, '0')}/${year}`;
}

/**
 * Compares two periodi `MM/AAAA` and returns the number of months from `b` to `a` (negative if `a` comes first, 0 if equal), so it also works as a sort comparator.
 *
 * @example comparePeriodi('01/2024', '12/2023') // 1
 * @throws RangeError if either value is not a valid periodo.
 */
export function comparePeriodi(a: string, b: string): number {
  const pa = parseOrThrow(a, 'comparePeriodi');
  const pb = parseOrThrow(b, 'comparePeriodi');
  return (pa.year - pb.year) * 12 + (pa.month - pb.month);
}

/**
 * Converts a periodo `MM/AAAA` to the ISO year-month form `AAAA-MM` used in UniEmens.
 *
 * @example periodoToIsoMonth('03/2024') // '2024-03'
 * @throws RangeError if the value is not a valid periodo.
 */
export function periodoToIsoMonth(value: string): string {
  const { month, year } = parseOrThrow(value, 'periodoToIsoMonth');
  return `${year}-${String(month).padStart(2, '0')}`;
}
