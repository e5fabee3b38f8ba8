import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCodiceFiscale, checkCodiceFiscaleAnyKind, codiceFiscaleCheckCharacter, partitaIvaCheckDigit } from '../../src/formats/index.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const OMOCODIA = 'LMNPQRSTUV';
/** 0-based indices of the 7 numeric positions, right to left (the order omocodia substitutes them in). */
const NUMERIC_POSITIONS_FROM_RIGHT = [14, 13, 12, 10, 9, 7, 6] as const;

/** Independent reference: odd values as indices in the validators' string, even values as alphabet/face values. */
function referenceCheckCharacter(first15: string): string {
  const oddString = 'BAKPLCQDREVOSFTGUHMINJWZYX';
  const alphabetIndex = (c: string) => (c >= '0' && c <= '9' ? Number(c) : LETTERS.indexOf(c));
  let sum = 0;
  first15
    .toUpperCase()
    .split('')
    .forEach((c, i) => {
      const position = i + 1;
      sum += position % 2 === 1 ? oddString.indexOf(LETTERS.charAt(alphabetIndex(c))) : alphabetIndex(c);
    });
  return LETTERS.charAt(sum % 26);
}

const withCheck = (first15: string): string => first15 + codiceFiscaleCheckCharacter(first15);

/** Replaces the `count` rightmost numeric positions with their omocodia letters and recomputes the check character. */
function omocodic(cf: string, count: number): string {
  const chars = cf.slice(0, 15).split('');
  for (const index of NUMERIC_POSITIONS_FROM_RIGHT.slice(0, count)) {
    const char = chars[index]!;
    if (char >= '0' && char <= '9') chars[index] = OMOCODIA.charAt(Number(char));
  }
  return withCheck(chars.join(''));
}

const codeOf = (value: string) => {
  const result = checkCodiceFiscale(value);
  return result.ok ? 'OK' : result.code;
};

describe('codiceFiscaleCheckCharacter', () => {
  it('matches the worked example of the domain notes', () => {
    expect(codiceFiscaleCheckCharacter('RSSMRA79B11C566')).toBe('R');
  });

  it('matches widely published example codes', () => {
    expect(codiceFiscaleCheckCharacter('RSSMRA80A01H501')).toBe('U');
    expect(codiceFiscaleCheckCharacter('MRTMTT25D09F205')).toBe('Z');
  });

  it('uses the odd-position table of the domain notes', () => {
    // 'B' is worth 0 at odd positions and 'A' is worth 0 at even positions, so the filler adds nothing.
    const table = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    table.forEach((value, i) => {
      expect(codiceFiscaleCheckCharacter(`${LETTERS.charAt(i)}ABABABABABABAB`), LETTERS.charAt(i)).toBe(LETTERS.charAt(value));
      if (i < 10) expect(codiceFiscaleCheckCharacter(`${i}ABABABABABABAB`), String(i)).toBe(LETTERS.charAt(value));
    });
  });

  it('counts even positions at alphabet index or face value', () => {
    for (let i = 0; i < 26; i += 1) {
      expect(codiceFiscaleCheckCharacter(`B${LETTERS.charAt(i)}BABABABABABAB`)).toBe(LETTERS.charAt(i));
      if (i < 10) expect(codiceFiscaleCheckCharacter(`B${i}BABABABABABAB`)).toBe(LETTERS.charAt(i));
    }
  });

  it("agrees with an independent implementation based on the validators' string", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{15}$/), (first15) => {
        expect(codiceFiscaleCheckCharacter(first15)).toBe(referenceCheckCharacter(first15));
      }),
    );
  });

  it('is case-insensitive', () => {
    expect(codiceFiscaleCheckCharacter('rssmra79b11c566')).toBe('R');
  });

  it('rejects input that is not 15 ASCII letters or digits', () => {
    expect(() => codiceFiscaleCheckCharacter('RSSMRA79B11C56')).toThrow(RangeError);
    expect(() => codiceFiscaleCheckCharacter('RSSMRA79B11C5666')).toThrow(RangeError);
    expect(() => codiceFiscaleCheckCharacter('RSSMRA79B11C56!')).toThrow(RangeError);
    expect(() => codiceFiscaleCheckCharacter('RſSMRA79B11C566')).toThrow(RangeError);
  });
});

