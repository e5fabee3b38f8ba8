import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPec, normalisePec } from '../../src/formats/index.js';

const codeOf = (value: string) => {
  const result = checkPec(value);
  return result.ok ? 'OK' : result.code;
};

describe('normalisePec', () => {
  it('trims and lowercases', () => {
    expect(normalisePec('  Ufficio.Paghe@PEC.Example.IT \n')).toBe('ufficio.paghe@pec.example.it');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (value) => normalisePec(normalisePec(value)) === normalisePec(value)));
  });
});

describe('checkPec', () => {
  it('accepts ordinary PEC addresses', () => {
    for (const value of ['ufficio@pec.example.it', 'mario.rossi@legalmail.it', 'a@b.co', 'studio_rossi+inps@pec-studio.example.com', 'x%y@a-b.c-d.it', 'Mario.Rossi@PEC.IT', `${'a'.repeat(64)}@pec.it`]) {
      expect(checkPec(value), value).toEqual({ ok: true });
    }
  });

  it('rejects a missing or repeated @, spaces and empty parts', () => {
    for (const value of ['', 'ufficio.pec.it', 'a@b@pec.it', '@pec.it', 'ufficio@', ' ufficio@pec.it', 'uff icio@pec.it', 'ufficio@pec.it\n', 'uff\ticio@pec.it']) {
      expect(codeOf(value), JSON.stringify(value)).toBe('PEC_SYNTAX');
    }
  });

  it('rejects an invalid local part', () => {
    for (const value of ['.ufficio@pec.it', 'ufficio.@pec.it', 'uff..icio@pec.it', `${'a'.repeat(65)}@pec.it`, 'uffìcio@pec.it', 'uff(icio)@pec.it', '"ufficio"@pec.it']) {
      expect(codeOf(value), value).toBe('PEC_LOCAL_PART');
    }
  });

  it('rejects an invalid domain', () => {
    for (const value of [
      'ufficio@pecit',
      'ufficio@pec.i',
      'ufficio@pec.1t',
      'ufficio@.pec.it',
      'ufficio@pec.it.',
      'ufficio@pec..it',
      'ufficio@-pec.it',
      'ufficio@pec-.it',
      'ufficio@pec_studio.it',
      'ufficio@[127.0.0.1]',
      'ufficio@127.0.0.1',
      `ufficio@${'a'.repeat(64)}.it`,
      'ufficio@pèc.it',
    ]) {
      expect(codeOf(value), value).toBe('PEC_DOMAIN');
    }
  });

  it('rejects addresses longer than 254 characters', () => {
    const domain = `${'a'.repeat(61)}.${Array.from({ length: 3 }, () => 'a'.repeat(60)).join('.')}.it`;
    expect(domain).toHaveLength(247);
    expect(codeOf(`abcdefg@${domain}`)).toBe('PEC_TOO_LONG'); // 255
    expect(codeOf(`abcdef@${domain}`)).toBe('OK'); // exactly 254
  });

  it('accepts every address built from the grammar, after normalisation too', () => {
    const localChar = fc.constantFrom(...'abcXYZ019_%+-'.split(''));
    const local = fc
      .array(
        fc.array(localChar, { minLength: 1, maxLength: 8 }).map((c) => c.join('')),
        { minLength: 1, maxLength: 4 },
      )
      .map((parts) => parts.join('.'));
    const label = fc.tuple(fc.constantFrom(...'abz09'.split('')), fc.array(fc.constantFrom(...'ab-9'.split('')), { maxLength: 6 }), fc.constantFrom(...'xY7'.split(''))).map(([first, middle, last]) => first + middle.join('') + last);
    const tld = fc.array(fc.constantFrom(...'itcomITEU'.split('')), { minLength: 2, maxLength: 6 }).map((c) => c.join(''));
    const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld).map(([labels, t]) => [...labels, t].join('.'));
    fc.assert(
      fc.property(local, domain, (l, d) => {
        const address = `${l}@${d}`;
        expect(checkPec(address)).toEqual({ ok: true });
        expect(checkPec(normalisePec(`  ${address.toUpperCase()} `))).toEqual({ ok: true });
      }),
    );
  });
});
