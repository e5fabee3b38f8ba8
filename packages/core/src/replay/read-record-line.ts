import type { ValidateFunction } from 'ajv';
import { AUDIT_VERSION, type AuditRecord } from '../audit/audit-record.js';
import { loadAuditRecordValidator } from '#meta-validators';
import type { SkipCause } from './impact-report.js';

/** A line of a records file that is not replayed: why. */
export interface LineSkip {
  readonly cause: SkipCause;
  readonly problem: string;
}

let compiledValidator: ValidateFunction | undefined;
function auditRecordValidator(): ValidateFunction {
  return (compiledValidator ??= loadAuditRecordValidator());
}

const knownTimeZones = new Set<string>();
function isKnownTimeZone(timeZone: string): boolean {
  if (knownTimeZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return false;
  }
  knownTimeZones.add(timeZone);
  return true;
}

/**
 * The text of a line as read, or `undefined` for a blank line. A file saved with a byte-order mark
 * (Windows editors) starts with U+FEFF, which JSON.parse refuses: it is dropped; a `\r` left by CRLF
 * line ends is JSON whitespace.
 */
export function recordText(read: string): string | undefined {
  const text = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
  return text.trim() === '' ? undefined : text;
}

/** Parses and checks one non-blank line against the audit-record schema; a problem is the reason to skip it. */
export function readRecordLine(text: string): { readonly record: AuditRecord } | LineSkip {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { cause: 'unparseable', problem: `not JSON (${(error as Error).message}); each line must be one audit record as JSON` };
  }
  const version = (value as { auditVersion?: unknown } | null)?.auditVersion;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || version === undefined) {
    return { cause: 'invalid-record', problem: 'not an audit record (no "auditVersion"); write records with toAuditRecord()' };
  }
  if (version !== AUDIT_VERSION) return { cause: 'invalid-record', problem: `auditVersion ${JSON.stringify(version)} is not supported; this version of smart-task reads auditVersion ${AUDIT_VERSION}` };
  const validate = auditRecordValidator();
  if (!validate(value)) {
    // The deepest errors first: they name the field; drop the `if` noise of conditional sub-schemas.
    const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if').sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
    const detail = errors
      .slice(0, 3)
      .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
      .join('; ');
    return { cause: 'invalid-record', problem: `not a valid audit record v${AUDIT_VERSION}: ${detail}` };
  }
  const record = value as AuditRecord;
  if (!isKnownTimeZone(record.clock.timeZone)) return { cause: 'invalid-record', problem: `unknown time zone ${JSON.stringify(record.clock.timeZone)} at /clock/timeZone; use an IANA name such as Europe/Rome` };
  return { record };
}
