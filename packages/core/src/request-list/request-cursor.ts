import { SmartTaskError, issue } from '../errors.js';
import type { LifecycleRequest } from '../requests/request-state.js';

/** The date "Lista Richieste" sorts by, newest first. */
export type RequestSortKey = 'submittedAt' | 'updatedAt';

/** A place in the newest-first list: the sort date (epoch milliseconds) and the protocollo of the request there. */
export interface RequestListPosition {
  readonly sortBy: RequestSortKey;
  readonly at: number;
  readonly protocollo: string;
}

/**
 * Compares two strings by Unicode code point: the order of a PostgreSQL `COLLATE "C"` column, so that
 * a database and an in-memory list break ties between protocolli the same way.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  for (let index = 0; ;) {
    const [left, right] = [a.codePointAt(index), b.codePointAt(index)];
    if (left === undefined || right === undefined) return left === right ? 0 : left === undefined ? -1 : 1;
    if (left !== right) return left - right;
    index += left > 0xffff ? 2 : 1;
  }
}

/** Where `request` sits in the list sorted by `sortBy`. */
function positionOf(request: LifecycleRequest, sortBy: RequestSortKey): RequestListPosition {
  return { sortBy, at: Date.parse(request[sortBy]), protocollo: request.protocollo };
}

/** Newest first by `sortBy`; between equal dates the higher protocollo (by code point) first. */
export function compareNewestFirst(a: LifecycleRequest, b: LifecycleRequest, sortBy: RequestSortKey): number {
  return Date.parse(b[sortBy]) - Date.parse(a[sortBy]) || compareCodePoints(b.protocollo, a.protocollo);
}

/** True when `request` comes strictly after `position` in the newest-first list. */
export function isAfterPosition(request: LifecycleRequest, position: RequestListPosition): boolean {
  const at = Date.parse(request[position.sortBy]);
  return at < position.at || (at === position.at && compareCodePoints(request.protocollo, position.protocollo) < 0);
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/**
 * The opaque cursor of the requests after `request` in the list sorted by `sortBy`: what a page gives
 * as `nextCursor`, and what the next query passes as `cursor`.
 */
export function requestCursorOf(request: LifecycleRequest, sortBy: RequestSortKey): string {
  const position = positionOf(request, sortBy);
  return toBase64Url(JSON.stringify([position.sortBy, position.at, position.protocollo]));
}

/** The instants an ISO date-time with a four-digit year can name: those of the requests a cursor can point at. */
const [FIRST_INSTANT, LAST_INSTANT] = [Date.parse('0000-01-01T00:00:00.000Z'), Date.parse('9999-12-31T23:59:59.999Z')];

function isFourDigitYearInstant(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= FIRST_INSTANT && (value as number) <= LAST_INSTANT;
}

function invalidCursor(message: string): SmartTaskError {
  return new SmartTaskError('Invalid request query', [issue('INVALID_REQUEST_QUERY', '<query>', '/cursor', message, { field: 'cursor' })]);
}

/**
 * The position a cursor made by {@link requestCursorOf} names, for a list sorted by `sortBy`; refuses
 * (`INVALID_REQUEST_QUERY`, pointer `/cursor`) anything else, or a cursor of a list sorted by the other date.
 */
export function readRequestCursor(cursor: unknown, sortBy: RequestSortKey): RequestListPosition {
  const fix = 'Pass the "nextCursor" of the previous page as it is, or leave "cursor" out to start from the first page.';
  let decoded: unknown;
  try {
    decoded = typeof cursor === 'string' && /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(fromBase64Url(cursor)) : undefined;
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3 || (decoded[0] !== 'submittedAt' && decoded[0] !== 'updatedAt') || !isFourDigitYearInstant(decoded[1]) || typeof decoded[2] !== 'string') {
    throw invalidCursor(`${JSON.stringify(cursor)} is not a cursor of this list. ${fix}`);
  }
  const [madeFor, at, protocollo] = decoded as [RequestSortKey, number, string];
  if (madeFor !== sortBy) throw invalidCursor(`The cursor continues a list sorted by ${madeFor}, but the query sorts by ${sortBy}: pass "sortBy": "${madeFor}", or leave "cursor" out to start from the first page.`);
  return { sortBy, at, protocollo };
}
