import type { LocalizedMessage } from './text/message-locale.js';

/**
 * Every stable code of the issues the loader, the engine and the request lifecycle report. The
 * {@link IssueCode} type is derived from this list, so the two cannot diverge; each code is documented
 * in docs/reference/errors.md (a test checks it).
 */
export const ISSUE_CODES = [
  'FILE_UNREADABLE',
  'JSON_SYNTAX',
  'UNKNOWN_FILE_KIND',
  'WRONG_SCHEMA',
  'SCHEMA_VIOLATION',
  'MISSING_TRANSLATION',
  'INVALID_PATH',
  'UNKNOWN_OPERATOR',
  'INVALID_OPERATOR_VALUE',
  'UNKNOWN_FACT',
  'UNKNOWN_PORT_FACT',
  'UNKNOWN_HELPER',
  'INVALID_FACT_PARAMS',
  'FACT_CYCLE',
  'UNKNOWN_ACTION',
  'INVALID_ACTION_PARAMS',
  'UNKNOWN_REQUEST_FIELD',
  'UNKNOWN_PLACEHOLDER',
  'DUPLICATE_ID',
  'DUPLICATE_REASON_CODE',
  'DUPLICATE_TASK_VERSION',
  'VERSION_OVERLAP',
  'MISSING_REQUEST_SCHEMA',
  'MISSING_RULE_SET',
  'DUPLICATE_PORT_CONTRACT',
  'FORM_FACT_NEEDS_REQUEST',
  'GATE_READS_REQUEST',
  'KNOWN_FIELD_REQUIRED',
  'UNKNOWN_TASK',
  'TASK_NOT_OFFERED',
  'UNKNOWN_CHECK',
  'INVALID_REQUEST',
  'INVALID_ENGINE_OPTION',
  'ILLEGAL_TRANSITION',
  'INVALID_EVENT',
  'VERSION_CONFLICT',
  'UNKNOWN_PROTOCOLLO',
  'INVALID_LIFECYCLE_OPTION',
  'INVALID_REQUEST_QUERY',
  'INVALID_STORE_OPTION',
  'DATABASE_NOT_MIGRATED',
  'DATABASE_NEWER_THAN_LIBRARY',
  'UNKNOWN_LIBRARY_RULE',
  'LIBRARY_FACT_REDECLARED',
  'INVALID_DATED_VALUES',
  'NESTING_TOO_DEEP',
  'INVALID_PATTERN',
  'SLOW_PATTERN',
  'INVALID_JSON_SCHEMA',
  'INVALID_DATE',
  'INVALID_MESSAGES',
] as const satisfies readonly Uppercase<string>[];

/** A stable code of an issue; see {@link ISSUE_CODES}. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Whether an issue stops loading (`error`) or is only reported (`warning`). */
export type IssueSeverity = 'error' | 'warning';

/** The named values of an issue (the field, the limit, the state, the protocollo…): strings and numbers only. */
export type IssueParams = Readonly<Record<string, string | number>>;

/**
 * One problem found in a file or a request: what (`code`), where (`file` and RFC 6901 `pointer`) and
 * how to fix it (`message`, in English, for developers and logs). `params` holds the values the message
 * quotes, by name, for a host that words the issue itself (in the contributor's or the operator's
 * language); it is set on the issues a host shows to people — request data refused, lifecycle errors —
 * and documented with each code in docs/reference/errors.md.
 */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
  readonly params?: IssueParams;
}

/** A result that either holds a value or the issues that prevented it. */
export type Result<T> = { readonly ok: true; readonly value: T; readonly issues: readonly Issue[] } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Builds an error issue, with its named values when given. */
export function issue(code: IssueCode, file: string, pointer: string, message: string, params?: IssueParams): Issue {
  return params === undefined ? { code, severity: 'error', file, pointer, message } : { code, severity: 'error', file, pointer, message, params };
}

/** Formats an issue as `file:pointer code message`, the line the CLI prints. */
export function formatIssue(item: Issue): string {
  return `${item.file}:${item.pointer || '/'} ${item.code} ${item.message}`;
}

/** One problem with a field of a request, with its message in Italian and English (and each locale the host added). */
export interface RequestIssue {
  /** Stable code: the JSON Schema keyword in upper snake case (`REQUIRED`, `PATTERN`), or a domain code (`CF_CHECK_CHARACTER`). */
  readonly code: string;
  /** RFC 6901 pointer to the field in the request data. */
  readonly pointer: string;
  /** The top-level field the issue is about. */
  readonly field: string;
  /** The field's own `x-messages` text from the catalog, else the library's `request.*` message. */
  readonly message: LocalizedMessage;
}

const SMART_TASK_ERROR = Symbol.for('smart-task.error');

/**
 * The one error class the library throws; it carries the issues that caused it and, when request data
 * was refused, the field issues with their Italian and English messages.
 */
export class SmartTaskError extends Error {
  override readonly name = 'SmartTaskError';
  readonly [SMART_TASK_ERROR] = true;
  constructor(
    message: string,
    readonly issues: readonly Issue[] = [],
    readonly requestIssues: readonly RequestIssue[] = [],
  ) {
    super(issues.length === 0 ? message : `${message}\n${issues.map(formatIssue).join('\n')}`);
  }
}

/** True when `value` is a {@link SmartTaskError}, also across copies of the library. */
export function isSmartTaskError(value: unknown): value is SmartTaskError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SMART_TASK_ERROR] === true;
}
