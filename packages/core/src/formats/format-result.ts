import { BUILT_IN_MESSAGES, MESSAGE_CODES } from '../messages/built-in-messages.js';

/**
 * Shared result type and user-facing messages for the identifier checks in `formats/`. The messages
 * are the `format.*` texts of the message table (messages/texts/format-texts.ts).
 */

/** Machine-readable reason why a value failed a format check. */
export type FormatErrorCode =
  | 'CF_LENGTH'
  | 'CF_SYNTAX'
  | 'CF_DATE'
  | 'CF_CHECK_CHARACTER'
  | 'CF_ANY_SYNTAX'
  | 'CF_NUMERIC_CHECK_DIGIT'
  | 'CF_NUMERIC_ZERO'
  | 'PIVA_SYNTAX'
  | 'PIVA_CHECK_DIGIT'
  | 'PIVA_ZERO'
  | 'MATRICOLA_SYNTAX'
  | 'MATRICOLA_ZERO'
  | 'MATRICOLA_CHECK_DIGITS'
  | 'PEC_SYNTAX'
  | 'PEC_LOCAL_PART'
  | 'PEC_DOMAIN'
  | 'PEC_TOO_LONG'
  | 'PERIODO_SYNTAX'
  | 'PERIODO_MONTH'
  | 'PERIODO_YEAR'
  | 'DATE_SYNTAX'
  | 'DATE_INVALID';

/** A user-facing message in Italian and English. */
export interface FormatMessage {
  readonly it: string;
  readonly en: string;
}

/** The failed branch of {@link FormatResult}. */
export interface FormatFailure {
  readonly ok: false;
  readonly code: FormatErrorCode;
  readonly message: FormatMessage;
}

/** Outcome of a format check: `ok: true`, or `ok: false` with a code and a bilingual message. */
export type FormatResult = { readonly ok: true } | FormatFailure;

const messages = Object.fromEntries(MESSAGE_CODES.filter((code) => code.startsWith('format.')).map((code) => [code.slice('format.'.length), BUILT_IN_MESSAGES[code]])) as Record<FormatErrorCode, FormatMessage>;

/** The user-facing message for every {@link FormatErrorCode}: the built-in `format.<CODE>` texts of the message table. */
export const formatErrorMessages: Readonly<Record<FormatErrorCode, FormatMessage>> = Object.freeze(messages);

/** The successful {@link FormatResult}, shared so that checks allocate nothing on success. */
export const FORMAT_OK: { readonly ok: true } = Object.freeze({ ok: true as const });

/** Builds the failed {@link FormatResult} for a code, with its standard message. */
export function formatFailure(code: FormatErrorCode): FormatFailure {
  return { ok: false, code, message: formatErrorMessages[code] };
}
