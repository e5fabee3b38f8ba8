// A worker process of the multi-worker test (and of bench/workers.bench.mjs): the built packages, a
// PostgreSQL server, fake ports whose effects are rows of the test database, so that the parent can
// check what every process did even after killing it with SIGKILL.
//
// Env: DATABASE_URL, WORKER_PLAN (a JSON file: { requests: [{ protocollo, fixture, now }] }),
// STALE_AFTER_MS, SWEEP_EVERY_SECONDS, CONCURRENCY, DATA_DELAY_MS ("5-50").
import { readFileSync } from 'node:fs';
import { createEngine } from '@smart-task/core';
import { createInMemoryDataPort } from '@smart-task/core/testing';
import { createRequestLifecycle } from '@smart-task/core/lifecycle';
import { catalogDocuments } from '@smart-task/rules';
import { createAdvisoryRequestLock, openJobQueue, openSmartTaskStore, startSmartTaskWorker } from '@smart-task/postgres';

const env = process.env;
const connectionString = env.DATABASE_URL;
const plan = JSON.parse(readFileSync(env.WORKER_PLAN, 'utf8'));
const [minDelay, maxDelay] = (env.DATA_DELAY_MS ?? '5-50').split('-').map(Number);
const byProtocollo = new Map(plan.requests.map((request) => [request.protocollo, { ...request, dataPort: createInMemoryDataPort(request.fixture) }]));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const store = await openSmartTaskStore({ connectionString, max: 8 });
const sql = store.client;

/** The INPS archives: the case's fixture, answered after 5–50 ms. */
const dataPort = {
  async fetch(fact, params, context) {
    await sleep(minDelay + Math.random() * (maxDelay - minDelay));
    return byProtocollo.get(context.requestId).dataPort.fetch(fact, params, context);
  },
};

/** The back office's idempotency ledger: a second call with a key already there has no effect. Confirms with the case's details. */
const actionPort = {
  async perform(call) {
    await sleep(minDelay + Math.random() * (maxDelay - minDelay));
    const { rowCount } = await sql.query('insert into test_ledger (idempotency_key, request_id, action, pid) values ($1, $2, $3, $4) on conflict do nothing', [call.idempotencyKey, call.requestId, call.action, process.pid]);
    await sql.query('insert into test_perform_calls (idempotency_key, pid) values ($1, $2)', [call.idempotencyKey, process.pid]);
    const details = byProtocollo.get(call.requestId).fixture.actions?.[call.action]?.details;
    return { status: rowCount === 1 ? 'PERFORMED' : 'ALREADY_PERFORMED', ...(details !== undefined && { details }) };
  },
};

/**
 * The e-mail gateway: every delivery it accepts is a row (a notice sent twice shows as two rows: it
 * drops nothing by id), and its status lookup answers from those rows.
 */
const notifications = {
  async send(message) {
    await sql.query('insert into test_deliveries (message_id, protocollo, kind, pid) values ($1, $2, $3, $4)', [message.id, message.protocollo, message.kind, process.pid]);
  },
  async wasSent(messageId) {
    const { rows } = await sql.query('select exists (select 1 from test_deliveries where message_id = $1) as sent', [messageId]);
    return rows[0].sent === true;
  },
};

const engine = createEngine({ catalog: catalogDocuments, dataPort, actionPort, plannedTasks: 'all', timeoutMs: Number(env.PORT_TIMEOUT_MS ?? 2_000) });
// Each case is decided on its own day (the built-in fact `today`), as the catalog's cases are.
const decidingOnCaseDay = { ...engine, decide: (taskId, request, options) => engine.decide(taskId, request, { ...options, clock: { now: () => new Date(byProtocollo.get(request.requestId).now) } }) };

const lifecycle = createRequestLifecycle({
  engine: decidingOnCaseDay,
  repository: store.repository,
  outbox: store.outbox,
  recordEvaluation: store.auditStore.record,
  notifications,
  noticeTimeoutMs: 5_000,
  retryPolicy: { maxAttempts: 30, baseDelayMs: 500, factor: 1.5, maxDelayMs: 3_000 },
  noticeRetryPolicy: { maxAttempts: 30, baseDelayMs: 500, factor: 1.5, maxDelayMs: 3_000 },
  nextProtocollo: () => {
    throw new Error('workers do not file requests');
  },
});

/** The request lock, instrumented: each holding is a row, closed when released (a killed worker leaves it open). */
const advisory = createAdvisoryRequestLock(store.client.pool);
const lock = {
  async tryLock(protocollo) {
    const release = await advisory.tryLock(protocollo);
    if (!release) return undefined;
    const { rows } = await sql.query('insert into test_holdings (protocollo, pid) values ($1, $2) returning id', [protocollo, process.pid]);
    return async () => {
      await sql.query('update test_holdings set released_at = clock_timestamp() where id = $1', [rows[0].id]);
      await release();
    };
  },
};

const boss = await openJobQueue({ connectionString });
await startSmartTaskWorker({
  boss,
  lifecycle,
  repository: store.repository,
  lock,
  staleAfterMs: Number(env.STALE_AFTER_MS ?? 4_000),
  sweepEverySeconds: Number(env.SWEEP_EVERY_SECONDS ?? 2),
  concurrency: Number(env.CONCURRENCY ?? 4),
  pollingIntervalSeconds: 0.5,
});
process.send?.({ ready: process.pid });
process.on('SIGTERM', async () => {
  await boss.stop({ graceful: true, timeout: 5_000 });
  await store.close();
  process.exit(0);
});
