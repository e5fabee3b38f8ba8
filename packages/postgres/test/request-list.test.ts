import fc from 'fast-check';
import { MAX_COUNTED_REQUESTS, MAX_PAGE_SIZE, createInMemoryRequestRepository, selectRequests } from '@smart-task/core/lifecycle';
import { isSmartTaskError } from '@smart-task/core';
import type { LifecycleRequest, RequestPage, RequestQuery, RequestRepository } from '@smart-task/core/lifecycle';
import type { Subject } from '@smart-task/core';
import { describe, expect, it } from 'vitest';
import { createPostgresRequestRepository } from '../src/index.js';
import { requestListStatements } from '../src/request-list-query.js';
import { DST_EDGES_NEW_YORK, DST_EDGES_ROME, SUBJECTS, queriesNear, requestFrom, requestsNear } from './support/random-requests.js';
import { describeOnEachDatabase, emptyTables } from './support/test-databases.js';

/** A page, or the issues of the refusal: what a caller of `list` sees. */
type Answer = { readonly page: RequestPage } | { readonly refused: readonly { readonly code: string; readonly pointer: string; readonly message: string }[] };

async function answerOf(repository: RequestRepository, query: RequestQuery): Promise<Answer> {
  try {
    return { page: await repository.list(query) };
  } catch (error) {
    if (!isSmartTaskError(error)) throw error;
    return { refused: error.issues.map(({ code, pointer, message }) => ({ code, pointer, message })) };
  }
}

/** Every request of the list, following `nextCursor` from the first page; the pages it took. */
async function walkWithCursor(repository: RequestRepository, query: RequestQuery): Promise<{ items: LifecycleRequest[]; pages: RequestPage[] }> {
  const pages: RequestPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await repository.list({ ...query, ...(cursor !== undefined && { cursor }) });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length <= 50);
  return { items: pages.flatMap((page) => [...page.items]), pages };
}

const ids = (page: RequestPage) => page.items.map((request) => request.protocollo);

/** A request of the first subject, filed at `at` and left `SUBMITTED`. */
const filedAt = (protocollo: string, at: string) => requestFrom(protocollo, SUBJECTS[0] as Subject, 'revoca-delega-intermediario', Date.parse(at), 0, []);

describe('the SQL of a request query', () => {
  it('passes every value as a parameter, never in the text', () => {
    const hostile = "x' OR '1'='1";
    const { count, page } = requestListStatements({ matricola: hostile, taskId: hostile, requesterCf: hostile, soggettoCf: hostile, states: ['SUBMITTED'], submittedFrom: '2026-03-29', retryDueBy: '2026-03-29T10:00:00Z' });
    for (const statement of [count, page]) {
      expect(statement?.text).not.toContain(hostile);
      expect(statement?.params).toContain(hostile);
    }
  });

  it('turns calendar days in Rome into half-open ranges of instants, across daylight saving', () => {
    const { count } = requestListStatements({ submittedFrom: '2026-03-29', submittedTo: '2026-03-29', updatedFrom: '2026-10-25', updatedTo: '2026-10-25' });
    expect(count.text).toBe(
      `SELECT count(*)::integer AS total FROM (SELECT 1 FROM smart_task_requests WHERE submitted_at >= $1::timestamptz AND submitted_at < $2::timestamptz AND updated_at >= $3::timestamptz AND updated_at < $4::timestamptz LIMIT ${MAX_COUNTED_REQUESTS + 1}) AS counted`,
    );
    // 29 March has 23 hours in Rome, 25 October 25.
    expect(count.params).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
  });

  it('refuses what selectRequests refuses, before any SQL', () => {
    expect(() => requestListStatements({ submittedFrom: '29/03/2026' })).toThrow('"submittedFrom" must be a date YYYY-MM-DD');
    expect(() => requestListStatements({ cursor: 'not-a-cursor' })).toThrow('is not a cursor of this list');
  });
});

