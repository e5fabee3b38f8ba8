import type { Issue } from './errors.js';

/** How serious a finding is: an error fails the command, a warning or an info does not. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * One finding of a command, in the shape every reporter takes: a loader {@link Issue}, a lint finding,
 * a failed case or a coverage gap. `file` is relative to the working directory; `pointer` is an RFC 6901
 * JSON pointer into it (`''` for the whole file).
 */
export interface Diagnostic {
  /** Stable code, e.g. `UNKNOWN_OPERATOR`, `CASE_FAILED`. */
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly file: string;
  readonly pointer: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** How to fix it, when the message does not say: printed after the message as `(fix: hint)`. */
  readonly hint?: string;
}

/** A loader issue as a diagnostic (same fields; an issue has no hint). */
export function diagnosticOfIssue(item: Issue): Diagnostic {
  return { code: item.code, severity: item.severity, file: item.file, pointer: item.pointer, message: item.message };
}

/** The message followed by the hint, when there is one: `message (fix: hint)`. */
export function messageWithHint(diagnostic: Diagnostic): string {
  return diagnostic.hint ? `${diagnostic.message} (fix: ${diagnostic.hint})` : diagnostic.message;
}

/**
 * The text line of a diagnostic, the same for every command: `file:pointer CODE message (fix: hint)` for
 * an error — the issue line of `validate` — and `file:pointer warning CODE …` or `file:pointer info CODE …`
 * otherwise; ` (fix: hint)` only when the diagnostic has a hint.
 */
export function diagnosticLine(diagnostic: Diagnostic): string {
  const severity = diagnostic.severity === 'error' ? '' : `${diagnostic.severity} `;
  return `${diagnostic.file}:${diagnostic.pointer || '/'} ${severity}${diagnostic.code} ${messageWithHint(diagnostic)}`;
}
