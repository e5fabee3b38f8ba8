// pnpm bench:list: "Lista Richieste" at scale. Loads LIST_ROWS requests (default 1,000,000; 20,000 when CI
// or BENCH_SECONDS asks for a quick run) straight into smart_task_requests with INSERT … SELECT FROM
// generate_series — the bodies are real lifecycle requests of the 17 tasks, one per state, with their
// protocollo, subject and dates varied — then times each list query as a host runs it
// (`store.repository.list`: the count and the page in one snapshot), the count and the page statements
// alone, and reads their plans (EXPLAIN ANALYZE) for index use. Prints p50/p95/p99 per query and flags
// what misses 50 ms p95 or scans the table. On the embedded PGlite (in a temporary directory) and on the
// PostgreSQL server named by SMART_TASK_BENCH_DATABASE_URL or SMART_TASK_TEST_DATABASE_URL (in a fresh
// database, dropped after).
//
// Env: LIST_ROWS, LIST_MATRICOLE (distinct matricole, default 20000), LIST_RUNS (timed runs per series,
// default 200; 50 quick), LIST_WARMUP (default 20), LIST_SERIES_SECONDS (a series stops after this many
// seconds once it has 30 runs; default 120), LIST_DATABASES (embedded,server), LIST_EMBEDDED_DIR and
// LIST_SERVER_DATABASE (keep the data in that PGlite directory / server database, and reuse it when it
// already holds LIST_ROWS requests: for looking into a plan without loading again).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REQUEST_STATES, applyEvent, createInMemoryRequestRepository, createRequestLifecycle, openRequest, selectRequests } from '@smart-task/core/lifecycle';
import { createEngine } from '@smart-task/core';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '@smart-task/core/testing';
import { catalogDocuments } from '@smart-task/rules';
import { cases } from '@smart-task/rules/cases';
// @smart-task/postgres is not a dependency of the workspace root: the built package, by path.
import * as postgres from '../packages/postgres/dist/index.js';

const QUICK = process.env.BENCH_SECONDS !== undefined || process.env.CI !== undefined;
const ROWS = Number(process.env.LIST_ROWS ?? (QUICK ? 20_000 : 1_000_000));
const MATRICOLE = Number(process.env.LIST_MATRICOLE ?? 20_000);
const RUNS = Number(process.env.LIST_RUNS ?? (QUICK ? 50 : 200));
const WARMUP = Number(process.env.LIST_WARMUP ?? 20);
const SERIES_SECONDS = Number(process.env.LIST_SERIES_SECONDS ?? 120);
const DATABASES = (process.env.LIST_DATABASES ?? 'embedded,server').split(',').map((name) => name.trim());
const SERVER_URL = process.env.SMART_TASK_BENCH_DATABASE_URL ?? process.env.SMART_TASK_TEST_DATABASE_URL;
const TARGET_MS = 50;
const TIME_ZONE = 'Europe/Rome';
const BATCH = 50_000;

/** Two years of requests, up to the first of December 2026; the last 30 days hold the requests still open. */
const SPAN_END = Date.parse('2026-12-01T00:00:00.000Z');
const SPAN_MS = 730 * 86_400_000;
const SPAN_START = SPAN_END - SPAN_MS;
const RECENT_FROM = SPAN_END - 30 * 86_400_000;
const MONTH = { submittedFrom: '2026-03-01', submittedTo: '2026-03-31' };

if (!Number.isSafeInteger(ROWS) || ROWS < 10_000 || ROWS > 9_999_999) throw new Error(`LIST_ROWS must be an integer from 10000 to 9999999; found ${process.env.LIST_ROWS}.`);

// --- the bodies: real requests of every task, one per state -------------------------------------------

/** Where the template's varying values go; the loader replaces them row by row. */
const TOKENS = { protocollo: '@P@', submittedAt: '@S@', updatedAt: '@U@', nextAttemptAt: '@R@', matricola: '@M@', cf: '@C@', soggettoCf: '@G@' };
const SUBMITTED_AT = '2001-01-01T00:00:00.000Z';
const UPDATED_AT = '2001-01-02T00:00:00.000Z';

/** Shares of each state among the requests of the last 30 days, and among the older ones (all closed but a few left with the Sede). */
const RECENT_SHARES = { SUBMITTED: 0.03, IN_ISTRUTTORIA: 0.02, RETRY_SCHEDULED: 0.04, OPERATIONS_IN_PROGRESS: 0.02, OPERATIONS_RETRY_SCHEDULED: 0.03, IN_CARICO_SEDE: 0.12, ACCOLTA: 0.45, NON_ACCOLTA: 0.25, RITIRATA: 0.04 };
const OLDER_SHARES = { IN_CARICO_SEDE: 0.03, ACCOLTA: 0.62, NON_ACCOLTA: 0.3, RITIRATA: 0.05 };
/** The longest time from submission to the last event, per state. */
const MAX_DELAY_MS = {
  SUBMITTED: 0,
  IN_ISTRUTTORIA: 5_000,
  RETRY_SCHEDULED: 3_600_000,
  OPERATIONS_IN_PROGRESS: 120_000,
  OPERATIONS_RETRY_SCHEDULED: 3_600_000,
  IN_CARICO_SEDE: 3_600_000,
  ACCOLTA: 120_000,
  NON_ACCOLTA: 120_000,
  RITIRATA: 10 * 86_400_000,
};

