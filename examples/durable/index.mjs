// A host that keeps its requests in a database and lets workers do the istruttoria: the embedded
// PostgreSQL (PGlite) in a data directory by default, no service to install; DATABASE_URL switches to a
// PostgreSQL server. Stop it at any moment (Ctrl-C, kill -9) and start it again: what was filed is
// still there, and the pending work resumes where it stopped.
//
//   node examples/durable/index.mjs            # files 12 requests, works them off, prints the list
//   SMART_TASK_DATA_DIR=/tmp/st node examples/durable/index.mjs
//   DATABASE_URL=postgres://… node examples/durable/index.mjs
import { readFileSync } from 'node:fs';
import { createEngine } from '@smart-task/core';
import { createInMemoryDataPort } from '@smart-task/core/testing';
import { createRequestLifecycle, listRequestRows } from '@smart-task/core/lifecycle';
import { createAdvisoryRequestLock, createInProcessRequestLock, openJobQueue, openSmartTaskStore, startSmartTaskWorker, submitToWorkers } from '@smart-task/postgres';
import { catalogDocuments } from '@smart-task/rules';

const REQUESTS = Number(process.env.DEMO_REQUESTS ?? 12);
const dataDir = process.env.SMART_TASK_DATA_DIR ?? new URL('./.smart-task-data', import.meta.url).pathname;
const location = process.env.DATABASE_URL ? { connectionString: process.env.DATABASE_URL } : { dataDir };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const store = await openSmartTaskStore(location);
console.log(`Database: ${process.env.DATABASE_URL ? 'PostgreSQL server' : `embedded, in ${dataDir}`}`);

// The INPS archives (a fixture, answered in 50–200 ms) and back office. The back office keeps its
// idempotency ledger in a table of its own, so that an operation repeated after a restart has no second effect.
const fixture = JSON.parse(readFileSync(new URL('../quickstart/azienda-aurora.fixture.json', import.meta.url), 'utf8'));
const archives = createInMemoryDataPort(fixture);
const dataPort = { fetch: async (fact, params, context) => (await sleep(50 + Math.random() * 150), archives.fetch(fact, params, context)) };
await store.client.exec('CREATE TABLE IF NOT EXISTS demo_back_office_ledger (idempotency_key text PRIMARY KEY, action text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
const actionPort = {
  async perform(call) {
    await sleep(50 + Math.random() * 150);
    const { rowCount } = await store.client.query('INSERT INTO demo_back_office_ledger (idempotency_key, action) VALUES ($1, $2) ON CONFLICT DO NOTHING', [call.idempotencyKey, call.action]);
    return { status: rowCount === 1 ? 'PERFORMED' : 'ALREADY_PERFORMED' };
  },
};

const engine = createEngine({ catalog: catalogDocuments, dataPort, actionPort, clock: { now: () => new Date('2026-03-10T09:00:00+01:00') } });
const lifecycle = createRequestLifecycle({
  engine,
  repository: store.repository,
  outbox: store.outbox,
  recordEvaluation: store.auditStore.record,
  // Retries within seconds for the demo (the default waits a minute, then longer).
  retryPolicy: { maxAttempts: 5, baseDelayMs: 2_000, factor: 2, maxDelayMs: 10_000 },
  // The host's protocol register: here, the next number after those already filed.
  nextProtocollo: async () => `INPS.7000.2026.${String((await store.repository.list({ pageSize: 1 })).total + 1).padStart(4, '0')}`,
  notifications: { send: async (message) => console.log(`  ✉ ${message.channel} ${message.protocollo}: ${message.kind}`) },
});

const boss = await openJobQueue('pglite' in store ? { pglite: store.pglite } : location);
const lock = store.pool ? createAdvisoryRequestLock(store.pool) : createInProcessRequestLock();
const worker = await startSmartTaskWorker({ boss, lifecycle, repository: store.repository, lock, staleAfterMs: 5_000, sweepEverySeconds: 2, pollingIntervalSeconds: 0.5 });

const subject = { cf: 'RSSMRA80A01H501U', profilo: 'AZIENDA', soggettoCf: '12345670488', matricola: '1234567860' };
const submissions = [
  { taskId: 'revoca-delega-intermediario', data: { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' } },
  { taskId: 'revoca-delega-intermediario', data: { delegaId: 'DEL-002', dataEfficacia: '2025-01-01', motivo: 'CESSAZIONE_INCARICO' } },
  { taskId: 'variazione-indirizzo-pec-aziendale', data: { nuovaPec: 'direzione.aurora@pec.it' } },
];

const filed = (await store.repository.list({ pageSize: 1 })).total;
if (filed === 0) {
  console.log(`Filing ${REQUESTS} requests for the workers…`);
  for (let index = 0; index < REQUESTS; index += 1) {
    const { request } = await submitToWorkers(lifecycle, boss, { ...submissions[index % submissions.length], subject, notifications: { channel: 'PEC', address: 'aurora@pec.it' } });
    console.log(`filed ${request.protocollo} ${request.taskId}`);
  }
} else {
  console.log(`Started again: ${filed} requests on record, resuming what is pending.`);
}

const OPEN = ['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_RETRY_SCHEDULED'];
const pendingNotices = async () => Number((await store.client.query("SELECT count(*) AS n FROM smart_task_notification_outbox WHERE status = 'PENDING'")).rows[0].n);
for (let open = -1; ; await sleep(500)) {
  const now = (await store.repository.list({ states: OPEN, pageSize: 1 })).total;
  if (now !== open) console.log(`open: ${(open = now)}`);
  if (now === 0 && (await pendingNotices()) === 0) break;
}

console.log('\nLista Richieste');
const page = await listRequestRows(store.repository, { matricola: subject.matricola, pageSize: 50 });
for (const row of page.items) console.log(`${row.protocollo}  ${row.task.title.padEnd(40)} ${row.stateLabel.padEnd(12)} [${row.colorToken}]`);
const effects = Number((await store.client.query('SELECT count(*) AS n FROM demo_back_office_ledger')).rows[0].n);
console.log(`${page.total} requests, all final; ${effects} operations performed in the back office, each once.`);

await worker.stop();
await boss.stop({ graceful: true, close: false });
await store.close();
