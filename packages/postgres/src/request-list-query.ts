import { MAX_COUNTED_REQUESTS, checkRequestQuery, dayRangeInTimeZone, pageWindowOf, readRequestCursor, requestPageOf } from '@smart-task/core/lifecycle';
import type { LifecycleRequest, RequestPage, RequestQuery, RequestSortKey } from '@smart-task/core/lifecycle';
import { instantParam } from './sql-values.js';

/** One parameterised SQL statement. */
export interface SqlStatement {
  readonly text: string;
  readonly params: readonly unknown[];
}

/** The statements that answer one {@link RequestQuery}, and how to read their rows into a page. */
export interface RequestListStatements {
  /** One row, `{ total }`: the requests the filter matches, over all pages, counted up to one past `MAX_COUNTED_REQUESTS`. */
  readonly count: SqlStatement;
  /** The `body` of up to `pageSize + 1` requests, newest first (the extra one says whether more follow); absent when the page lies beyond any row. */
  readonly page?: SqlStatement;
  /** Turns the count and the page's bodies into the {@link RequestPage}. */
  toPage(total: number, bodies: readonly LifecycleRequest[]): RequestPage;
}

/** The column each sort date is kept in. */
const SORT_COLUMNS: { readonly [K in RequestSortKey]: string } = { submittedAt: 'submitted_at', updatedAt: 'updated_at' };

/** Collects a statement's parameters and hands out their typed `$n` placeholders. */
class SqlParameters {
  readonly values: unknown[];
  constructor(first: readonly unknown[] = []) {
    this.values = [...first];
  }
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** The WHERE conditions of the filter; every value is a parameter. Dates become half-open ranges of instants, which the indexes serve. */
function filterConditions(query: RequestQuery, timeZone: string | undefined, parameters: SqlParameters): string[] {
  const conditions: string[] = [];
  const equals = (column: string, value: string | undefined) => value !== undefined && conditions.push(`${column} = ${parameters.add(value, 'text')}`);
  equals('matricola', query.matricola);
  equals('task_id', query.taskId);
  equals('requester_cf', query.requesterCf);
  equals('soggetto_cf', query.soggettoCf);
  if (query.states !== undefined) conditions.push(`state = ANY(${parameters.add([...query.states], 'text[]')})`);
  const dayRange = (column: string, from: string | undefined, to: string | undefined) => {
    const { start, end } = dayRangeInTimeZone(from, to, timeZone);
    if (start) conditions.push(`${column} >= ${parameters.add(start.toISOString(), 'timestamptz')}`);
    if (end) conditions.push(`${column} < ${parameters.add(end.toISOString(), 'timestamptz')}`);
  };
  dayRange('submitted_at', query.submittedFrom, query.submittedTo);
  dayRange('updated_at', query.updatedFrom, query.updatedTo);
  // retry_due_at is set in the scheduled states only.
  if (query.retryDueBy !== undefined) conditions.push(`retry_due_at <= ${parameters.add(instantParam(query.retryDueBy), 'timestamptz')}`);
  return conditions;
}

const whereClause = (conditions: readonly string[]) => (conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`);

/**
 * Turns a query of "Lista Richieste" into parameterised SQL with exactly the meaning of `selectRequests`:
 * the same filters (dates inclusive, as calendar days in `timeZone`, by default the lifecycle's, Europe/Rome), newest first by the sort date
 * then by protocollo, by page or after a cursor (keyset: `(date, protocollo) < cursor`, on the
 * `(…, date DESC, protocollo DESC)` indexes). Refuses what `checkRequestQuery` refuses.
 *
 * @example
 * const { count, page, toPage } = requestListStatements({ matricola: '1234567860', pageSize: 20 });
 */
export function requestListStatements(query: RequestQuery = {}, timeZone?: string): RequestListStatements {
  checkRequestQuery(query);
  const sortBy = query.sortBy ?? 'submittedAt';
  const { offset, pageSize } = pageWindowOf(query);
  const filter = new SqlParameters();
  const conditions = filterConditions(query, timeZone, filter);
  // Counted up to one past the cap: the count of a filter matching a million rows costs what a page of it does.
  const count = { text: `SELECT count(*)::integer AS total FROM (SELECT 1 FROM smart_task_requests${whereClause(conditions)} LIMIT ${MAX_COUNTED_REQUESTS + 1}) AS counted`, params: filter.values };

  const column = SORT_COLUMNS[sortBy];
  const rows = new SqlParameters(filter.values);
  const pageConditions = [...conditions];
  if (query.cursor !== undefined) {
    const after = readRequestCursor(query.cursor, sortBy);
    pageConditions.push(`(${column}, protocollo) < (${rows.add(new Date(after.at).toISOString(), 'timestamptz')}, ${rows.add(after.protocollo, 'text')})`);
  }
  const order = ` ORDER BY ${column} DESC, protocollo DESC LIMIT ${rows.add(pageSize + 1, 'integer')} OFFSET ${rows.add(offset, 'bigint')}`;
  // A page so far out that its offset is no safe integer has no rows, whatever the table holds.
  const page = Number.isSafeInteger(offset) ? { text: `SELECT body FROM smart_task_requests${whereClause(pageConditions)}${order}`, params: rows.values } : undefined;

  return { count, ...(page && { page }), toPage: (total, bodies) => requestPageOf(bodies, total, query) };
}