/** For each task, a request of its first accepted case and one of its first rejected case, through the whole lifecycle. */
async function decidedRequests() {
  let current;
  const dataPort = { fetch: (fact, params, context) => current.dataPort.fetch(fact, params, context) };
  const actionPort = { perform: (call, context) => current.actionPort.perform(call, context) };
  const engine = createEngine({ catalog: catalogDocuments, dataPort, actionPort, plannedTasks: 'all' });
  // Each case is decided on its own day, as the catalog's cases are.
  const onCaseDay = { ...engine, decide: (taskId, request, options) => engine.decide(taskId, request, { ...options, clock: { now: () => new Date(current.now) } }) };
  let counter = 0;
  const lifecycle = createRequestLifecycle({ engine: onCaseDay, repository: createInMemoryRequestRepository(), clock: { now: () => new Date(current.now) }, nextProtocollo: () => `BENCH-TEMPLATE-${String((counter += 1)).padStart(4, '0')}` });
  const decided = [];
  for (const document of cases) {
    const pair = {};
    for (const verdict of ['ACCOLTA', 'NON_ACCOLTA']) {
      const testCase = document.cases.find((candidate) => candidate.expect.verdict === verdict && candidate.submittedAt === undefined && (candidate.now ?? document.now));
      const fixture = mergeFixtures(document.fixture, testCase.fixture);
      current = { now: testCase.now ?? document.now, dataPort: createInMemoryDataPort(fixture), actionPort: createInMemoryActionPort(fixture) };
      const { request } = await lifecycle.submit({ taskId: document.task, subject: testCase.subject ?? document.subject, data: testCase.data, notifications: { channel: 'PEC', address: 'ufficio.personale@pec.example.it' } });
      if (request.state !== verdict) throw new Error(`${document.task}, case ${testCase.id}: the lifecycle ended in ${request.state}, not ${verdict}`);
      pair[verdict] = request;
    }
    decided.push({ taskId: document.task, accepted: pair.ACCOLTA, rejected: pair.NON_ACCOLTA });
  }
  return decided;
}

/** The events that lead to each state, from the lifecycles of an accepted and a rejected request of one task. */
function eventsPerState(accepted, rejected) {
  const eventsOf = (request) => request.history.map((entry) => entry.event);
  const [submit, start, decision] = eventsOf(accepted);
  const system = { kind: 'system' };
  const failure = (retryable) => ({
    type: 'RECORD_TECHNICAL_FAILURE',
    actor: system,
    code: retryable ? 'PORT_UNAVAILABLE' : 'PORT_CONTRACT_VIOLATION',
    message: retryable ? 'posizioneContributiva: service unavailable (HTTP 503)' : 'posizioneContributiva: the answer does not match the port contract (/stato: must be equal to one of the allowed values)',
    retryable,
  });
  const operationFailure = { type: 'RECORD_OPERATION_FAILURE', actor: system, code: 'PORT_TIMEOUT', message: `${decision.operations[0]?.action}: gateway timeout (HTTP 504)`, operation: decision.operations[0]?.id, retryable: true };
  return {
    SUBMITTED: [submit],
    IN_ISTRUTTORIA: [submit, start],
    RETRY_SCHEDULED: [submit, start, failure(true)],
    OPERATIONS_IN_PROGRESS: [submit, start, decision],
    OPERATIONS_RETRY_SCHEDULED: [submit, start, decision, operationFailure],
    IN_CARICO_SEDE: [submit, start, failure(false)],
    ACCOLTA: eventsOf(accepted),
    NON_ACCOLTA: eventsOf(rejected),
    RITIRATA: [submit, { type: 'WITHDRAW', actor: submit.actor, motivo: 'Presentata per errore' }],
  };
}

/** Replaces every occurrence of `value` in `text`, refusing a value too short to be found only where it belongs. */
function replaceAll(text, value, token) {
  if (value.length < 8) throw new Error(`template value ${JSON.stringify(value)} is too short to replace safely`);
  return text.split(value).join(token);
}

/**
 * The 17 × 9 bodies the loader varies: the events of each state replayed with `openRequest`/`applyEvent`
 * (submitted at one instant, every later event at another), the version a repository would have given
 * (one save per event), then the protocollo, subject and instants turned into tokens.
 */
