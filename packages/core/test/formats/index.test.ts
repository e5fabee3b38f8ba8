import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainFormats, formatErrorMessages, type DomainFormatName, type FormatErrorCode } from '../../src/formats/index.js';

/** One input per error code, through the registry, so every code is produced at least once. */
const SAMPLES: Readonly<Record<FormatErrorCode, readonly [DomainFormatName, string]>> = {
  CF_LENGTH: ['codice-fiscale', 'RSSMRA79B11C566'],
  CF_SYNTAX: ['codice-fiscale', 'RSSMR179B11C566R'],
  CF_DATE: ['codice-fiscale', 'RSSMRA79B32C566R'],
  CF_CHECK_CHARACTER: ['codice-fiscale', 'RSSMRA79B11C566A'],
  CF_ANY_SYNTAX: ['codice-fiscale-o-partita-iva', '1234567048'],
  CF_NUMERIC_CHECK_DIGIT: ['codice-fiscale-o-partita-iva', '12345670487'],
  CF_NUMERIC_ZERO: ['codice-fiscale-o-partita-iva', '00000000000'],
  PIVA_SYNTAX: ['partita-iva', 'IT12345670488'],
  PIVA_CHECK_DIGIT: ['partita-iva', '12345670487'],
  PIVA_ZERO: ['partita-iva', '00000000000'],
  MATRICOLA_SYNTAX: ['matricola-inps', '123456786'],
  MATRICOLA_ZERO: ['matricola-inps', '0000000000'],
  MATRICOLA_CHECK_DIGITS: ['matricola-inps', '1234567861'],
  PEC_SYNTAX: ['pec', 'ufficio.pec.it'],
  PEC_LOCAL_PART: ['pec', 'uff..icio@pec.it'],
  PEC_DOMAIN: ['pec', 'ufficio@pec'],
  PEC_TOO_LONG: ['pec', `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.it`], // 259 characters
  PERIODO_SYNTAX: ['periodo', '3/2024'],
  PERIODO_MONTH: ['periodo', '13/2024'],
  PERIODO_YEAR: ['periodo', '03/1899'],
  DATE_SYNTAX: ['data', '29/02/2024'],
  DATE_INVALID: ['data', '2023-02-29'],
};

const VALID: Readonly<Record<DomainFormatName, string>> = {
  'codice-fiscale': 'RSSMRA79B11C566R',
  'codice-fiscale-o-partita-iva': '12345670488',
  'partita-iva': '12345670488',
  'matricola-inps': '1234567860',
  pec: 'ufficio@pec.example.it',
  periodo: '03/2024',
  data: '2024-02-29',
};

describe('domainFormats', () => {
  it('registers exactly the seven domain formats and is frozen', () => {
    expect(Object.keys(domainFormats).sort()).toEqual(Object.keys(VALID).sort());
    expect(Object.isFrozen(domainFormats)).toBe(true);
  });

  it.each(Object.entries(VALID))('%s accepts a valid value', (name, value) => {
    expect(domainFormats[name as DomainFormatName](value).ok).toBe(true);
  });

  it.each(Object.entries(SAMPLES))('produces %s', (code, [name, value]) => {
    const result = domainFormats[name](value);
    expect(result).toEqual({ ok: false, code, message: formatErrorMessages[code as FormatErrorCode] });
  });

  it('every error code has a sample', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(formatErrorMessages).sort());
  });

  it('never throws on arbitrary input, including non-strings from untyped JSON', () => {
    const anything = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.jsonValue());
    fc.assert(
      fc.property(anything, (value) => {
        for (const check of Object.values(domainFormats)) {
          const result = check(value as string);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
    );
  });
});

describe('formatErrorMessages', () => {
  it.each(Object.entries(formatErrorMessages))('%s has plain Italian and English text', (_code, message) => {
    for (const text of [message.it, message.en]) {
      expect(text.length).toBeGreaterThan(20);
      expect(text).toMatch(/[.)]$/);
      expect(text).not.toMatch(/[\^$\\]|\[[A-Za-z0-9]-|\{\d/); // no regex fragments
    }
    expect(message.it).not.toBe(message.en);
    expect(Object.isFrozen(message)).toBe(true);
  });
});