describe('checkCodiceFiscale', () => {
  it('accepts valid codes, in any case', () => {
    for (const cf of ['RSSMRA79B11C566R', 'RSSMRA80A01H501U', 'MRTMTT25D09F205Z', 'rssmra79b11c566r', 'RssMra79b11C566r']) {
      expect(checkCodiceFiscale(cf)).toEqual({ ok: true });
    }
  });

  it('accepts women (day + 40) and the extremes of both day ranges', () => {
    for (const day of ['01', '31', '41', '71']) {
      expect(codeOf(withCheck(`RSSMRA79B${day}C566`))).toBe('OK');
    }
  });

  it('reports a wrong check character', () => {
    const result = checkCodiceFiscale('RSSMRA79B11C566A');
    expect(result).toMatchObject({ ok: false, code: 'CF_CHECK_CHARACTER' });
    expect(codeOf('RSSMRA79B11C566R'.replace('SS', 'SZ'))).toBe('CF_CHECK_CHARACTER');
  });

  it('reports a wrong length', () => {
    expect(codeOf('')).toBe('CF_LENGTH');
    expect(codeOf('RSSMRA79B11C566')).toBe('CF_LENGTH');
    expect(codeOf('RSSMRA79B11C566RR')).toBe('CF_LENGTH');
    expect(codeOf(' RSSMRA79B11C566R')).toBe('CF_LENGTH');
  });

  it('reports a wrong structure', () => {
    expect(codeOf('RSSMR179B11C566R')).toBe('CF_SYNTAX'); // digit among the name letters
    expect(codeOf('RSSMRA7AB11C566R')).toBe('CF_SYNTAX'); // A is not an omocodia letter
    expect(codeOf('RSSMRA79B11C56-R')).toBe('CF_SYNTAX');
    expect(codeOf('RSSMRA79B11C5660')).toBe('CF_SYNTAX'); // check character must be a letter
    expect(codeOf('RSSMRA79B11C566 ')).toBe('CF_SYNTAX');
    expect(codeOf('RSSMRA79B111566R')).toBe('CF_SYNTAX'); // place code must start with a letter
  });

  it('does not let Unicode case mapping turn non-ASCII characters into valid letters', () => {
    // 'ſ' (long s) and 'ı' (dotless i) upper-case to 'S' and 'I'.
    expect(codeOf('RſSMRA79B11C566R')).toBe('CF_SYNTAX');
    expect(codeOf(withCheck('RSSMRA79B11C566').replace('R', 'ı'))).toBe('CF_SYNTAX');
  });

  it('reports an impossible month letter or day', () => {
    expect(codeOf(withCheck('RSSMRA79F11C566'))).toBe('CF_DATE'); // F is not a month letter
    expect(codeOf(withCheck('RSSMRA79Z11C566'))).toBe('CF_DATE');
    for (const day of ['00', '32', '40', '72', '99', 'LL', 'PN', 'QL', 'TN']) {
      expect(codeOf(withCheck(`RSSMRA79B${day}C566`)), day).toBe('CF_DATE');
    }
  });

  it('reads the day after undoing omocodia', () => {
    expect(codeOf(withCheck('RSSMRA79BQMC566'))).toBe('OK'); // QM = 41
    expect(codeOf(withCheck('RSSMRA79BPMC566'))).toBe('OK'); // PM = 31
    expect(codeOf(withCheck('RSSMRA79BLMC566'))).toBe('OK'); // LM = 01
  });

  it('accepts omocodic variants (1 to 7 substitutions from the right) once the check character is recomputed', () => {
    const base = 'RSSMRA79B11C566R';
    const expected = ['RSSMRA79B11C56S', 'RSSMRA79B11C5SS', 'RSSMRA79B11CRSS', 'RSSMRA79B1MCRSS', 'RSSMRA79BMMCRSS', 'RSSMRA7VBMMCRSS', 'RSSMRATVBMMCRSS'];
    for (let count = 1; count <= 7; count += 1) {
      const variant = omocodic(base, count);
      expect(variant.slice(0, 15)).toBe(expected[count - 1]);
      expect(checkCodiceFiscale(variant), variant).toEqual({ ok: true });
    }
  });

  it('rejects an omocodic substitution whose check character was not recomputed', () => {
    const base = 'RSSMRA79B11C566R';
    expect(codeOf(`${omocodic(base, 1).slice(0, 15)}R`)).toBe('CF_CHECK_CHARACTER');
  });
});

