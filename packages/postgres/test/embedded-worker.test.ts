import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogDocuments } from '@smart-task/rules';
import { createEngine, type ActionPort, type DataPort } from '@smart-task/core';
import { createInMemoryDataPort } from '@smart-task/core/testing';
import { createRequestLifecycle, type NotificationMessage, type RequestLifecycle } from '@smart-task/core/lifecycle';
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessRequestLock, openJobQueue, openSmartTaskStore, startSmartTaskWorker, submitToWorkers, type SmartTaskStore } from '../src/index.js';
import { caseRequests, type CaseRequest } from './support/worker-fleet.js';

/**
 * The same pg-boss workers on the embedded database, in one process: the default a host gets with no
 * set-up. Two workers share the work; a host stopped mid-run and started again on the same data
 * directory finishes what was pending, with every operation taking effect once and every notice sent.
 */

const RETRIES = { maxAttempts: 30, baseDelayMs: 300, factor: 1.5, maxDelayMs: 2_000 };
const STALE_AFTER_MS = 3_000;
/**
 * The deadline of one notice attempt, whose double is the lease of a claimed notice: a notice the stopped
 * host had claimed is delivered again once that lease runs out, 3 s here (as {@link STALE_AFTER_MS}) instead
 * of the default's 20 s of waiting. The gateway below answers at once, in memory: the deadline never ends an attempt.
 */
const NOTICE_TIMEOUT_MS = 1_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the fake back office and gateway remember: they outlive the host, as INPS's systems do. */
class BackOffice {
  readonly effects = new Map<string, number>();
  readonly delivered: NotificationMessage[] = [];
  readonly cases = new Map<string, CaseRequest>();
  private readonly ports = new Map<string, DataPort>();

  readonly dataPort: DataPort = {
    fetch: async (fact, params, context) => {
      await sleep(5 + Math.random() * 20);
      const source = this.cases.get(context.requestId) as CaseRequest;
      if (!this.ports.has(context.requestId)) this.ports.set(context.requestId, createInMemoryDataPort(source.fixture));
      return (this.ports.get(context.requestId) as DataPort).fetch(fact, params, context);
    },
  };

  readonly actionPort: ActionPort = {
    perform: async (call) => {
      await sleep(5 + Math.random() * 20);
      const count = this.effects.get(call.idempotencyKey) ?? 0;
      this.effects.set(call.idempotencyKey, count + 1);
      const details = this.cases.get(call.requestId)?.fixture.actions?.[call.action]?.details;
      return { status: count === 0 ? 'PERFORMED' : 'ALREADY_PERFORMED', ...(details !== undefined && { details }) };
    },
  };
}

