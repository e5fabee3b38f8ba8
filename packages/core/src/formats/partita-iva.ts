/**
 * Partita IVA (and the 11-digit codice fiscale of non-natural persons), per §6.2 of the domain notes.
 */
import { FORMAT_OK, formatFailure, type FormatResult } from './format-result.js';

const ELEVEN_DIGITS = /^[0-9]{11}$/;
const TEN_DIGITS = /^[0-9]{10}$/;

/**
 * Computes the Luhn-type check digit (11th digit) of a partita IVA from its first 10 digits.
 *
 * @example partitaIvaCheckDigit('1234567048') // 8
 * @throws RangeError if `first10` is not exactly 10 digits.
 */
export function partitaIvaCheckDigit(first10: string): number {
  if (!TEN_DIGITS.test(first10)) {
    throw new RangeError('partitaIvaCheckDigit expects exactly 10 digits');
  }
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const digit = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      // Positions 1, 3, 5, 7, 9 (1-based): face value.
      sum += digit;
    } else {
      // Positions 2, 4, 6, 8, 10: double, minus 9 if it exceeds 9.
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Checks a partita IVA: exactly 11 digits, not all zeros, with a correct check digit.
 *
 * @example checkPartitaIva('12345670488') // { ok: true }
 * @example checkPartitaIva('12345670487') // { ok: false, code: 'PIVA_CHECK_DIGIT', ... }
 */
export function checkPartitaIva(value: string): FormatResult {
  if (typeof value !== 'string' || !ELEVEN_DIGITS.test(value)) return formatFailure('PIVA_SYNTAX');
  if (value === '00000000000') return formatFailure('PIVA_ZERO');
  const expected = partitaIvaCheckDigit(value.slice(0, 10));
  return value.charCodeAt(10) - 48 === expected ? FORMAT_OK : formatFailure('PIVA_CHECK_DIGIT');
}
