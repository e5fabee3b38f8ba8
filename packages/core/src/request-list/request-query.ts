import { SmartTaskError, issue } from '../errors.js';
import { REQUEST_STATES, SCHEDULED_STATES, type LifecycleRequest, type RequestState } from '../requests/request-state.js';
import { DEFAULT_TIME_ZONE, isoDateInTimeZone, toIsoDate } from '../calendar/iso-dates.js';
import { compareNewestFirst, isAfterPosition, readRequestCursor, requestCursorOf, type RequestSortKey } from './request-cursor.js';

/** Which requests to list: every given criterion must hold. Dates are `YYYY-MM-DD`, inclusive, in the repository's time zone. */
export interface RequestFilter {
  readonly matricola?: string;
  readonly taskId?: string;
  /** The requester's codice fiscale: the requests they filed. */
  readonly requesterCf?: string;
  /** The soggetto contribuente's codice fiscale. */
  readonly soggettoCf?: string;
  readonly states?: readonly RequestState[];
  readonly submittedFrom?: string;
  readonly submittedTo?: string;
  readonly updatedFrom?: string;
  readonly updatedTo?: string;
  /** ISO date-time: only requests waiting for a retry (`RETRY_SCHEDULED`, `OPERATIONS_RETRY_SCHEDULED`) whose next attempt is due by then (what a retry worker asks). */
  readonly retryDueBy?: string;
}

/**
 * A filter plus order and page. Requests come newest first; `page` counts from 1. Pages can also be
 * walked with `cursor` (keyset pagination: stable while requests are added, and served by an index).
 */
export interface RequestQuery extends RequestFilter {
  /** Which date "newest" refers to; defaults to `submittedAt`. */
  readonly sortBy?: RequestSortKey;
  /** Counts from 1; with a `cursor`, absent (or 1): pages are then counted from the cursor. */
  readonly page?: number;
  /** Defaults to {@link DEFAULT_PAGE_SIZE}; at most {@link MAX_PAGE_SIZE}. */
  readonly pageSize?: number;
  /** The `nextCursor` of the previous page (same `sortBy`): the page holds the requests strictly after it. */
  readonly cursor?: string;
}

/** One page of requests and where it sits in the whole list. */
export interface RequestPage<T = LifecycleRequest> {
  readonly items: readonly T[];
  /**
   * Requests matching the filter, over all pages, counted up to {@link MAX_COUNTED_REQUESTS}: a list
   * longer than that says so with `totalIsCapped` (show "oltre 10.000"), so that a page of a list of a
   * million answers as fast as one of a hundred. Pages beyond are still reached, by cursor or by page.
   */
  readonly total: number;
  /** True when more than {@link MAX_COUNTED_REQUESTS} requests match: `total` is then that cap. */
  readonly totalIsCapped?: true;
  /** The page asked for; 1 with a cursor. */
  readonly page: number;
  readonly pageSize: number;
  /** Pages of the counted list (`total` / `pageSize`, rounded up); follow `nextCursor` to go past a capped list. */
  readonly pageCount: number;
  /** Present when more requests follow this page's last one: pass it as the next query's `cursor`. */
  readonly nextCursor?: string;
}

/** Rows per page when the query does not say. */
export const DEFAULT_PAGE_SIZE = 20;

/** How far a list's `total` is counted: counting a million matching rows would cost more than the page. */
export const MAX_COUNTED_REQUESTS = 10_000;

/** The largest page a query may ask for. */
export const MAX_PAGE_SIZE = 200;

const DATE_KEYS = ['submittedFrom', 'submittedTo', 'updatedFrom', 'updatedTo'] as const;

function invalidQuery(pointer: string, message: string): SmartTaskError {
  return new SmartTaskError('Invalid request query', [issue('INVALID_REQUEST_QUERY', '<query>', pointer, message, { field: pointer.slice(1) })]);
}

/** Refuses a query that cannot be answered (a date that is not a date, an unknown state, a page out of range, a cursor this list did not give), saying how to fix it. */
export function checkRequestQuery(query: RequestQuery): void {
  for (const key of DATE_KEYS) {
    const value = query[key];
    if (value !== undefined && toIsoDate(value) !== value) throw invalidQuery(`/${key}`, `"${key}" must be a date YYYY-MM-DD, such as 2026-03-10; found ${JSON.stringify(value)}.`);
  }
  if (query.submittedFrom && query.submittedTo && query.submittedFrom > query.submittedTo) throw invalidQuery('/submittedFrom', `"submittedFrom" (${query.submittedFrom}) is after "submittedTo" (${query.submittedTo}): swap them.`);
  if (query.updatedFrom && query.updatedTo && query.updatedFrom > query.updatedTo) throw invalidQuery('/updatedFrom', `"updatedFrom" (${query.updatedFrom}) is after "updatedTo" (${query.updatedTo}): swap them.`);
  for (const state of query.states ?? []) if (!REQUEST_STATES.includes(state)) throw invalidQuery('/states', `Unknown state ${JSON.stringify(state)}: use ${REQUEST_STATES.join(', ')}.`);
  if (query.retryDueBy !== undefined && Number.isNaN(Date.parse(query.retryDueBy))) throw invalidQuery('/retryDueBy', `"retryDueBy" must be an ISO date-time; found ${JSON.stringify(query.retryDueBy)}.`);
  if (query.sortBy !== undefined && query.sortBy !== 'submittedAt' && query.sortBy !== 'updatedAt') throw invalidQuery('/sortBy', `"sortBy" must be "submittedAt" or "updatedAt"; found ${JSON.stringify(query.sortBy)}.`);
  if (query.page !== undefined && (!Number.isInteger(query.page) || query.page < 1)) throw invalidQuery('/page', `"page" counts from 1 and must be an integer; found ${JSON.stringify(query.page)}.`);
  if (query.pageSize !== undefined && (!Number.isInteger(query.pageSize) || query.pageSize < 1 || query.pageSize > MAX_PAGE_SIZE)) {
    throw invalidQuery('/pageSize', `"pageSize" must be an integer from 1 to ${MAX_PAGE_SIZE}; found ${JSON.stringify(query.pageSize)}.`);
  }
  if (query.cursor !== undefined) {
    readRequestCursor(query.cursor, query.sortBy ?? 'submittedAt');
    if (query.page !== undefined && query.page !== 1)
      throw invalidQuery('/page', `A query with a "cursor" continues right after it, so "page" must be left out (or 1); found ${JSON.stringify(query.page)}. Follow "nextCursor" page by page, or use "page" without a cursor.`);
  }
}