/** A host on the embedded database in `dataDir`: store, lifecycle, job queue and `workers` workers. */
async function startHost(dataDir: string, backOffice: BackOffice, workers: number) {
  const store = await openSmartTaskStore({ dataDir });
  // Once the host is stopped, its calls in flight never come back: as in a process that died.
  let alive = true;
  const never = <T>() => new Promise<T>(() => undefined);
  const dataPort: DataPort = { fetch: (fact, params, context) => (alive ? backOffice.dataPort.fetch(fact, params, context) : never()) };
  const actionPort: ActionPort = { perform: (call, context) => (alive ? backOffice.actionPort.perform(call, context) : never()) };
  const engine = createEngine({ catalog: catalogDocuments, dataPort, actionPort, plannedTasks: 'all', timeoutMs: 60_000 });
  const onCaseDay = { ...engine, decide: ((taskId, request, options) => engine.decide(taskId, request, { ...options, clock: { now: () => new Date((backOffice.cases.get(request.requestId) as CaseRequest).now) } })) as typeof engine.decide };
  let next = (await store.repository.list({ pageSize: 1 })).total;
  const lifecycle: RequestLifecycle = createRequestLifecycle({
    engine: onCaseDay,
    repository: store.repository,
    outbox: store.outbox,
    recordEvaluation: store.auditStore.record,
    retryPolicy: RETRIES,
    noticeRetryPolicy: RETRIES,
    noticeTimeoutMs: NOTICE_TIMEOUT_MS,
    notifications: {
      send: (message) => (alive ? Promise.resolve(void backOffice.delivered.push(message)) : never()),
      wasSent: (messageId) => (alive ? Promise.resolve(backOffice.delivered.some((message) => message.id === messageId)) : never()),
    },
    nextProtocollo: () => `INPS.7000.2026.${String((next += 1)).padStart(6, '0')}`,
  });
  const boss = await openJobQueue({ pglite: store.pglite as NonNullable<SmartTaskStore['pglite']> });
  const lock = createInProcessRequestLock();
  const running: Awaited<ReturnType<typeof startSmartTaskWorker>>[] = [];
  for (let index = 0; index < workers; index += 1) {
    running.push(await startSmartTaskWorker({ boss, lifecycle, repository: store.repository, lock, staleAfterMs: STALE_AFTER_MS, sweepEverySeconds: 1, concurrency: 2, pollingIntervalSeconds: 0.5 }));
  }
  return {
    store,
    boss,
    lifecycle,
    /** Stops the host as a crash would leave it: jobs abandoned mid-step, nothing finished. */
    async crash() {
      alive = false;
      for (const worker of running) await worker.stop();
      await boss.stop({ graceful: false, close: false });
      await sleep(500); // the steps in flight reach their next port call, which never answers
      await store.close();
    },
    async stop() {
      for (const worker of running) await worker.stop();
      await boss.stop({ graceful: true, timeout: 10_000, close: false });
      await store.close();
    },
    pendingNotices: async () => Number((await store.client.query<{ n: string }>("SELECT count(*) AS n FROM smart_task_notification_outbox WHERE status = 'PENDING'")).rows[0]?.n),
    openCount: async () => (await store.repository.list({ states: ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_RETRY_SCHEDULED'], pageSize: 1 })).total,
  };
}

describe('pg-boss workers on the embedded database (PGlite)', () => {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('two workers finish every request; a host stopped mid-run and started again on its data directory loses nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smart-task-embedded-'));
    directories.push(dataDir);
    const backOffice = new BackOffice();
    const sources = caseRequests(40);

    let host = await startHost(dataDir, backOffice, 2);
    const filed: string[] = [];
    for (const source of sources) {
      const protocollo = `INPS.7000.2026.${String(filed.length + 1).padStart(6, '0')}`;
      backOffice.cases.set(protocollo, source);
      const { request } = await submitToWorkers(host.lifecycle, host.boss, { taskId: source.taskId, subject: source.subject, data: source.data, notifications: { channel: 'EMAIL', address: 'titolare@example.it' } });
      expect(request.protocollo).toBe(protocollo);
      filed.push(protocollo);
    }
    // Stop the host while the workers are at it, then start it again on the same directory.
    while ((await host.openCount()) === filed.length) await sleep(50);
    const openAtCrash = await host.openCount();
    await host.crash();
    host = await startHost(dataDir, backOffice, 2);
    const deadline = Date.now() + 180_000;
    while ((await host.openCount()) > 0 && Date.now() < deadline) await sleep(250);
    // A notice the stopped host had claimed waits for its lease to run out, then a sweep delivers it.
    while ((await host.pendingNotices()) > 0 && Date.now() < deadline) await sleep(250);

    const planned: string[] = [];
    for (const protocollo of filed) {
      const source = backOffice.cases.get(protocollo) as CaseRequest;
      const stored = await host.store.repository.get(protocollo);
      expect(stored?.state, protocollo).toBe(source && (await expectedVerdict(host.lifecycle, stored, source)));
      if (stored?.state === 'ACCOLTA') planned.push(...stored.plannedOperations.map((operation) => operation.idempotencyKey));
    }
    // Each operation took effect once (a repeat is absorbed by the idempotency key, never a second effect).
    expect([...backOffice.effects.keys()].sort()).toEqual(planned.sort());
    // Every requester was told twice: protocol number, outcome; none lost, none sent twice.
    const ids = backOffice.delivered.map((message) => message.id);
    expect(ids.length - new Set(ids).size).toBe(0);
    const kinds = new Map<string, Set<string>>();
    for (const message of backOffice.delivered) kinds.set(message.protocollo, (kinds.get(message.protocollo) ?? new Set()).add(message.kind));
    expect(filed.filter((protocollo) => !(kinds.get(protocollo)?.has('PROTOCOLLATA') && kinds.get(protocollo)?.has('ESITO_DISPONIBILE')))).toEqual([]);
    console.info(
      `embedded: ${filed.length} requests, ${openAtCrash} still open when the host stopped; ${planned.length} operations, ${[...backOffice.effects.values()].filter((count) => count > 1).length} repeated calls absorbed by idempotency; ${backOffice.delivered.length} notices delivered`,
    );
    await host.stop();
  }, 300_000);
});

/** The verdict the case's istruttoria gives without faults. */
async function expectedVerdict(_lifecycle: RequestLifecycle, stored: { submittedAt: string; protocollo: string } | undefined, source: CaseRequest): Promise<string> {
  const engine = createEngine({
    catalog: catalogDocuments,
    dataPort: createInMemoryDataPort(source.fixture),
    actionPort: { perform: () => Promise.reject(new Error('not performed')) },
    plannedTasks: 'all',
    clock: { now: () => new Date(source.now) },
  });
  const result = await engine.decide(source.taskId, { requestId: stored?.protocollo ?? 'X', subject: source.subject, data: source.data, ...(stored && { submittedAt: stored.submittedAt }) });
  return result.kind === 'decision' ? result.verdict : `technical failure ${result.error.code}`;
}
