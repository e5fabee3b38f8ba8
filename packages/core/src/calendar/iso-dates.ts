/**
 * The calendar: arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that no time zone shifts a day, and
 * the calendar dates of instants in a time zone ({@link DEFAULT_TIME_ZONE} unless one is given). The one
 * home of these helpers: formats, vocabulary, validation, the engine and the lifecycle import them.
 */

/** The time zone the library counts calendar days in unless the host gives one: Europe/Rome, where INPS works. */
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The `YYYY-MM-DD` part of an ISO date or date-time, or `undefined` when it is not a real date. */
export function toIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return match[0];
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant of an ISO date-time with offset as `[epoch milliseconds, nanoseconds beyond them]`, or
 * `undefined` when it is not one or names a time that does not exist (31 February, 24:00, minute 60).
 * The sub-millisecond part keeps `…00.0009Z` after `…00.0005Z`, which `Date.parse` cannot tell apart.
 */
export function instantOf(value: unknown): readonly [number, number] | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE_TIME.exec(value);
  if (!match || toIsoDate(match[1]) === undefined) return undefined;
  const [hour, minute, second, offsetHour, offsetMinute] = [match[2], match[3], match[4] ?? '0', match[6] ?? '0', match[7] ?? '0'].map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59 || offsetHour > 23 || offsetMinute > 59) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return [ms, Number((match[5] ?? '').padEnd(9, '0').slice(3, 9))];
}

/** True for a leap year of the (proleptic Gregorian) calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1–12) of a year of the (proleptic Gregorian) calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** `YYYY-MM-DD` of a valid day of years 0–9999 without a Date; other years as `Date` writes them. */
function formatDay(year: number, month: number, day: number): string {
  if (year < 0 || year > 9999) return formatUtc(new Date(Date.UTC(year, month - 1, day)));
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * Adds calendar months: same day of the month, or the last day of the target month when that day does
 * not exist (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatDay(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The first day of the date's year or month, moved by `shift` years or months. */
export function startOf(isoDate: string, unit: 'year' | 'month', shift = 0): string {
  const year = Number(isoDate.slice(0, 4));
  return unit === 'year' ? `${String(year + shift).padStart(4, '0')}-01-01` : addMonths(`${isoDate.slice(0, 7)}-01`, shift);
}

/** Adds (or with a negative number subtracts) calendar days. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return formatUtc(new Date(Date.UTC(year, month - 1, day + days)));
}

const formatters = new Map<string, { readonly format: Intl.DateTimeFormat; slot: number; date: string }>();
/** Every UTC offset in use is a multiple of 15 minutes, so the local date cannot change inside such a slot. */
const SLOT_MS = 15 * 60 * 1000;

/** The calendar date of an instant in a time zone (default {@link DEFAULT_TIME_ZONE}). */
export function isoDateInTimeZone(instant: Date, timeZone = DEFAULT_TIME_ZONE): string {
  let cached = formatters.get(timeZone);
  if (cached === undefined) {
    // The en-CA locale formats dates as YYYY-MM-DD.
    cached = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), slot: Number.NaN, date: '' };
    formatters.set(timeZone, cached);
  }
  const slot = Math.floor(instant.getTime() / SLOT_MS);
  if (slot !== cached.slot) {
    cached.date = cached.format.format(instant);
    cached.slot = slot;
  }
  return cached.date;
}

/** Every UTC offset in use lies between -12:00 and +14:00: these bounds hold the start of any day. */
const BEFORE_ANY_START_MS = 15 * 60 * 60 * 1000;
const AFTER_ANY_START_MS = 13 * 60 * 60 * 1000;

/**
 * The first instant (to the millisecond) whose calendar date in `timeZone` is `isoDate` or later: where
 * that day starts there, as {@link isoDateInTimeZone} counts days. With the next day's start it turns
 * "on these dates in Rome" into a half-open range of instants, which a database index can answer.
 * `isoDate` must be a real `YYYY-MM-DD` (see {@link toIsoDate}).
 *
 * @example
 * startOfDayInTimeZone('2026-03-29').toISOString(); // '2026-03-28T23:00:00.000Z' (the day daylight saving starts)
 */
export function startOfDayInTimeZone(isoDate: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const utcMidnight = new Date(0);
  utcMidnight.setUTCFullYear(year, month - 1, day);
  // Smallest instant in (before, after] whose local date has reached `isoDate`: the local date only moves forward.
  let before = utcMidnight.getTime() - BEFORE_ANY_START_MS;
  let after = utcMidnight.getTime() + AFTER_ANY_START_MS;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (isoDateInTimeZone(new Date(middle), timeZone) >= isoDate) after = middle;
    else before = middle;
  }
  return new Date(after);
}

/**
 * The instants of the calendar days `from` to `to` (both inclusive; either may be absent) in
 * `timeZone`, as a half-open range `start ≤ instant < end`: an instant is in it exactly when its date
 * there ({@link isoDateInTimeZone}) is within the days, for any zone whose local date never moves back.
 *
 * @example
 * dayRangeInTimeZone('2026-03-10', '2026-03-10'); // { start: 2026-03-09T23:00:00.000Z, end: 2026-03-10T23:00:00.000Z }
 */
export function dayRangeInTimeZone(from: string | undefined, to: string | undefined, timeZone = DEFAULT_TIME_ZONE): { readonly start?: Date; readonly end?: Date } {
  return {
    ...(from !== undefined && { start: startOfDayInTimeZone(from, timeZone) }),
    ...(to !== undefined && { end: startOfDayInTimeZone(addDays(to, 1), timeZone) }),
  };
}
