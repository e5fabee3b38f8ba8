import { SmartTaskError, issue } from '../errors.js';
import { REQUEST_STATES, SCHEDULED_STATES, type LifecycleRequest, type RequestState } from '../lifecycle/request-state.js';
import { isoDateInTimeZone, toIsoDate } from '../vocabulary/iso-dates.js';

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

/** A filter plus order and page. Requests come newest first; `page` counts from 1. */
export interface RequestQuery extends RequestFilter {
  /** Which date "newest" refers to; defaults to `submittedAt`. */
  readonly sortBy?: 'submittedAt' | 'updatedAt';
  readonly page?: number;
  /** Defaults to {@link DEFAULT_PAGE_SIZE}; at most {@link MAX_PAGE_SIZE}. */
  readonly pageSize?: number;
}

/** One page of requests and where it sits in the whole list. */
export interface RequestPage<T = LifecycleRequest> {
  readonly items: readonly T[];
  /** Requests matching the filter, over all pages. */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
}

/** Rows per page when the query does not say. */
export const DEFAULT_PAGE_SIZE = 20;

/** The largest page a query may ask for. */
export const MAX_PAGE_SIZE = 200;

const DATE_KEYS = ['submittedFrom', 'submittedTo', 'updatedFrom', 'updatedTo'] as const;

function invalidQuery(pointer: string, message: string): SmartTaskError {
  return new SmartTaskError('Invalid request query', [issue('INVALID_REQUEST_QUERY', '<query>', pointer, message)]);
}

/** Refuses a query that cannot be answered (a date that is not a date, an unknown state, a page out of range), saying how to fix it. */
export function checkRequestQuery(query: RequestQuery): void {
  for (const key of DATE_KEYS) {
    const value = query[key];
    if (value !== undefined && (toIsoDate(value) !== value)) throw invalidQuery(`/${key}`, `"${key}" must be a date YYYY-MM-DD, such as 2026-03-10; found ${JSON.stringify(value)}.`);
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
}

function inRange(date: string, from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

/** True when `request` meets every criterion of `filter`; dates are compared in `timeZone`. */
export function matchesRequestFilter(request: LifecycleRequest, filter: RequestFilter, timeZone = 'Europe/Rome'): boolean {
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
 * Filters, sorts newest first (ties: higher protocollo first) and paginates requests: what an in-memory
 * repository answers, and the semantics every repository's `list` must have.
 */
export function selectRequests(requests: Iterable<LifecycleRequest>, query: RequestQuery = {}, timeZone = 'Europe/Rome'): RequestPage {
  checkRequestQuery(query);
  const sortBy = query.sortBy ?? 'submittedAt';
  const matching = [...requests]
    .filter((request) => matchesRequestFilter(request, query, timeZone))
    .sort((a, b) => Date.parse(b[sortBy]) - Date.parse(a[sortBy]) || (a.protocollo < b.protocollo ? 1 : a.protocollo > b.protocollo ? -1 : 0));
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const start = (page - 1) * pageSize;
  return { items: matching.slice(start, start + pageSize), total: matching.length, page, pageSize, pageCount: Math.ceil(matching.length / pageSize) };
}