async function buildTemplates() {
  const templates = [];
  for (const [taskIndex, { taskId, accepted, rejected }] of (await decidedRequests()).entries()) {
    for (const [state, events] of Object.entries(eventsPerState(accepted, rejected))) {
      const replayed = events.slice(1).reduce((request, event) => applyEvent(request, { ...event, at: UPDATED_AT }), openRequest({ ...events[0], at: SUBMITTED_AT }));
      if (replayed.state !== state) throw new Error(`${taskId}: the events of ${state} end in ${replayed.state}`);
      const request = { ...replayed, version: replayed.history.length };
      let body = JSON.stringify(request);
      if (/@[A-Z]@/.test(body)) throw new Error(`${taskId} ${state}: the body already holds a token`);
      body = replaceAll(body, request.protocollo, TOKENS.protocollo);
      let retryAfterMs = null;
      if (request.retry !== undefined) {
        retryAfterMs = Date.parse(request.retry.nextAttemptAt) - Date.parse(UPDATED_AT);
        body = replaceAll(body, request.retry.nextAttemptAt, TOKENS.nextAttemptAt);
      }
      body = replaceAll(replaceAll(body, SUBMITTED_AT, TOKENS.submittedAt), UPDATED_AT, TOKENS.updatedAt);
      // A requester can be their own soggetto (an intermediario's own position): then the rows keep them one.
      const soggettoIsRequester = request.subject.soggettoCf === request.subject.cf;
      body = replaceAll(body, request.subject.cf, TOKENS.cf);
      if (!soggettoIsRequester) body = replaceAll(body, request.subject.soggettoCf, TOKENS.soggettoCf);
      body = replaceAll(body, request.subject.matricola, TOKENS.matricola);
      const leftover = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.exec(body);
      if (leftover) throw new Error(`${taskId} ${state}: an instant is left in the template (${leftover[0]}…): give it a token`);
      templates.push({ taskIndex, stateIndex: REQUEST_STATES.indexOf(state), taskId, state, version: request.version, retryAfterMs, soggettoIsRequester, body });
    }
  }
  return templates;
}

// --- loading ----------------------------------------------------------------------------------------------

/** A uniform number in [0, 1) from the row number: the same rows on every run and database, no session state. */
const uniform = (k) => `((hashint8extended(i, ${k}) & 2147483647)::float8 / 2147483648)`;

/** `CASE` choosing a state index from a uniform number, by cumulative shares. */
function stateCase(shares) {
  let cumulative = 0;
  const entries = Object.entries(shares);
  const branches = entries.slice(0, -1).map(([state, share]) => `WHEN u_state < ${(cumulative += share).toFixed(6)} THEN ${REQUEST_STATES.indexOf(state)}`);
  return `CASE ${branches.join(' ')} ELSE ${REQUEST_STATES.indexOf(entries.at(-1)[0])} END`;
}

const isoOf = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Rows `$1`…`$2`: matricola m among LIST_MATRICOLE, skewed (m = ⌊N·u³⌋: the first few have thousands of
 * requests, the median a few dozen), task uniform among the 17, submission in row order across two
 * years (so protocollo and date grow together, as a protocol register numbers them), state by age.
 */
const INSERT_ROWS = `
INSERT INTO smart_task_requests (protocollo, task_id, matricola, requester_cf, soggetto_cf, state, submitted_at, updated_at, retry_due_at, version, body)
SELECT r.protocollo, t.task_id, r.matricola, r.requester_cf, CASE WHEN t.soggetto_is_requester THEN r.requester_cf ELSE r.soggetto_cf END, t.state, r.submitted_at, r.updated_at,
  r.updated_at + t.retry_after_ms * interval '1 millisecond', t.version,
  replace(replace(replace(replace(replace(replace(replace(t.body,
    '${TOKENS.protocollo}', r.protocollo), '${TOKENS.submittedAt}', ${isoOf('r.submitted_at')}), '${TOKENS.updatedAt}', ${isoOf('r.updated_at')}),
    '${TOKENS.nextAttemptAt}', coalesce(${isoOf("(r.updated_at + t.retry_after_ms * interval '1 millisecond')")}, '')),
    '${TOKENS.matricola}', r.matricola), '${TOKENS.cf}', r.requester_cf), '${TOKENS.soggettoCf}', r.soggetto_cf)::jsonb
FROM (
  SELECT s.*,
    s.submitted_at + floor(s.u_delay * (CASE s.state_index ${REQUEST_STATES.map((state, index) => `WHEN ${index} THEN ${MAX_DELAY_MS[state]}`).join(' ')} END)) * interval '1 millisecond' AS updated_at,
    'INPS.7000.' || to_char(s.submitted_at AT TIME ZONE '${TIME_ZONE}', 'YYYY') || '.' || lpad(s.i::text, 7, '0') AS protocollo,
    '5' || lpad(s.m::text, 9, '0') AS matricola,
    'BNC' || chr(65 + s.m % 26) || chr(65 + (s.m / 26) % 26) || 'R' || lpad((s.m % 100)::text, 2, '0') || 'A01H' || lpad(((s.m / 100) % 1000)::text, 3, '0') || 'X' AS requester_cf,
    lpad(s.m::text, 8, '0') || '488' AS soggetto_cf
  FROM (
    SELECT g.*, CASE WHEN g.submitted_at >= '${new Date(RECENT_FROM).toISOString()}'::timestamptz THEN ${stateCase(RECENT_SHARES)} ELSE ${stateCase(OLDER_SHARES)} END AS state_index
    FROM (
      SELECT i,
        least(floor($3::int * power(${uniform(1)}, 3))::int, $3::int - 1) AS m,
        floor($4::int * ${uniform(2)})::int AS task_index,
        ${uniform(3)} AS u_state,
        ${uniform(5)} AS u_delay,
        '${new Date(SPAN_START).toISOString()}'::timestamptz + floor((i - 1 + ${uniform(4)}) * ${SPAN_MS}::float8 / $5::int) * interval '1 millisecond' AS submitted_at
      FROM generate_series($1::int, $2::int) AS i
    ) g
  ) s
) r
JOIN smart_task_list_bench_templates t ON t.task_index = r.task_index AND t.state_index = r.state_index
ORDER BY r.i`;

