import { randomBytes } from 'node:crypto';
import { catalogDocuments } from '@smart-task/rules';
import { createEngine, type DataPort } from '@smart-task/core';
import { createInMemoryDataPort } from '@smart-task/core/testing';
import { createRequestLifecycle, type LifecycleRequest, type NotificationMessage } from '@smart-task/core/lifecycle';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobQueue, openSmartTaskStore, prepareSmartTaskQueues, submitToWorkers, type SmartTaskStore } from '../src/index.js';
import { FLEET_TABLES } from './support/fleet-cases.mjs';
import { WorkerFleet, assertBuilt, caseRequests, writePlan, type CaseRequest } from './support/worker-fleet.js';

/**
 * Several worker processes on one PostgreSQL server, killed with SIGKILL at random moments and
 * restarted: every request reaches its verdict, every operation takes effect once, no request is
 * worked on by two workers at once, no notice is lost.
 */

const SERVER = process.env.SMART_TASK_TEST_DATABASE_URL;
const REQUESTS = Number(process.env.SMART_TASK_FLEET_REQUESTS ?? 300);
const WORKERS = 4;
const STALE_AFTER_MS = 4_000;
const FINAL = new Set(['ACCOLTA', 'NON_ACCOLTA']);
const FLEET_RETRY_POLICY = { maxAttempts: 30, baseDelayMs: 500, factor: 1.5, maxDelayMs: 3_000 };

