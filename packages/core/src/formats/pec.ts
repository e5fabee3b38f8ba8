/**
 * PEC address syntax, per §6.5 of the domain notes.
 *
 * Syntax alone cannot tell a PEC box from an ordinary e-mail address: this only checks the address
 * grammar. Provider allow-lists or INI-PEC lookups belong to data ports, not here.
 */
import { FORMAT_OK, formatFailure, type FormatResult } from './format-result.js';

const MAX_LENGTH = 254;
const WHITESPACE = /\s/;
const LOCAL_PART = /^[A-Za-z0-9._%+-]{1,64}$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^[A-Za-z]{2,}$/;

function isValidLocalPart(local: string): boolean {
  return LOCAL_PART.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  const tld = labels[labels.length - 1];
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && tld !== undefined && TOP_LEVEL_DOMAIN.test(tld);
}

/**
 * Normalises a PEC address the way it should be stored: trimmed and lowercase.
 *
 * @example normalisePec('  Ufficio@PEC.Example.IT ') // 'ufficio@pec.example.it'
 */
export function normalisePec(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Checks the grammar of a PEC address (one `@`, no spaces, valid local part and domain, at most 254 characters); call it on the {@link normalisePec normalised} value.
 *
 * @example checkPec('ufficio@pec.example.it') // { ok: true }
 * @example checkPec('ufficio.pec.example.it') // { ok: false, code: 'PEC_SYNTAX', ... }
 */
export function checkPec(value: string): FormatResult {
  if (typeof value !== 'string' || WHITESPACE.test(value)) return formatFailure('PEC_SYNTAX');
  const parts = value.split('@');
  const local = parts[0];
  const domain = parts[1];
  if (parts.length !== 2 || local === undefined || domain === undefined || local === '' || domain === '') {
    return formatFailure('PEC_SYNTAX');
  }
  if (value.length > MAX_LENGTH) return formatFailure('PEC_TOO_LONG');
  if (!isValidLocalPart(local)) return formatFailure('PEC_LOCAL_PART');
  if (!isValidDomain(domain)) return formatFailure('PEC_DOMAIN');
  return FORMAT_OK;
}