function inRange(date: string, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

/** True when `request` meets every criterion of `filter`; dates are compared in `timeZone`. */
export function matchesRequestFilter(request: LifecycleRequest, filter: RequestFilter, timeZone = DEFAULT_TIME_ZONE): boolean {
  if (filter.matricola !== undefined && request.subject.matricola !== filter.matricola) return false;
  if (filter.taskId !== undefined && request.taskId !== filter.taskId) return false;
  if (filter.requesterCf !== undefined && request.subject.cf !== filter.requesterCf) return false;
  if (filter.soggettoCf !== undefined && request.subject.soggettoCf !== filter.soggettoCf) return false;
  if (filter.states !== undefined && !filter.states.includes(request.state)) return false;
  if ((filter.submittedFrom ?? filter.submittedTo) !== undefined && !inRange(isoDateInTimeZone(new Date(request.submittedAt), timeZone), filter.submittedFrom, filter.submittedTo)) return false;
  if ((filter.updatedFrom ?? filter.updatedTo) !== undefined && !inRange(isoDateInTimeZone(new Date(request.updatedAt), timeZone), filter.updatedFrom, filter.updatedTo)) return false;
  if (filter.retryDueBy !== undefined && !(SCHEDULED_STATES.has(request.state) && request.retry !== undefined && Date.parse(request.retry.nextAttemptAt) <= Date.parse(filter.retryDueBy))) return false;
  return true;
}

/**
 * Filters, sorts newest first (ties: higher protocollo first, by code point) and paginates requests,
 * by page or after a cursor: what an in-memory repository answers, and the semantics every
 * repository's `list` must have. `total` and `pageCount` count the whole filtered list (up to
 * {@link MAX_COUNTED_REQUESTS}), also with a cursor.
 */
export function selectRequests(requests: Iterable<LifecycleRequest>, query: RequestQuery = {}, timeZone = DEFAULT_TIME_ZONE): RequestPage {
  checkRequestQuery(query);
  const sortBy = query.sortBy ?? 'submittedAt';
  const matching = [...requests].filter((request) => matchesRequestFilter(request, query, timeZone)).sort((a, b) => compareNewestFirst(a, b, sortBy));
  const after = query.cursor === undefined ? undefined : readRequestCursor(query.cursor, sortBy);
  const following = after ? matching.filter((request) => isAfterPosition(request, after)) : matching;
  const { offset, pageSize } = pageWindowOf(query);
  return requestPageOf(following.slice(offset, offset + pageSize + 1), matching.length, query);
}

/** Where the page of `query` starts among the requests that follow its cursor (all, without one), and its size. */
export function pageWindowOf(query: RequestQuery): { readonly offset: number; readonly pageSize: number } {
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { offset: ((query.page ?? 1) - 1) * pageSize, pageSize };
}

/**
 * The page of `query`, from `window`: the requests from the page's first one on, newest first — the
 * page and one more when more follow (which gives `nextCursor`) — and `total`, the requests the filter
 * matches, counted up to one past {@link MAX_COUNTED_REQUESTS} (e.g. `count(*)` over a subquery with
 * that `LIMIT`). How every repository's `list` assembles its answer.
 */
export function requestPageOf(window: readonly LifecycleRequest[], counted: number, query: RequestQuery): RequestPage {
  const { pageSize } = pageWindowOf(query);
  const items = window.slice(0, pageSize);
  const last = items.at(-1);
  const nextCursor = last !== undefined && window.length > pageSize ? requestCursorOf(last, query.sortBy ?? 'submittedAt') : undefined;
  const total = Math.min(counted, MAX_COUNTED_REQUESTS);
  return { items, total, ...(counted > MAX_COUNTED_REQUESTS && { totalIsCapped: true as const }), page: query.page ?? 1, pageSize, pageCount: Math.ceil(total / pageSize), ...(nextCursor !== undefined && { nextCursor }) };
}

/**
 * Every request a repository lists for `query`, newest first, following the cursor from page to page
 * (so also past {@link MAX_COUNTED_REQUESTS}). For the lifecycle's and the workers' sweeps.
 */
export async function listAllRequests(repository: { list(query: RequestQuery): Promise<RequestPage> }, query: Omit<RequestQuery, 'page' | 'pageSize' | 'cursor'>): Promise<LifecycleRequest[]> {
  const all: LifecycleRequest[] = [];
  let cursor: string | undefined;
  do {
    const found = await repository.list({ ...query, pageSize: MAX_PAGE_SIZE, ...(cursor !== undefined && { cursor }) });
    all.push(...found.items);
    cursor = found.nextCursor;
  } while (cursor !== undefined);
  return all;
}
