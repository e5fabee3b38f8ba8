import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPartitaIva, partitaIvaCheckDigit } from '../../src/formats/index.js';

const codeOf = (value: string) => {
  const result = checkPartitaIva(value);
  return result.ok ? 'OK' : result.code;
};

describe('partitaIvaCheckDigit', () => {
  it('matches the worked example of the domain notes', () => {
    expect(partitaIvaCheckDigit('1234567048')).toBe(8);
  });

  it('gives 0 when the weighted sum is already a multiple of 10', () => {
    expect(partitaIvaCheckDigit('0000000000')).toBe(0);
    expect(partitaIvaCheckDigit('1900000000')).toBe(0); // 1 + (18 - 9) = 10
  });

  it('rejects input that is not 10 digits', () => {
    expect(() => partitaIvaCheckDigit('123456704')).toThrow(RangeError);
    expect(() => partitaIvaCheckDigit('12345670488')).toThrow(RangeError);
    expect(() => partitaIvaCheckDigit('123456704A')).toThrow(RangeError);
  });
});

describe('checkPartitaIva', () => {
  it('accepts valid numbers', () => {
    expect(checkPartitaIva('12345670488')).toEqual({ ok: true });
    expect(checkPartitaIva('19000000000')).toEqual({ ok: true });
    expect(checkPartitaIva('00000000018')).toEqual({ ok: true }); // 0+...+ (2·1) → 2, check 8
  });

  it('reports a wrong check digit', () => {
    expect(codeOf('12345670487')).toBe('PIVA_CHECK_DIGIT');
    expect(codeOf('21345670488')).toBe('PIVA_CHECK_DIGIT'); // adjacent transposition
  });

  it('rejects all zeros', () => {
    expect(codeOf('00000000000')).toBe('PIVA_ZERO');
  });

  it('reports anything that is not exactly 11 digits', () => {
    for (const value of ['', '1234567048', '123456704888', 'IT12345670488', '1234567048 ', '12345 670488', '1234567048８']) {
      expect(codeOf(value), value).toBe('PIVA_SYNTAX');
    }
  });
});

describe('partita IVA properties', () => {
  const body = fc.stringMatching(/^[0-9]{10}$/).filter((s) => s !== '0000000000');

  it('(b) the computed check digit validates and changing any single digit invalidates', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (first10, position, delta) => {
        const valid = `${first10}${partitaIvaCheckDigit(first10)}`;
        expect(checkPartitaIva(valid)).toEqual({ ok: true });
        const changedDigit = (Number(valid.charAt(position)) + delta) % 10;
        const changed = valid.slice(0, position) + String(changedDigit) + valid.slice(position + 1);
        expect(checkPartitaIva(changed)).toMatchObject({ ok: false, code: 'PIVA_CHECK_DIGIT' });
      }),
    );
  });

  it('exactly one final digit completes each body', () => {
    fc.assert(
      fc.property(body, (first10) => {
        const accepted = Array.from({ length: 10 }, (_, d) => checkPartitaIva(`${first10}${d}`).ok).filter(Boolean);
        expect(accepted).toHaveLength(1);
      }),
    );
  });
});