/** A progress line: rewritten in place on a terminal, one line each in a log; `progress()` ends it. */
function progress(text) {
  if (!process.stdout.isTTY) return text === undefined ? undefined : console.log(`  ${text}`);
  process.stdout.write(text === undefined ? '\n' : `\r  ${text}\x1b[K`);
}

const seconds = (since) => (performance.now() - since) / 1000;
const mb = (bytes) => `${(Number(bytes) / 2 ** 20).toFixed(0)} MB`;

/**
 * Loads ROWS requests: the migrated indexes dropped, the rows inserted in batches, the indexes created
 * again from their own definitions (a sort each, far faster than 1M inserts into 9 indexes), ANALYZE.
 * VACUUM comes later, after the count has been timed without the visibility map.
 */
async function load(client, templates) {
  const started = performance.now();
  await client.exec(
    'CREATE TABLE smart_task_list_bench_templates (task_index integer, state_index integer, task_id text NOT NULL, state text NOT NULL, version integer NOT NULL, retry_after_ms bigint, soggetto_is_requester boolean NOT NULL, body text NOT NULL, PRIMARY KEY (task_index, state_index))',
  );
  for (const t of templates) {
    await client.query('INSERT INTO smart_task_list_bench_templates VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [t.taskIndex, t.stateIndex, t.taskId, t.state, t.version, t.retryAfterMs, t.soggettoIsRequester, t.body]);
  }
  // On a server, autovacuum would set the visibility map behind the bench's back: VACUUM is timed apart.
  if (client.kind === 'server') await client.exec('ALTER TABLE smart_task_requests SET (autovacuum_enabled = false)');
  const indexes = (await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'smart_task_requests' AND indexname <> 'smart_task_requests_pkey' ORDER BY indexname`)).rows;
  for (const { indexname } of indexes) await client.exec(`DROP INDEX ${indexname}`);

  const insertStarted = performance.now();
  for (let first = 1; first <= ROWS; first += BATCH) {
    const last = Math.min(ROWS, first + BATCH - 1);
    const { rowCount } = await client.query(INSERT_ROWS, [first, last, MATRICOLE, 17, ROWS]);
    if (rowCount !== last - first + 1) throw new Error(`rows ${first}–${last}: ${rowCount} inserted`);
    if (last % (4 * BATCH) === 0 && last < ROWS) progress(`inserted ${last.toLocaleString('en')} of ${ROWS.toLocaleString('en')} (${(last / seconds(insertStarted)).toFixed(0)} rows/s)`);
  }
  progress();
  const insertSeconds = seconds(insertStarted);

  const indexStarted = performance.now();
  await client.transaction(async (tx) => {
    await tx.exec("SET LOCAL maintenance_work_mem = '256MB'");
    for (const { indexdef } of indexes) await tx.exec(indexdef);
  });
  const indexSeconds = seconds(indexStarted);
  const analyzeStarted = performance.now();
  await client.exec('ANALYZE smart_task_requests');
  const analyzeSeconds = seconds(analyzeStarted);
  await client.exec('DROP TABLE smart_task_list_bench_templates');
  const total = seconds(started);
  console.log(
    `  loaded ${ROWS.toLocaleString('en')} requests in ${total.toFixed(1)}s (${(ROWS / total).toFixed(0)} rows/s): insert ${insertSeconds.toFixed(1)}s (${(ROWS / insertSeconds).toFixed(0)} rows/s), ` +
      `${indexes.length} indexes ${indexSeconds.toFixed(1)}s, ANALYZE ${analyzeSeconds.toFixed(1)}s`,
  );
}

async function vacuum(client) {
  const started = performance.now();
  await client.exec('VACUUM (ANALYZE) smart_task_requests');
  if (client.kind === 'server') await client.exec('ALTER TABLE smart_task_requests RESET (autovacuum_enabled)');
  return seconds(started);
}

// --- checks: the rows are requests the repository can read back -------------------------------------------

/** Columns and body agree on a sample of the rows (the repository filters on the columns and returns the body). */
async function checkColumnsAgreeWithBodies(client) {
  const percent = Math.min(100, (100 * 5000) / ROWS);
  const { rows } = await client.query(`
SELECT count(*)::integer AS checked, count(*) FILTER (WHERE
  body->>'protocollo' IS DISTINCT FROM protocollo OR body->>'taskId' IS DISTINCT FROM task_id OR body->>'state' IS DISTINCT FROM state
  OR body->'subject'->>'matricola' IS DISTINCT FROM matricola OR body->'subject'->>'cf' IS DISTINCT FROM requester_cf OR body->'subject'->>'soggettoCf' IS DISTINCT FROM soggetto_cf
  OR (body->>'submittedAt')::timestamptz IS DISTINCT FROM submitted_at OR (body->>'updatedAt')::timestamptz IS DISTINCT FROM updated_at
  OR (body->'retry'->>'nextAttemptAt')::timestamptz IS DISTINCT FROM retry_due_at OR (body->>'version')::integer IS DISTINCT FROM version
  OR (body->'history'->0->'event'->>'at')::timestamptz IS DISTINCT FROM submitted_at OR (body->'history'->-1->'event'->>'at')::timestamptz IS DISTINCT FROM updated_at
)::integer AS mismatched
FROM smart_task_requests TABLESAMPLE SYSTEM (${percent}) REPEATABLE (7)`);
  const [{ checked, mismatched }] = rows;
  if (checked === 0 || mismatched !== 0) throw new Error(`columns and bodies disagree on ${mismatched} of ${checked} sampled rows`);
  return checked;
}

/** `list` answers as `selectRequests` does over the same requests (read whole for one matricola). */
async function checkListMatchesSelectRequests(client, repository, matricola) {
  const bodies = (await client.query('SELECT body FROM smart_task_requests WHERE matricola = $1', [matricola])).rows.map((row) => row.body);
  const queries = [{ matricola }, { matricola, states: ['ACCOLTA', 'NON_ACCOLTA'], pageSize: 5 }, { matricola, submittedFrom: '2026-01-01', submittedTo: '2026-06-30' }, { matricola, sortBy: 'updatedAt', pageSize: 3 }];
  for (const query of queries) {
    let expected = selectRequests(bodies, query, TIME_ZONE);
    let actual = await repository.list(query);
    for (let page = 0; page < 3; page += 1) {
      const summary = (answer) => JSON.stringify({ ids: answer.items.map((request) => request.protocollo), total: answer.total, nextCursor: answer.nextCursor });
      if (summary(actual) !== summary(expected)) throw new Error(`list(${JSON.stringify(query)}) disagrees with selectRequests: ${summary(actual)} against ${summary(expected)}`);
      if (!expected.nextCursor) break;
      expected = selectRequests(bodies, { ...query, cursor: expected.nextCursor }, TIME_ZONE);
      actual = await repository.list({ ...query, cursor: actual.nextCursor });
    }
  }
  return bodies.length;
}

// --- the SQL of a query -------------------------------------------------------------------------------------

/** A client that answers nothing and keeps what `list` sent it: the statements of a query when the package does not export them. */
function recordingRepository() {
  let sent = [];
  const client = {
    kind: 'embedded',
    query: async (text, params = []) => (sent.push({ text, params }), { rows: [], rowCount: 0 }),
    exec: async () => undefined,
    transaction: (work) => work(client),
    close: async () => undefined,
  };
  const repository = postgres.createPostgresRequestRepository(client, { timeZone: TIME_ZONE });
  return async (query) => {
    sent = [];
    await repository.list(query);
    const reads = sent.filter((statement) => /^\s*(SELECT|WITH)\b/i.test(statement.text));
    const count = reads.find((statement) => /\bcount\s*\(/i.test(statement.text));
    return { count, page: reads.find((statement) => statement !== count) };
  };
}

/** The count and page statements `list` runs for a query: from `requestListStatements`, or recorded from `list` itself. */
const STATEMENTS_FROM = typeof postgres.requestListStatements === 'function' ? 'requestListStatements' : 'recorded from list()';
const recorded = STATEMENTS_FROM === 'requestListStatements' ? undefined : recordingRepository();
async function statementsOf(query) {
  if (recorded) return recorded(query);
  const { count, page } = postgres.requestListStatements(query, TIME_ZONE);
  return { count, page };
}

// --- measuring --------------------------------------------------------------------------------------------

/** The figures of a series not run. */
const NOT_RUN = { p50: undefined, p95: undefined, p99: undefined, runs: 0 };

/** Nearest-rank percentiles of a series, in ms. */
function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), runs: sorted.length };
}

/** Runs `run(i)` WARMUP times, then up to `runs` times (at least 30, at most SERIES_SECONDS once 30 are done). */
async function series(run, runs = RUNS, warmup = WARMUP) {
  for (let index = 0; index < warmup; index += 1) await run(index);
  const samples = [];
  const end = performance.now() + SERIES_SECONDS * 1000;
  for (let index = 0; index < runs && (index < 30 || performance.now() < end); index += 1) {
    const started = performance.now();
    await run(index);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

/** The nodes of a JSON plan that read smart_task_requests: how (scan type, indexes), and whether a sort or JIT came in. */
function readPlan(explained) {
  const [top] = explained;
  const nodes = [];
  const walk = (node) => {
    nodes.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(top.Plan);
  const onTable = nodes.filter((node) => node['Relation Name'] === 'smart_task_requests' || (node['Node Type'] === 'Bitmap Index Scan' && String(node['Index Name']).startsWith('smart_task_requests')));
  const seqScan = onTable.some((node) => node['Node Type'] === 'Seq Scan');
  const indexes = [...new Set(onTable.map((node) => node['Index Name']).filter(Boolean))];
  const scans = [...new Set(onTable.map((node) => `${node['Parallel Aware'] ? 'Parallel ' : ''}${node['Node Type']}`))];
  const sort = nodes.find((node) => node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort');
  const heapFetches = onTable.reduce((sum, node) => sum + (node['Heap Fetches'] ?? 0), 0);
  const jit = top.JIT ? (top.JIT.Timing?.Total ?? 0) : undefined;
  return { seqScan, indexes, scans, sort: sort ? `${sort['Node Type']} (${sort['Sort Method'] ?? '?'})` : undefined, heapFetches, executionMs: top['Execution Time'], jitMs: jit };
}

async function explain(client, statement) {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ${statement.text}`, statement.params);
  const plan = rows[0]['QUERY PLAN'];
  return readPlan(typeof plan === 'string' ? JSON.parse(plan) : plan);
}

/** The page after following `nextCursor` `pages` times from the first page of `query`: its cursor. */
async function cursorAfter(repository, query, pages) {
  let cursor;
  for (let page = 0; page < pages; page += 1) {
    cursor = (await repository.list({ ...query, ...(cursor !== undefined && { cursor }) })).nextCursor;
    if (cursor === undefined) throw new Error(`${JSON.stringify(query)} has fewer than ${pages + 1} pages`);
  }
  return cursor;
}

/** The list queries of the requirement, from what the loaded data holds. */
async function listQueries(client, repository) {
  const byMatricola = (await client.query('SELECT matricola, count(*)::integer AS requests FROM smart_task_requests GROUP BY matricola ORDER BY requests DESC, matricola')).rows;
  const heavy = byMatricola[0];
  const middle = Math.floor(byMatricola.length / 2);
  const typical = byMatricola.slice(Math.max(0, middle - 25), middle + 25);
  const byTask = (await client.query('SELECT task_id, count(*)::integer AS requests FROM smart_task_requests GROUP BY task_id ORDER BY requests DESC, task_id')).rows;
  const task = byTask[0].task_id;
  const typicalRequests = typical.map((row) => row.requests);
  console.log(
    `  ${byMatricola.length.toLocaleString('en')} matricole: heaviest ${heavy.matricola} with ${heavy.requests.toLocaleString('en')} requests; typical (median) ${Math.min(...typicalRequests)}–${Math.max(...typicalRequests)} requests; task ${task} with ${byTask[0].requests.toLocaleString('en')}`,
  );
  const states = (await client.query('SELECT state, count(*)::integer AS requests FROM smart_task_requests GROUP BY state ORDER BY requests DESC')).rows;
  console.log(`  states: ${states.map((row) => `${row.state} ${row.requests.toLocaleString('en')}`).join(', ')}`);

  const fixed = (query) => () => query;
  return {
    heavy: heavy.matricola,
    typical: typical.map((row) => row.matricola),
    queries: [
      { name: 'newest first, no filter', query: fixed({}) },
      { name: 'matricola, heaviest', query: fixed({ matricola: heavy.matricola }) },
      { name: 'matricola, typical (50 rotating)', query: (run) => ({ matricola: typical[run % typical.length].matricola }) },
      { name: 'taskId', query: fixed({ taskId: task }) },
      { name: 'states [IN_CARICO_SEDE]', query: fixed({ states: ['IN_CARICO_SEDE'] }) },
      { name: 'states [RETRY_SCHEDULED, OPERATIONS_RETRY_SCHEDULED]', query: fixed({ states: ['RETRY_SCHEDULED', 'OPERATIONS_RETRY_SCHEDULED'] }) },
      { name: 'states [ACCOLTA, NON_ACCOLTA]', query: fixed({ states: ['ACCOLTA', 'NON_ACCOLTA'] }) },
      { name: `submitted ${MONTH.submittedFrom}…${MONTH.submittedTo}`, query: fixed({ ...MONTH }) },
      { name: 'taskId + month', query: fixed({ taskId: task, ...MONTH }) },
      { name: 'matricola heaviest + [ACCOLTA] + month', query: fixed({ matricola: heavy.matricola, states: ['ACCOLTA'], ...MONTH }) },
      { name: 'matricola typical + [ACCOLTA] + 2026', query: (run) => ({ matricola: typical[run % typical.length].matricola, states: ['ACCOLTA'], submittedFrom: '2026-01-01', submittedTo: '2026-12-31' }) },
      { name: 'sortBy updatedAt, states [IN_CARICO_SEDE]', query: fixed({ sortBy: 'updatedAt', states: ['IN_CARICO_SEDE'] }) },
      { name: 'no filter, page 11 by cursor', query: fixed({ cursor: await cursorAfter(repository, {}, 10) }) },
      { name: 'no filter, page 50 by offset', query: fixed({ page: 50 }) },
      { name: 'no filter, page 2500 by offset', query: fixed({ page: 2500 }) },
      { name: 'matricola heaviest, page 11 by cursor', query: fixed({ matricola: heavy.matricola, cursor: await cursorAfter(repository, { matricola: heavy.matricola }, 10) }) },
      { name: 'matricola heaviest, page 50 by offset', query: fixed({ matricola: heavy.matricola, page: 50 }) },
    ],
  };
}

const ms = (value) => (value === undefined ? '' : value.toFixed(value < 10 ? 2 : 1));
const cells = (p) => [ms(p.p50), ms(p.p95), ms(p.p99)].map((cell) => cell.padStart(7)).join(' ');

/** Times every query three ways and reads its plans; prints the tables; returns what misses the target. */
async function measureQueries(client, repository, queries) {
  const results = [];
  for (const { name, query } of queries) {
    const statements = await statementsPerRun(query);
    const first = await repository.list(query(0));
    const list = await series((run) => repository.list(query(run)));
    const count = statements[0].count ? await series((run) => client.query(statements[run].count.text, statements[run].count.params)) : NOT_RUN;
    const page = await series((run) => statements[run].page && client.query(statements[run].page.text, statements[run].page.params));
    const plans = { count: statements[0].count && (await explain(client, statements[0].count)), page: statements[0].page && (await explain(client, statements[0].page)) };
    results.push({ name, total: first.total, items: first.items.length, list, count, page, plans });
    progress(`measured ${results.length} of ${queries.length}: ${name} (list p95 ${ms(list.p95)} ms)`);
  }
  progress();
  console.log('');

  const width = Math.max(...results.map((result) => result.name.length));
  console.log(`${''.padEnd(width)} ${'matched'.padStart(9)} | ${'list() = count + page, ms'.padEnd(23)} | ${'count statement, ms'.padEnd(23)} | ${'page statement, ms'.padEnd(23)} | runs | flags`);
  console.log(`${'query'.padEnd(width)} ${''.padStart(9)} | ${'p50     p95     p99'.padStart(23)} | ${'p50     p95     p99'.padStart(23)} | ${'p50     p95     p99'.padStart(23)} |`);
  const misses = [];
  for (const result of results) {
    const flags = [];
    if (result.list.p95 > TARGET_MS) flags.push(`list p95 > ${TARGET_MS} ms`);
    if (result.count.p95 > TARGET_MS) flags.push('count > target');
    if (result.page.p95 > TARGET_MS) flags.push('page > target');
    if (result.plans.count?.seqScan) flags.push('count: Seq Scan');
    if (result.plans.page?.seqScan) flags.push('page: Seq Scan');
    if (flags.length > 0) misses.push({ ...result, flags });
    console.log(`${result.name.padEnd(width)} ${result.total.toLocaleString('en').padStart(9)} | ${cells(result.list)} | ${cells(result.count)} | ${cells(result.page)} | ${String(result.list.runs).padStart(4)} | ${flags.join('; ')}`);
  }
  console.log('');
  const describe = (plan, absent = '(no page: beyond every row)') =>
    plan
      ? `${plan.seqScan ? 'SEQ SCAN ' : ''}${plan.scans.join(' + ')}${plan.indexes.length > 0 ? ` on ${plan.indexes.map((index) => index.replace('smart_task_requests_', '')).join(', ')}` : ''}${plan.sort ? `; ${plan.sort}` : ''}${plan.heapFetches ? `; heap fetches ${plan.heapFetches.toLocaleString('en')}` : ''}${plan.jitMs !== undefined ? `; JIT ${plan.jitMs.toFixed(1)} ms` : ''}`
      : absent;
  console.log(`${'query'.padEnd(width)} | page plan (EXPLAIN ANALYZE: executor ms) / count plan (executor ms); index names without the smart_task_requests_ prefix`);
  for (const result of results) {
    console.log(`${result.name.padEnd(width)} | page  ${ms(result.plans.page?.executionMs).padStart(7)} ms  ${describe(result.plans.page)}`);
    console.log(`${''.padEnd(width)} | count ${ms(result.plans.count?.executionMs).padStart(7)} ms  ${describe(result.plans.count, '(list() ran no count)')}`);
  }
  return misses;
}

/** The statements of every run of a series (made before timing it). */
async function statementsPerRun(query) {
  const statements = [];
  for (let run = 0; run < Math.max(RUNS, WARMUP); run += 1) statements.push(await statementsOf(query(run)));
  return statements;
}

/** The count statements alone before VACUUM: what a database nobody vacuums (PGlite has no autovacuum) pays for `total`. */
async function measureCountsBeforeVacuum(client, queries) {
  const runs = Math.max(10, Math.round(RUNS / 10));
  const rows = [];
  for (const { name, query } of queries) {
    const statements = await statementsPerRun(query);
    if (!statements[0].count) continue;
    const count = await series((run) => client.query(statements[run].count.text, statements[run].count.params), runs, 3);
    rows.push({ name, count, plan: await explain(client, statements[0].count) });
  }
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`  count statement before VACUUM (no visibility map; ${runs} runs each):`);
  for (const row of rows)
    console.log(
      `  ${row.name.padEnd(width)} p50 ${ms(row.count.p50).padStart(7)}  p95 ${ms(row.count.p95).padStart(7)}  p99 ${ms(row.count.p99).padStart(7)}  ${row.plan.seqScan ? 'SEQ SCAN' : row.plan.scans.join(' + ')}${row.plan.heapFetches ? ` (heap fetches ${row.plan.heapFetches.toLocaleString('en')})` : ''}`,
    );
}