interface Filed {
  readonly request: LifecycleRequest;
  readonly source: CaseRequest;
  readonly verdict: string;
  readonly operations: readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!SERVER)(`${WORKERS} worker processes on a PostgreSQL server, killed with SIGKILL and restarted (needs SMART_TASK_TEST_DATABASE_URL; pnpm test starts a server)`, () => {
  let admin: pg.Pool;
  let database: string;
  let url: string;
  let store: SmartTaskStore;
  const filed = new Map<string, Filed>();

  beforeAll(async () => {
    assertBuilt();
    admin = new pg.Pool({ connectionString: SERVER, max: 1 });
    database = `smart_task_fleet_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${database}`);
    const address = new URL(SERVER as string);
    address.pathname = `/${database}`;
    url = address.toString();
    store = await openSmartTaskStore({ connectionString: url });
    await store.client.exec(FLEET_TABLES);

    // The host files the requests for the workers: protocolled, saved SUBMITTED, a job queued for each.
    const boss = await openJobQueue({ connectionString: url });
    await prepareSmartTaskQueues(boss);
    const ports = new Map<string, DataPort>();
    const routed: DataPort = { fetch: (fact, params, context) => (ports.get(context.requestId) as DataPort).fetch(fact, params, context) };
    const engine = createEngine({ catalog: catalogDocuments, dataPort: routed, actionPort: { perform: () => Promise.reject(new Error('the host does not perform')) }, plannedTasks: 'all' });
    const deliver = async (message: NotificationMessage) => void (await store.client.query('insert into test_deliveries (message_id, protocollo, kind, pid) values ($1, $2, $3, $4)', [message.id, message.protocollo, message.kind, process.pid]));
    let next = 0;
    // Each request keeps the retry policy it is filed with: retries within seconds, many of them.
    const lifecycle = createRequestLifecycle({
      engine,
      repository: store.repository,
      outbox: store.outbox,
      notifications: { send: deliver },
      retryPolicy: FLEET_RETRY_POLICY,
      nextProtocollo: () => `INPS.7000.2026.${String((next += 1)).padStart(6, '0')}`,
    });
    for (const source of caseRequests(REQUESTS)) {
      const { request } = await submitToWorkers(lifecycle, boss, { taskId: source.taskId, subject: source.subject, data: source.data, notifications: { channel: 'EMAIL', address: 'titolare@example.it' } });
      // What the istruttoria must decide: the same engine, the same day and fixture, without faults.
      ports.set(request.protocollo, createInMemoryDataPort(source.fixture));
      const expected = await engine.decide(source.taskId, { requestId: request.protocollo, subject: source.subject, data: source.data, submittedAt: request.submittedAt }, { clock: { now: () => new Date(source.now) } });
      if (expected.kind !== 'decision') throw new Error(`case ${source.caseId} did not decide: ${expected.error.message}`);
      filed.set(request.protocollo, { request, source, verdict: expected.verdict, operations: expected.plannedOperations.map((operation) => operation.idempotencyKey) });
    }
    await boss.stop({ graceful: false });
  }, 300_000);

  afterAll(async () => {
    await store?.close();
    if (process.env.SMART_TASK_FLEET_KEEP_DB) console.info(`kept ${url}`);
    else await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
  });

  it('every request reaches its verdict; each operation takes effect once; one worker per request at a time; no notice lost', async () => {
    const plan = writePlan([...filed.values()].map(({ request, source }) => ({ protocollo: request.protocollo, fixture: source.fixture, now: source.now })));
    const fleet = new WorkerFleet({ DATABASE_URL: url, WORKER_PLAN: plan, STALE_AFTER_MS: String(STALE_AFTER_MS), SWEEP_EVERY_SECONDS: '1', CONCURRENCY: '2' });
    const openStates = async () => (await store.repository.list({ states: ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_RETRY_SCHEDULED', 'IN_CARICO_SEDE'], pageSize: 1 })).total;
    const timings = { allFinal: 0, noticesDelivered: 0 };
    const pendingNotices = async () => Number((await store.client.query<{ n: string }>("select count(*) as n from smart_task_notification_outbox where status <> 'SENT'")).rows[0]?.n);
    try {
      const began = Date.now();
      const starting = Array.from({ length: WORKERS }, () => fleet.start());
      await Promise.all(starting);
      // Kill a worker every 0.15–0.5 s and start another, while work remains, up to 12 kills.
      while (fleet.kills.length < 12 && (await openStates()) > 0) {
        await sleep(150 + Math.random() * 350);
        const victim = fleet.pids[Math.floor(Math.random() * fleet.pids.length)] as number;
        fleet.killOne(victim);
        starting.push(fleet.start());
      }
      await Promise.all(starting);
      const deadline = Date.now() + 240_000;
      while ((await openStates()) > 0 && Date.now() < deadline) await sleep(250);
      timings.allFinal = Date.now() - began;
      while ((await pendingNotices()) > 0 && Date.now() < deadline) await sleep(250);
      timings.noticesDelivered = Date.now() - began;
    } finally {
      await fleet.stopAll();
    }
    const log = fleet.log();

    // Every request reached the verdict the istruttoria gives without faults.
    const wrong: string[] = [];
    for (const { request, verdict } of filed.values()) {
      const stored = await store.repository.get(request.protocollo);
      if (!stored || !FINAL.has(stored.state) || stored.outcome?.verdict !== verdict) wrong.push(`${request.protocollo}: ${stored?.state} (${stored?.outcome?.verdict}), expected ${verdict}`);
    }
    expect(wrong, log).toEqual([]);

    // Each planned operation of an accepted request took effect exactly once; nothing else did.
    const ledger = (await store.client.query<{ idempotency_key: string }>('select idempotency_key from test_ledger')).rows.map((row) => row.idempotency_key).sort();
    const planned = [...filed.values()].flatMap((entry) => (entry.verdict === 'ACCOLTA' ? entry.operations : [])).sort();
    expect(planned.length).toBeGreaterThan(0);
    expect(ledger).toEqual(planned);

    // No request was held by two workers at once (a killed worker's holding ends when it was killed).
    const killedAt = new Map(fleet.kills.map((kill) => [kill.pid, kill.at]));
    const holdings = (await store.client.query<{ protocollo: string; pid: number; acquired_at: Date; released_at: Date | null }>('select protocollo, pid, acquired_at, released_at from test_holdings order by protocollo, acquired_at')).rows;
    const overlaps: string[] = [];
    let previous: { protocollo: string; end: number; pid: number } | undefined;
    for (const holding of holdings) {
      const end = holding.released_at?.getTime() ?? killedAt.get(holding.pid) ?? Number.POSITIVE_INFINITY;
      if (previous?.protocollo === holding.protocollo && holding.acquired_at.getTime() < previous.end) overlaps.push(`${holding.protocollo}: pid ${holding.pid} took it while pid ${previous.pid} held it`);
      previous = previous?.protocollo === holding.protocollo && previous.end > end ? previous : { protocollo: holding.protocollo, end, pid: holding.pid };
    }
    expect(overlaps).toEqual([]);

    // Every notice was delivered: the protocol number, then the outcome.
    const deliveries = (await store.client.query<{ message_id: string; protocollo: string; kind: string }>('select message_id, protocollo, kind from test_deliveries')).rows;
    const kindsOf = new Map<string, Set<string>>();
    for (const delivery of deliveries) kindsOf.set(delivery.protocollo, (kindsOf.get(delivery.protocollo) ?? new Set()).add(delivery.kind));
    const lost = [...filed.keys()].filter((protocollo) => !(kindsOf.get(protocollo)?.has('PROTOCOLLATA') && kindsOf.get(protocollo)?.has('ESITO_DISPONIBILE')));
    expect(lost, log).toEqual([]);
    const repeated = deliveries.length - new Set(deliveries.map((delivery) => delivery.message_id)).size;
    console.info(
      `fleet: ${filed.size} requests, ${WORKERS} workers, ${fleet.kills.length} killed with SIGKILL; ledger ${ledger.length} effects for ${planned.length} planned operations; ${holdings.length} holdings, ${overlaps.length} overlapping; notices ${deliveries.length} deliveries, lost ${lost.length}, repeated deliveries of one message id ${repeated}; all final after ${timings.allFinal} ms, notices delivered after ${timings.noticesDelivered} ms`,
    );
    expect(fleet.kills.length).toBeGreaterThan(0);
    // None was sent twice: a notice whose sender was killed after the gateway accepted it is looked up, not sent again.
    expect(repeated).toBe(0);
  }, 600_000);
});
