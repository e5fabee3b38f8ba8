/**
 * Matricola INPS (posizione aziendale DM), per §6.3 of the domain notes.
 *
 * The check-digit algorithm comes from third-party public-administration code, not from an INPS
 * specification, so `MATRICOLA_CHECK_DIGITS` is reported with its own code: callers should treat it as
 * a WARNING, while `MATRICOLA_SYNTAX` and `MATRICOLA_ZERO` are hard errors.
 */
import { FORMAT_OK, formatFailure, type FormatResult } from './format-result.js';

const TEN_DIGITS = /^[0-9]{10}$/;
const EIGHT_DIGITS = /^[0-9]{8}$/;

/**
 * Computes the two check digits of a matricola INPS from its first 8 digits (non-authoritative algorithm).
 *
 * @example matricolaCheckDigits('12345678') // '60'
 * @throws RangeError if `first8` is not exactly 8 digits.
 */
export function matricolaCheckDigits(first8: string): string {
  if (!EIGHT_DIGITS.test(first8)) {
    throw new RangeError('matricolaCheckDigits expects exactly 8 digits');
  }
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 8; i += 1) {
    const digit = first8.charCodeAt(i) - 48;
    if (i % 2 === 0) odd += digit;
    else even += digit;
  }
  return `${odd % 10}${even % 10}`;
}

/**
 * Checks a matricola INPS: 10 digits, not all zeros (hard errors), then the 2 check digits (`MATRICOLA_CHECK_DIGITS`, meant as a warning).
 *
 * @example checkMatricolaInps('1234567860') // { ok: true }
 * @example checkMatricolaInps('1234567861') // { ok: false, code: 'MATRICOLA_CHECK_DIGITS', ... }
 */
export function checkMatricolaInps(value: string): FormatResult {
  if (typeof value !== 'string' || !TEN_DIGITS.test(value)) return formatFailure('MATRICOLA_SYNTAX');
  if (value === '0000000000') return formatFailure('MATRICOLA_ZERO');
  return value.slice(8) === matricolaCheckDigits(value.slice(0, 8)) ? FORMAT_OK : formatFailure('MATRICOLA_CHECK_DIGITS');
}