// --- one database -----------------------------------------------------------------------------------------

async function benchDatabase(label, store, templates, { loaded = false } = {}) {
  const { client, repository } = store;
  const version = (await client.query('SHOW server_version')).rows[0].server_version;
  const settings = (
    await client.query("SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) AS settings FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'jit', 'max_parallel_workers_per_gather', 'effective_cache_size')")
  ).rows[0].settings;
  console.log(`\n=== ${label}: PostgreSQL ${version} (${settings})`);
  if (!loaded) await load(client, templates);
  else console.log(`  reusing the ${ROWS.toLocaleString('en')} requests already loaded`);
  const checked = await checkColumnsAgreeWithBodies(client);
  const size = (await client.query("SELECT pg_table_size('smart_task_requests') AS heap, pg_indexes_size('smart_task_requests') AS indexes")).rows[0];
  console.log(`  table ${mb(size.heap)} (with TOAST), indexes ${mb(size.indexes)}; columns agree with bodies on ${checked.toLocaleString('en')} sampled rows`);
  const { queries, typical } = await listQueries(client, repository);
  const compared = await checkListMatchesSelectRequests(client, repository, typical[0]);
  console.log(`  list() agrees with selectRequests on the ${compared} requests of matricola ${typical[0]} (4 queries, 3 pages each)`);
  if (!loaded) await measureCountsBeforeVacuum(client, queries);
  console.log(`  VACUUM (ANALYZE): ${(await vacuum(client)).toFixed(1)}s`);
  console.log(`  timing: ${WARMUP} warm-up runs, then ${RUNS} runs per series (a series stops after ${SERIES_SECONDS}s once it has 30); matched = total of the first run`);
  console.log('');
  const loadAverage = () =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  const loadBefore = loadAverage();
  const misses = await measureQueries(client, repository, queries);
  console.log(`\n  machine load average (1, 5, 15 min) before timing: ${loadBefore}; after: ${loadAverage()} — other processes on these cores show up as noise in p95/p99\n`);
  if (misses.length === 0) console.log(`${label}: every query answers a page within ${TARGET_MS} ms p95 with index scans only.`);
  for (const miss of misses) {
    const share = miss.count.p50 === undefined ? '' : ` (≈${((100 * miss.count.p50) / Math.max(miss.list.p50, 0.001)).toFixed(0)}% of list p50)`;
    console.log(`${label}: MISSES "${miss.name}": ${miss.flags.join('; ')} — list p95 ${ms(miss.list.p95)} ms, count p95 ${ms(miss.count.p95)} ms${share}, page p95 ${ms(miss.page.p95)} ms`);
  }
}

