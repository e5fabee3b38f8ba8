import type { DatedValue } from '@smart-task/schemas';
import { addDays, toIsoDate } from '../calendar/iso-dates.js';

const SINCE_ALWAYS = '0000-01-01';
const NO_END = '9999-12-31';

/** The value of the period that contains `date` (an ISO date or date-time), or `null` when none does or the date is not a date. */
export function valueInForceOn(periods: readonly DatedValue[], date: unknown): unknown {
  const day = toIsoDate(date);
  if (day === undefined) return null;
  const period = periods.find((candidate) => (candidate.from ?? SINCE_ALWAYS) <= day && day <= (candidate.to ?? NO_END));
  return period === undefined ? null : period.value;
}

/** A problem in a list of dated values: the index of the period at fault and what is wrong with it. */
export interface DatedValuesProblem {
  readonly index: number;
  readonly field: 'from' | 'to';
  readonly message: string;
}

/**
 * Checks that dated values are oldest first and follow each other without gaps or overlaps, so exactly
 * one value is in force on any day they cover. Only the first period may start `null` and only the last
 * may end `null`.
 */
export function datedValuesProblems(periods: readonly DatedValue[]): DatedValuesProblem[] {
  const problems: DatedValuesProblem[] = [];
  periods.forEach((period, index) => {
    const from = period.from ?? SINCE_ALWAYS;
    const to = period.to ?? NO_END;
    if (period.from === null && index > 0) problems.push({ index, field: 'from', message: 'Only the first period may start with null (since always). Give it its first day.' });
    if (period.to === null && index < periods.length - 1) problems.push({ index, field: 'to', message: 'Only the last period may end with null (no end). Give it its last day.' });
    if (to < from) problems.push({ index, field: 'to', message: `It ends (${to}) before it starts (${from}). Swap or correct the dates.` });
    const previous = periods[index - 1];
    if (previous?.to && period.from) {
      const expected = addDays(previous.to, 1);
      if (period.from !== expected) {
        const what = period.from < expected ? 'overlaps the previous period' : 'leaves a gap after the previous period';
        problems.push({ index, field: 'from', message: `It starts on ${period.from} and ${what} (which ends on ${previous.to}). Start it on ${expected}.` });
      }
    }
  });
  return problems;
}
