/**
 * Codice fiscale: 16-character code of natural persons (§6.1 of the domain notes) and, through
 * {@link checkCodiceFiscaleAnyKind}, the 11-digit code of non-natural persons (§6.2).
 */
import { FORMAT_OK, formatFailure, type FormatResult } from './format-result.js';
import { checkPartitaIva } from './partita-iva.js';

/**
 * Odd-position values of A..Z (digit d counts like the d-th letter, 0 = A), from the table in §6.1. Each value
 * is also the index of the letter in the string `BAKPLCQDREVOSFTGUHMINJWZYX` used by public validators.
 */
const ODD_VALUES: readonly number[] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** Omocodia letters: the letter at index d replaces digit d. */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';

/** Valid month letters, January to December. */
const MONTH_LETTERS = 'ABCDEHLMPRST';

const ASCII_ALPHANUMERIC_16 = /^[A-Za-z0-9]{16}$/;
const ASCII_ALPHANUMERIC_15 = /^[A-Za-z0-9]{15}$/;
const ELEVEN_DIGITS = /^[0-9]{11}$/;

/**
 * Structure of an uppercase CF with omocodia. The month position accepts any letter here so that a wrong
 * month letter is reported as `CF_DATE` rather than as a generic syntax error; the accepted set is the same
 * as the full pattern in §6.1 once the month letter is checked.
 */
const STRUCTURE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** Value (0-25) of an uppercase ASCII letter or digit at an even position; a digit counts at face value. */
function evenValue(code: number): number {
  return code <= 57 ? code - 48 : code - 65;
}

/** Value (0-25) of an uppercase ASCII letter or digit at an odd position; digit d counts like the d-th letter. */
function oddValue(code: number): number {
  return ODD_VALUES[code <= 57 ? code - 48 : code - 65] ?? 0;
}

/** Digit value of a character in one of the 7 numeric positions, undoing omocodia. */
function numericValue(char: string): number {
  const omocodic = OMOCODIA_LETTERS.indexOf(char);
  return omocodic >= 0 ? omocodic : char.charCodeAt(0) - 48;
}

/**
 * Computes the check character of a natural-person codice fiscale from its first 15 characters (as written, omocodic or not; case-insensitive).
 *
 * @example codiceFiscaleCheckCharacter('RSSMRA79B11C566') // 'R'
 * @throws RangeError if `first15` is not exactly 15 ASCII letters or digits.
 */
export function codiceFiscaleCheckCharacter(first15: string): string {
  if (!ASCII_ALPHANUMERIC_15.test(first15)) {
    throw new RangeError('codiceFiscaleCheckCharacter expects exactly 15 ASCII letters or digits');
  }
  const upper = first15.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const code = upper.charCodeAt(i);
    // Index i is position i + 1: even indices are the odd positions 1, 3, ..., 15.
    sum += i % 2 === 0 ? oddValue(code) : evenValue(code);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/**
 * Checks a 16-character codice fiscale of a natural person (case-insensitive, omocodia allowed): structure, month letter, day, check character.
 *
 * @example checkCodiceFiscale('RSSMRA79B11C566R') // { ok: true }
 * @example checkCodiceFiscale('RSSMRA79B11C566A') // { ok: false, code: 'CF_CHECK_CHARACTER', ... }
 */
export function checkCodiceFiscale(value: string): FormatResult {
  if (typeof value !== 'string' || value.length !== 16) return formatFailure('CF_LENGTH');
  // Test the raw value for ASCII first: toUpperCase maps some non-ASCII characters to ASCII letters.
  if (!ASCII_ALPHANUMERIC_16.test(value)) return formatFailure('CF_SYNTAX');
  const cf = value.toUpperCase();
  if (!STRUCTURE.test(cf)) return formatFailure('CF_SYNTAX');
  if (!MONTH_LETTERS.includes(cf.charAt(8))) return formatFailure('CF_DATE');
  const day = numericValue(cf.charAt(9)) * 10 + numericValue(cf.charAt(10));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return formatFailure('CF_DATE');
  return codiceFiscaleCheckCharacter(cf.slice(0, 15)) === cf.charAt(15) ? FORMAT_OK : formatFailure('CF_CHECK_CHARACTER');
}

/**
 * Checks a codice fiscale of any kind: 11 digits (company or body, same check digit as the partita IVA) or 16 characters (natural person).
 *
 * @example checkCodiceFiscaleAnyKind('12345670488') // { ok: true }
 * @example checkCodiceFiscaleAnyKind('RSSMRA79B11C566R') // { ok: true }
 * @example checkCodiceFiscaleAnyKind('1234567048') // { ok: false, code: 'CF_ANY_SYNTAX', ... }
 */
export function checkCodiceFiscaleAnyKind(value: string): FormatResult {
  if (typeof value !== 'string') return formatFailure('CF_ANY_SYNTAX');
  if (ELEVEN_DIGITS.test(value)) {
    const result = checkPartitaIva(value);
    if (result.ok) return result;
    // Same algorithm, but the contributor typed a codice fiscale: report it in those words.
    return formatFailure(result.code === 'PIVA_ZERO' ? 'CF_NUMERIC_ZERO' : 'CF_NUMERIC_CHECK_DIGIT');
  }
  if (value.length === 16) return checkCodiceFiscale(value);
  return formatFailure('CF_ANY_SYNTAX');
}
