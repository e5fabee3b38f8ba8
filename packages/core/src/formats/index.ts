/**
 * Identifier and format checks used by request schemas and rules: pure functions, no dependencies.
 */
import { checkCodiceFiscale, checkCodiceFiscaleAnyKind } from './codice-fiscale.js';
import type { DomainFormatName } from '@smart-task/schemas';
import type { FormatResult } from './format-result.js';
import { checkIsoDate } from './iso-date.js';
import { checkMatricolaInps } from './matricola.js';
import { checkPartitaIva } from './partita-iva.js';
import { checkPec } from './pec.js';
import { checkPeriodo } from './periodo.js';

export { FORMAT_OK, formatErrorMessages, formatFailure, type FormatErrorCode, type FormatFailure, type FormatMessage, type FormatResult } from './format-result.js';
export { checkCodiceFiscale, checkCodiceFiscaleAnyKind, codiceFiscaleCheckCharacter } from './codice-fiscale.js';
export { checkPartitaIva, partitaIvaCheckDigit } from './partita-iva.js';
export { checkMatricolaInps, matricolaCheckDigits } from './matricola.js';
export { checkPec, normalisePec } from './pec.js';
export { checkPeriodo, comparePeriodi, formatPeriodo, periodoToIsoMonth, PERIODO_MAX_YEAR, PERIODO_MIN_YEAR, type Periodo, type PeriodoResult } from './periodo.js';
export { checkIsoDate } from './iso-date.js';

/** Name under which a domain format is registered (a schema's `x-format`); defined with the DSL's schema types. */
export type { DomainFormatName } from '@smart-task/schemas';

/** Every domain format check, by name. */
export const domainFormats: Readonly<Record<DomainFormatName, (value: string) => FormatResult>> = Object.freeze({
  'codice-fiscale': checkCodiceFiscale,
  'codice-fiscale-o-partita-iva': checkCodiceFiscaleAnyKind,
  'partita-iva': checkPartitaIva,
  'matricola-inps': checkMatricolaInps,
  pec: checkPec,
  periodo: checkPeriodo,
  data: checkIsoDate,
});
