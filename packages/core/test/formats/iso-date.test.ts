import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoDate } from '../../src/calendar/iso-dates.js';
import { checkIsoDate } from '../../src/formats/index.js';

const codeOf = (value: string) => {
  const result = checkIsoDate(value);
  return result.ok ? 'OK' : result.code;
};

describe('checkIsoDate', () => {
  it('accepts real dates, leap days included', () => {
    for (const value of ['2024-02-29', '2000-02-29', '2023-12-31', '2023-01-01', '2023-04-30', '1600-02-29']) {
      expect(checkIsoDate(value), value).toEqual({ ok: true });
    }
  });

  it('rejects dates that do not exist', () => {
    for (const value of ['2023-02-29', '1900-02-29', '2100-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32']) {
      expect(codeOf(value), value).toBe('DATE_INVALID');
    }
  });

  it('rejects anything not written YYYY-MM-DD', () => {
    for (const value of ['', '2024-2-29', '24-02-29', '2024/02/29', '29-02-2024', '2024-02-29T00:00:00Z', ' 2024-02-29', '2024-02-2９', '+2024-02-29']) {
      expect(codeOf(value), value).toBe('DATE_SYNTAX');
    }
  });

  it('agrees with the JavaScript calendar on every day in a wide range', () => {
    const start = Date.UTC(1583, 0, 1);
    const end = Date.UTC(2999, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: (end - start) / 86_400_000 }), fc.integer({ min: -3, max: 3 }), (offset, nudge) => {
        const date = new Date(start + offset * 86_400_000);
        const valid = date.toISOString().slice(0, 10);
        expect(checkIsoDate(valid)).toEqual({ ok: true });
        // Nudging the day field past the month's end must agree with the calendar too.
        const day = date.getUTCDate() + nudge;
        const text = `${valid.slice(0, 8)}${String(Math.max(0, day)).padStart(2, '0')}`;
        const exists = day >= 1 && new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), day)).getUTCMonth() === date.getUTCMonth();
        expect(checkIsoDate(text).ok).toBe(exists);
      }),
    );
  });

  it('accepts exactly the dates the calendar helpers accept, years 0000 to 9999 (one calendar for both)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(checkIsoDate(text).ok, text).toBe(toIsoDate(text) === text);
      }),
    );
    expect(checkIsoDate('0000-02-29').ok && toIsoDate('0000-02-29') === '0000-02-29').toBe(true);
  });
});
