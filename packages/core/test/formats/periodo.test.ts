import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIODO_MAX_YEAR, PERIODO_MIN_YEAR, checkPeriodo, comparePeriodi, formatPeriodo, periodoToIsoMonth } from '../../src/formats/index.js';

const codeOf = (value: string) => {
  const result = checkPeriodo(value);
  return result.ok ? 'OK' : result.code;
};

describe('checkPeriodo', () => {
  it('accepts MM/AAAA and returns the parsed month and year', () => {
    expect(checkPeriodo('03/2024')).toEqual({ ok: true, value: { month: 3, year: 2024 } });
    expect(checkPeriodo('12/1900')).toEqual({ ok: true, value: { month: 12, year: 1900 } });
    expect(checkPeriodo('01/2999')).toEqual({ ok: true, value: { month: 1, year: 2999 } });
  });

  it('reports a wrong shape', () => {
    for (const value of ['', '3/2024', '03/24', '03-2024', '2024/03', '03/2024 ', ' 03/2024', '0a/2024', '03/２０２４', '03/20245']) {
      expect(codeOf(value), value).toBe('PERIODO_SYNTAX');
    }
  });

  it('reports a month outside 01-12', () => {
    expect(codeOf('00/2024')).toBe('PERIODO_MONTH');
    expect(codeOf('13/2024')).toBe('PERIODO_MONTH');
  });

  it('reports a year outside 1900-2999', () => {
    expect(codeOf('03/1899')).toBe('PERIODO_YEAR');
    expect(codeOf('03/3000')).toBe('PERIODO_YEAR');
    expect(codeOf('03/0000')).toBe('PERIODO_YEAR');
  });
});

describe('periodoToIsoMonth, formatPeriodo and comparePeriodi', () => {
  it('converts to the ISO year-month', () => {
    expect(periodoToIsoMonth('03/2024')).toBe('2024-03');
    expect(periodoToIsoMonth('12/1999')).toBe('1999-12');
  });

  it('formats a parsed periodo', () => {
    expect(formatPeriodo({ month: 3, year: 2024 })).toBe('03/2024');
  });

  it('compares by months', () => {
    expect(comparePeriodi('01/2024', '12/2023')).toBe(1);
    expect(comparePeriodi('12/2023', '01/2024')).toBe(-1);
    expect(comparePeriodi('05/2024', '05/2024')).toBe(0);
    expect(comparePeriodi('03/2025', '03/2024')).toBe(12);
    expect(['03/2024', '12/2023', '01/2024', '02/2023'].sort(comparePeriodi)).toEqual(['02/2023', '12/2023', '01/2024', '03/2024']);
  });

  it('throws on invalid periodi', () => {
    expect(() => periodoToIsoMonth('13/2024')).toThrow(RangeError);
    expect(() => comparePeriodi('03/2024', '2024-03')).toThrow(RangeError);
    expect(() => comparePeriodi('3/2024', '03/2024')).toThrow(RangeError);
    expect(() => formatPeriodo({ month: 0, year: 2024 })).toThrow(RangeError);
    expect(() => formatPeriodo({ month: 1.5, year: 2024 })).toThrow(RangeError);
    expect(() => formatPeriodo({ month: 1, year: 3000 })).toThrow(RangeError);
  });
});

describe('periodo properties', () => {
  const periodo = fc.record({
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: PERIODO_MIN_YEAR, max: PERIODO_MAX_YEAR }),
  });

  it('(d) format → check → parsed value round-trips, and the ISO month agrees', () => {
    fc.assert(
      fc.property(periodo, (p) => {
        const text = formatPeriodo(p);
        expect(checkPeriodo(text)).toEqual({ ok: true, value: p });
        const iso = periodoToIsoMonth(text);
        expect(iso).toBe(`${p.year}-${String(p.month).padStart(2, '0')}`);
        const [year, month] = iso.split('-');
        expect(formatPeriodo({ month: Number(month), year: Number(year) })).toBe(text);
      }),
    );
  });

  it('comparePeriodi orders like the ISO months and is antisymmetric', () => {
    fc.assert(
      fc.property(periodo, periodo, (a, b) => {
        const [ta, tb] = [formatPeriodo(a), formatPeriodo(b)];
        const [ia, ib] = [periodoToIsoMonth(ta), periodoToIsoMonth(tb)];
        expect(Math.sign(comparePeriodi(ta, tb))).toBe(ia < ib ? -1 : ia > ib ? 1 : 0);
        expect(comparePeriodi(ta, tb)).toBe(-comparePeriodi(tb, ta) || 0);
      }),
    );
  });
});