describe('checkCodiceFiscaleAnyKind', () => {
  it('accepts 16-character and 11-digit codes', () => {
    expect(checkCodiceFiscaleAnyKind('RSSMRA79B11C566R')).toEqual({ ok: true });
    expect(checkCodiceFiscaleAnyKind('12345670488')).toEqual({ ok: true });
  });

  it('reports 16-character errors with the natural-person codes', () => {
    expect(checkCodiceFiscaleAnyKind('RSSMRA79B11C566A')).toMatchObject({ ok: false, code: 'CF_CHECK_CHARACTER' });
    expect(checkCodiceFiscaleAnyKind('RSSMRA79F11C566A')).toMatchObject({ ok: false, code: 'CF_DATE' });
    expect(checkCodiceFiscaleAnyKind('1234567048812345')).toMatchObject({ ok: false, code: 'CF_SYNTAX' });
  });

  it('reports 11-digit errors in codice fiscale words', () => {
    expect(checkCodiceFiscaleAnyKind('12345670487')).toMatchObject({ ok: false, code: 'CF_NUMERIC_CHECK_DIGIT' });
    expect(checkCodiceFiscaleAnyKind('00000000000')).toMatchObject({ ok: false, code: 'CF_NUMERIC_ZERO' });
  });

  it('reports any other shape as CF_ANY_SYNTAX', () => {
    for (const value of ['', '1234567048', '123456704888', 'RSSMRA79B11C566', '1234567048A', ' 12345670488']) {
      expect(checkCodiceFiscaleAnyKind(value), value).toMatchObject({ ok: false, code: 'CF_ANY_SYNTAX' });
    }
  });
});

describe('codice fiscale properties', () => {
  const letter = fc.constantFrom(...LETTERS.split(''));
  const numeric = (digit: string, omocodic: boolean) => (omocodic ? OMOCODIA.charAt(Number(digit)) : digit);
  const numericChar = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()).map(([d, o]) => numeric(String(d), o));
  const day = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 41, max: 71 })), fc.boolean(), fc.boolean()).map(([d, o1, o2]) => {
    const digits = String(d).padStart(2, '0');
    return numeric(digits.charAt(0), o1) + numeric(digits.charAt(1), o2);
  });
  const body = fc
    .tuple(fc.array(letter, { minLength: 6, maxLength: 6 }), fc.array(numericChar, { minLength: 2, maxLength: 2 }), fc.constantFrom(...'ABCDEHLMPRST'.split('')), day, letter, fc.array(numericChar, { minLength: 3, maxLength: 3 }))
    .map(([name, year, month, d, place, code]) => `${name.join('')}${year.join('')}${month}${d}${place}${code.join('')}`);

  it('(a) a valid body plus its computed check character is valid; any other final letter is not', () => {
    fc.assert(
      fc.property(body, (first15) => {
        const check = codiceFiscaleCheckCharacter(first15);
        expect(checkCodiceFiscale(first15 + check)).toEqual({ ok: true });
        expect(checkCodiceFiscale((first15 + check).toLowerCase())).toEqual({ ok: true });
        for (const other of LETTERS) {
          if (other !== check) {
            expect(checkCodiceFiscale(first15 + other)).toMatchObject({ ok: false, code: 'CF_CHECK_CHARACTER' });
          }
        }
      }),
    );
  });

  it('any single substitution of a digit by its omocodia letter changes the check character', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 6 }), (first15, which) => {
        const index = NUMERIC_POSITIONS_FROM_RIGHT[which]!;
        const char = first15.charAt(index);
        fc.pre(char >= '0' && char <= '9');
        const substituted = first15.slice(0, index) + OMOCODIA.charAt(Number(char)) + first15.slice(index + 1);
        expect(codiceFiscaleCheckCharacter(substituted)).not.toBe(codiceFiscaleCheckCharacter(first15));
      }),
    );
  });

  it('never throws and always returns a well-formed result on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ minLength: 16, maxLength: 16 })), (value) => {
        for (const result of [checkCodiceFiscale(value), checkCodiceFiscaleAnyKind(value)]) {
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.message.it.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('the 11-digit branch agrees with the partita IVA check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10}$/), (first10) => {
        fc.pre(first10 !== '0000000000');
        expect(checkCodiceFiscaleAnyKind(`${first10}${partitaIvaCheckDigit(first10)}`)).toEqual({ ok: true });
      }),
    );
  });
});
