import { diagnosticLine } from '../diagnostic.js';

/** How much a lint finding matters: only `error` fails `smart-task lint`. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Every code `lintCatalog` reports, documented in docs/reference/lint.md. */
export const LINT_CODES = [
  'LINT_UNKNOWN_FACT_PATH',
  'LINT_UNREAD_REQUEST_FIELD',
  'LINT_OPERATOR_TYPE_MISMATCH',
  'LINT_DUPLICATE_CONDITION',
  'LINT_CONDITION_NEVER_TRUE',
  'LINT_CONDITION_ALWAYS_TRUE',
  'LINT_UNREACHABLE_RULES',
  'LINT_BLANK_MESSAGE',
  'LINT_PLACEHOLDERS_DIFFER',
  'LINT_UNKNOWN_PLACEHOLDER_PATH',
  'LINT_SLOW_PATTERN',
  'LINT_VERSION_GAP',
  'LINT_THIRD_PARTY_DATA',
] as const;

/** The stable code of a lint finding. */
export type LintCode = (typeof LINT_CODES)[number];

/**
 * One thing `lintCatalog` found: what (`code`, `severity`), where (`file` and RFC 6901 `pointer`), a
 * `message` that quotes the offending value, and a `hint` that says how to fix it.
 */
export interface LintFinding {
  readonly code: LintCode;
  readonly severity: LintSeverity;
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * Formats a finding as the line `smart-task lint` prints: `file:pointer CODE message (fix: hint)`, with
 * `warning` or `info` before the code when it is not an error — the line format of every command.
 */
export function formatFinding(finding: LintFinding): string {
  return diagnosticLine(finding);
}