async function benchEmbedded(templates) {
  const keep = process.env.LIST_EMBEDDED_DIR;
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'smart-task-list-bench-'));
  try {
    const store = await postgres.openSmartTaskStore({ dataDir });
    try {
      const present = keep && existsSync(dataDir) ? (await store.client.query('SELECT count(*)::integer AS n FROM smart_task_requests')).rows[0].n : 0;
      if (present !== 0 && present !== ROWS) throw new Error(`${dataDir} holds ${present} requests, not ${ROWS}: remove it or set LIST_ROWS=${present}`);
      await benchDatabase(`embedded PGlite (${keep ? dataDir : 'temporary data directory'})`, store, templates, { loaded: present === ROWS });
    } finally {
      await store.close();
    }
  } finally {
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchServer(templates) {
  const admin = postgres.openPgPool(SERVER_URL, 1);
  const keep = process.env.LIST_SERVER_DATABASE;
  const name = keep ?? `smart_task_list_bench_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`LIST_SERVER_DATABASE must be a plain lower-case name; found ${JSON.stringify(name)}.`);
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    const store = await postgres.openSmartTaskStore({ connectionString: url.toString() });
    try {
      const present = exists ? (await store.client.query('SELECT count(*)::integer AS n FROM smart_task_requests')).rows[0].n : 0;
      if (present !== 0 && present !== ROWS) throw new Error(`database ${name} holds ${present} requests, not ${ROWS}: drop it or set LIST_ROWS=${present}`);
      await benchDatabase(`PostgreSQL server (database ${name} on ${url.host})`, store, templates, { loaded: present === ROWS });
    } finally {
      await store.close();
    }
  } finally {
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

const templates = await buildTemplates();
const sizes = templates.map((template) => template.body.length).sort((a, b) => a - b);
console.log(
  `Lista Richieste at scale: ${ROWS.toLocaleString('en')} requests, ${MATRICOLE.toLocaleString('en')} matricole, bodies from ${templates.length} lifecycle requests (17 tasks × 9 states; ${sizes[0]}–${sizes.at(-1)} characters), target page ≤ ${TARGET_MS} ms p95; SQL ${STATEMENTS_FROM}. Node ${process.version}.`,
);
for (const database of DATABASES) {
  if (database === 'embedded') await benchEmbedded(templates);
  else if (database === 'server') {
    if (SERVER_URL) await benchServer(templates);
    else
      console.log('\n=== PostgreSQL server: SKIPPED — set SMART_TASK_BENCH_DATABASE_URL (or SMART_TASK_TEST_DATABASE_URL) to postgres://user:password@host:port/postgres; `bash scripts/postgres-for-tests.sh` starts a local one and prints its URL.');
  } else throw new Error(`LIST_DATABASES: unknown database ${JSON.stringify(database)} (use embedded, server)`);
}
