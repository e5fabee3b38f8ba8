/**
 * Calendar dates in ISO 8601 extended form `YYYY-MM-DD`.
 */
import { daysInMonth } from '../calendar/iso-dates.js';
import { FORMAT_OK, formatFailure, type FormatResult } from './format-result.js';

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/**
 * Checks that a value is written `YYYY-MM-DD` and is a day that exists in the (proleptic Gregorian) calendar.
 *
 * @example checkIsoDate('2024-02-29') // { ok: true }
 * @example checkIsoDate('2023-02-29') // { ok: false, code: 'DATE_INVALID', ... }
 */
export function checkIsoDate(value: string): FormatResult {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match === null || match[1] === undefined || match[2] === undefined || match[3] === undefined) {
    return formatFailure('DATE_SYNTAX');
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return formatFailure('DATE_INVALID');
  return FORMAT_OK;
}
