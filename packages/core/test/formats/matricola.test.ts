import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMatricolaInps, matricolaCheckDigits } from '../../src/formats/index.js';

const codeOf = (value: string) => {
  const result = checkMatricolaInps(value);
  return result.ok ? 'OK' : result.code;
};

describe('matricolaCheckDigits', () => {
  it('matches the worked example of the domain notes', () => {
    expect(matricolaCheckDigits('12345678')).toBe('60');
  });

  it('keeps leading zeros and reduces each sum mod 10', () => {
    expect(matricolaCheckDigits('00000001')).toBe('01');
    expect(matricolaCheckDigits('99999999')).toBe('66'); // 36 mod 10 twice
  });

  it('rejects input that is not 8 digits', () => {
    expect(() => matricolaCheckDigits('1234567')).toThrow(RangeError);
    expect(() => matricolaCheckDigits('123456789')).toThrow(RangeError);
    expect(() => matricolaCheckDigits('1234567A')).toThrow(RangeError);
  });
});

describe('checkMatricolaInps', () => {
  it('accepts valid matricole, including leading zeros', () => {
    expect(checkMatricolaInps('1234567860')).toEqual({ ok: true });
    expect(checkMatricolaInps('0000000101')).toEqual({ ok: true });
  });

  it('reports wrong check digits with their own code, distinct from syntax', () => {
    expect(codeOf('1234567861')).toBe('MATRICOLA_CHECK_DIGITS');
    expect(codeOf('1234567806')).toBe('MATRICOLA_CHECK_DIGITS');
  });

  it('rejects all zeros', () => {
    expect(codeOf('0000000000')).toBe('MATRICOLA_ZERO');
  });

  it('reports anything that is not exactly 10 digits', () => {
    for (const value of ['', '123456786', '12345678600', '123456786A', ' 1234567860', '12345-7860']) {
      expect(codeOf(value), value).toBe('MATRICOLA_SYNTAX');
    }
  });
});

describe('matricola properties', () => {
  const body = fc.stringMatching(/^[0-9]{8}$/);

  it('(c) the computed check digits validate and any other pair does not', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 99 }), (first8, pair) => {
        const check = matricolaCheckDigits(first8);
        const expected = first8 === '00000000' ? 'MATRICOLA_ZERO' : 'OK';
        expect(codeOf(first8 + check)).toBe(expected);
        const other = String(pair).padStart(2, '0');
        fc.pre(other !== check);
        expect(codeOf(first8 + other)).toBe('MATRICOLA_CHECK_DIGITS');
      }),
    );
  });

  it('(c) changing any single digit of a valid matricola is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (first8, position, delta) => {
        const valid = first8 + matricolaCheckDigits(first8);
        const changedDigit = (Number(valid.charAt(position)) + delta) % 10;
        const changed = valid.slice(0, position) + String(changedDigit) + valid.slice(position + 1);
        expect(codeOf(changed)).toBe('MATRICOLA_CHECK_DIGITS');
      }),
    );
  });
});