describeOnEachDatabase((database) => {
  const repositoryOn = (timeZone?: string) => createPostgresRequestRepository(database().client, timeZone === undefined ? {} : { timeZone });

  async function bothWith(requests: readonly LifecycleRequest[], timeZone?: string) {
    const sql = repositoryOn(timeZone);
    const memory = createInMemoryRequestRepository(timeZone === undefined ? {} : { timeZone });
    for (const request of requests) {
      await sql.save(request);
      await memory.save(request);
    }
    return { sql, memory };
  }

  it('filters by calendar day in Rome on the days daylight saving starts and ends', async () => {
    const { sql } = await bothWith([
      filedAt('P-01', '2026-03-28T22:59:59.999Z'), // 28 March, 23:59:59.999 CET
      filedAt('P-02', '2026-03-28T23:00:00.000Z'), // 29 March, 00:00 CET
      filedAt('P-03', '2026-03-29T21:59:59.999Z'), // 29 March, 23:59:59.999 CEST
      filedAt('P-04', '2026-03-29T22:00:00.000Z'), // 30 March
      filedAt('P-05', '2026-10-25T00:30:00.000Z'), // 25 October, 02:30 CEST
      filedAt('P-06', '2026-10-25T01:30:00.000Z'), // 25 October, 02:30 CET (the same wall time, an hour later)
      filedAt('P-07', '2026-10-25T22:59:59.999Z'), // 25 October, 23:59:59.999 CET
    ]);
    expect(ids(await sql.list({ submittedFrom: '2026-03-29', submittedTo: '2026-03-29' }))).toEqual(['P-03', 'P-02']);
    expect(ids(await sql.list({ submittedTo: '2026-03-28' }))).toEqual(['P-01']);
    expect(ids(await sql.list({ submittedFrom: '2026-10-25', submittedTo: '2026-10-25' }))).toEqual(['P-07', 'P-06', 'P-05']);
    expect(ids(await repositoryOn('UTC').list({ submittedFrom: '2026-03-29', submittedTo: '2026-03-29' }))).toEqual(['P-04', 'P-03']);
  });

  it('answers every query as selectRequests does over the same requests, around daylight saving in Rome', async () => {
    await fc.assert(
      fc.asyncProperty(requestsNear(DST_EDGES_ROME), fc.array(queriesNear(DST_EDGES_ROME), { minLength: 1, maxLength: 6 }), async (requests, queries) => {
        await emptyTables(database().client);
        const { sql, memory } = await bothWith(requests);
        for (const query of queries) expect(await answerOf(sql, query)).toEqual(await answerOf(memory, query));
      }),
      { numRuns: 40 },
    );
  });

  it('answers as selectRequests does in another time zone (America/New_York)', async () => {
    await fc.assert(
      fc.asyncProperty(requestsNear(DST_EDGES_NEW_YORK), fc.array(queriesNear(DST_EDGES_NEW_YORK), { minLength: 1, maxLength: 4 }), async (requests, queries) => {
        await emptyTables(database().client);
        const { sql, memory } = await bothWith(requests, 'America/New_York');
        for (const query of queries) expect(await answerOf(sql, query)).toEqual(await answerOf(memory, query));
      }),
      { numRuns: 15 },
    );
  });

  it('cursor pages give the same pages as in memory, and concatenate to the whole list', async () => {
    await fc.assert(
      fc.asyncProperty(requestsNear(DST_EDGES_ROME), queriesNear(DST_EDGES_ROME), async (requests, generated) => {
        await emptyTables(database().client);
        const { sql, memory } = await bothWith(requests);
        const { page: _page, ...query } = generated;
        if ('refused' in (await answerOf(memory, query))) return;
        const walked = await walkWithCursor(sql, query);
        expect(walked.pages).toEqual((await walkWithCursor(memory, query)).pages);
        const saved = requests.map((request) => ({ ...request, version: 1 }));
        expect(walked.items).toEqual(selectRequests(saved, { ...query, pageSize: MAX_PAGE_SIZE }).items);
        expect(new Set(walked.pages.map((page) => page.total))).toEqual(new Set([walked.items.length]));
      }),
      { numRuns: 30 },
    );
  });

  it('a cursor page is stable while newer requests arrive; a page number is not', async () => {
    const filed = (protocollo: string, minutes: number) => filedAt(protocollo, new Date(Date.parse('2026-03-10T08:00:00Z') + minutes * 60_000).toISOString());
    const sql = repositoryOn();
    for (let index = 1; index <= 5; index += 1) await sql.save(filed(`P-0${index}`, index));
    const first = await sql.list({ pageSize: 2 });
    expect(ids(first)).toEqual(['P-05', 'P-04']);
    await sql.save(filed('P-06', 6));
    expect(ids(await sql.list({ pageSize: 2, cursor: first.nextCursor as string }))).toEqual(['P-03', 'P-02']);
    expect(ids(await sql.list({ pageSize: 2, page: 2 }))).toEqual(['P-04', 'P-03']);
  });

  it('refuses a cursor with a page number, a cursor of the other sort, and a made-up cursor', async () => {
    const { sql, memory } = await bothWith([filedAt('P-01', '2026-03-10T08:00:00Z'), filedAt('P-02', '2026-03-10T09:00:00Z')]);
    const cursor = (await sql.list({ pageSize: 1 })).nextCursor as string;
    for (const [query, pointer, text] of [
      [{ cursor, page: 2 }, '/page', 'A query with a "cursor" continues right after it, so "page" must be left out'],
      [{ cursor, sortBy: 'updatedAt' }, '/cursor', 'The cursor continues a list sorted by submittedAt, but the query sorts by updatedAt'],
      [{ cursor: `${cursor}x` }, '/cursor', 'is not a cursor of this list'],
    ] as const) {
      const answer = await answerOf(sql, query);
      expect(answer).toEqual(await answerOf(memory, query));
      expect(answer).toMatchObject({ refused: [{ code: 'INVALID_REQUEST_QUERY', pointer }] });
      expect(JSON.stringify(answer)).toContain(text.replace(/"/g, '\\"'));
    }
    expect(ids(await sql.list({ cursor, page: 1 }))).toEqual(['P-01']);
  });

  it('counts a long list up to MAX_COUNTED_REQUESTS and says so, as selectRequests does', async () => {
    const template = filedAt('P-000000', '2026-01-01T00:00:00Z');
    await emptyTables(database().client);
    // One statement for 10,003 rows: each the template with its own protocollo and submission time.
    await database().client.query(
      `INSERT INTO smart_task_requests (protocollo, task_id, matricola, requester_cf, soggetto_cf, state, submitted_at, updated_at, version, body)
       SELECT p, $2, $3, $4, $5, 'SUBMITTED', at, at, 1, jsonb_set(jsonb_set(jsonb_set($1::jsonb, '{protocollo}', to_jsonb(p)), '{submittedAt}', to_jsonb(iso)), '{updatedAt}', to_jsonb(iso))
       FROM (SELECT 'P-' || lpad(n::text, 6, '0') AS p, at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS iso
             FROM (SELECT n, timestamptz '2026-01-01T00:00:00Z' + n * interval '1 minute' AS at FROM generate_series(1, $6::integer) AS n) AS minutes) AS rows`,
      [JSON.stringify({ ...template, version: 1 }), template.taskId, template.subject.matricola, template.subject.cf, template.subject.soggettoCf, MAX_COUNTED_REQUESTS + 3],
    );
    const sql = repositoryOn();
    const page = await sql.list({ pageSize: MAX_PAGE_SIZE });
    expect(page).toMatchObject({ total: MAX_COUNTED_REQUESTS, totalIsCapped: true, pageCount: MAX_COUNTED_REQUESTS / MAX_PAGE_SIZE });
    expect(page.items[0]?.protocollo).toBe(`P-${String(MAX_COUNTED_REQUESTS + 3).padStart(6, '0')}`);
    expect((await sql.list({ page: 51, pageSize: MAX_PAGE_SIZE })).items.map((request) => request.protocollo)).toEqual(['P-000003', 'P-000002', 'P-000001']);
    // Under the cap the count is exact: 1 January in Rome ends at 23:00 UTC, minutes 1 to 1,379.
    const oneDay = await sql.list({ matricola: template.subject.matricola, submittedTo: '2026-01-01', pageSize: 5 });
    expect(oneDay).toMatchObject({ total: 1_379, pageCount: 276 });
    expect(oneDay.totalIsCapped).toBeUndefined();
  });

  it('reads a newest-first page after a cursor from an index, without sorting the table', async () => {
    const client = database().client;
    const plan = async (query: RequestQuery) => {
      const { page } = requestListStatements(query);
      return client.transaction(async (tx) => {
        // On a two-row table the planner's choice follows whatever statistics the previous test and
        // autovacuum left (a run on a busy machine sorted a bitmap scan instead). With sequential scans
        // and sorts priced out it reads from the index that serves the order, if there is one: what
        // this test is about, since that is the plan a table of real size gets.
        await tx.query('SET LOCAL enable_seqscan = off');
        await tx.query('SET LOCAL enable_sort = off');
        return (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${page?.text}`, page?.params)).rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    };
    const { sql } = await bothWith([filedAt('P-01', '2026-03-10T08:00:00Z'), filedAt('P-02', '2026-03-10T09:00:00Z')]);
    const next = (await sql.list({ pageSize: 1 })).nextCursor as string;
    for (const [query, index] of [
      [{ cursor: next }, 'smart_task_requests_submitted_idx'],
      [{ cursor: next, matricola: '1234567860' }, 'smart_task_requests_matricola_idx'],
      [{ taskId: 'revoca-delega-intermediario', submittedFrom: '2026-03-01', submittedTo: '2026-03-31' }, 'smart_task_requests_task_idx'],
      [{ sortBy: 'updatedAt', updatedFrom: '2026-03-01' }, 'smart_task_requests_updated_idx'],
    ] as const) {
      const text = await plan(query);
      expect(text).toContain(index);
      expect(text).not.toMatch(/\bSort\b/);
    }
  });
});
