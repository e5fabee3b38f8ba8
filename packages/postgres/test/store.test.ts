import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortError } from '@smart-task/core';
import { createInMemoryActionPort, createInMemoryDataPort } from '@smart-task/core/testing';
import { createRequestLifecycle } from '@smart-task/core/lifecycle';
import type { DataPort } from '@smart-task/core';
import type { LifecycleRequest, NotificationMessage, NotificationPort } from '@smart-task/core/lifecycle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSmartTaskStore, type DatabaseLocation, type SmartTaskStore } from '../src/index.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from '../../core/test/support/revoca.js';
import { engineFor } from '../../core/test/support/shared-engine.js';
import { TEST_DATABASE_KINDS, createTestDatabase, type TestDatabase } from './support/test-databases.js';

const PEC = { channel: 'PEC', address: 'aurora@pec.it' } as const;

/** The host's protocol register, shared by the hosts of a test (also across a restart). */
function protocolRegister(): () => string {
  let issued = 0;
  return () => `INPS.7000.2026.${String((issued += 1)).padStart(4, '0')}`;
}

/** A host on `store`: the bundled catalog's engine over the revoca fixture, a clock the test moves, and a PEC gateway. */
function hostOn(store: SmartTaskStore, clock: { now: () => Date }, send: NotificationPort['send'], nextProtocollo: () => string) {
  const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock });
  return createRequestLifecycle({
    engine,
    clock,
    repository: store.repository,
    outbox: store.outbox,
    recordEvaluation: store.auditStore.record,
    notifications: { send },
    nextProtocollo,
  });
}

interface OutboxRow {
  readonly id: string;
  readonly status: string;
  readonly attempts: number;
  readonly last_error: string | null;
}

const outboxOf = async (store: SmartTaskStore, protocollo: string) => (await store.client.query<OutboxRow>('SELECT id, status, attempts, last_error FROM smart_task_notification_outbox WHERE protocollo = $1 ORDER BY seq', [protocollo])).rows;

for (const kind of TEST_DATABASE_KINDS) {
  describe.skipIf(kind.skipped)(kind.kind === 'embedded' ? 'the store on PGlite, kept in a directory' : kind.label, () => {
    let location: DatabaseLocation;
    let dispose: () => Promise<void> = async () => undefined;
    beforeAll(async () => {
      if (kind.kind === 'embedded') {
        const dataDir = mkdtempSync(join(tmpdir(), 'smart-task-store-'));
        location = { dataDir };
        dispose = async () => rmSync(dataDir, { recursive: true, force: true });
      } else {
        const database: TestDatabase = await createTestDatabase('server');
        location = database.location as DatabaseLocation;
        dispose = () => database.dispose();
      }
    });
    afterAll(async () => dispose());

    it('keeps what a lifecycle did across a restart: the request, its audit record and its notices', async () => {
      let now = NOW.getTime();
      const clock = { now: () => new Date(now) };
      const sent: NotificationMessage[] = [];
      const register = protocolRegister();
      // The PEC gateway is down when the outcome is announced: that notice stays in the outbox.
      const flakyGateway: NotificationPort['send'] = async (message) => {
        if (message.kind === 'ESITO_DISPONIBILE') throw new Error('PEC gateway: HTTP 503');
        sent.push(message);
      };

      const first = await openSmartTaskStore(location);
      const accepted = await hostOn(first, clock, flakyGateway, register).submit({ taskId: TASK, subject: azienda, data: revocaData, notifications: PEC });
      now += 60_000;
      const rejected = await hostOn(first, clock, async (message) => void sent.push(message), register).submit({ taskId: TASK, subject: azienda, data: { ...revocaData, delegaId: 'DEL-002', dataEfficacia: '2025-01-01' } });
      expect(accepted.request).toMatchObject({ protocollo: 'INPS.7000.2026.0001', state: 'ACCOLTA', version: 6 });
      expect(rejected.request).toMatchObject({ state: 'NON_ACCOLTA' });
      await first.close();

      const reopened = await openSmartTaskStore(location);
      try {
        const protocollo = accepted.request.protocollo;
        expect(await reopened.repository.get(protocollo)).toEqual(accepted.request);
        expect((await reopened.repository.list({ matricola: azienda.matricola })).items.map((request) => request.state)).toEqual(['NON_ACCOLTA', 'ACCOLTA']);

        const audit = await reopened.auditStore.listFor(protocollo);
        expect(audit).toHaveLength(1);
        const outcome = accepted.request.outcome as Extract<LifecycleRequest['outcome'], { decidedBy: 'istruttoria' }>;
        expect(audit[0]).toMatchObject({ id: outcome.auditRecordId, protocollo, attempt: 1, record: { requestId: protocollo, taskId: TASK, outcome: { kind: 'decision', verdict: 'ACCOLTA' } } });
        expect(await reopened.auditStore.get(outcome.auditRecordId as string)).toEqual(audit[0]);

        expect(await outboxOf(reopened, protocollo)).toEqual([
          { id: `${protocollo}#0`, status: 'SENT', attempts: 1, last_error: null },
          { id: expect.stringMatching(/^INPS\.7000\.2026\.0001#\d+$/), status: 'PENDING', attempts: 1, last_error: expect.stringContaining('PEC gateway: HTTP 503') },
        ]);

        // After the restart, the next delivery round sends the notice the failed attempt left.
        now += 3_600_000;
        const delivered = await hostOn(reopened, clock, async (message) => void sent.push(message), register).deliverDueNotices();
        expect(delivered.map((entry) => [entry.message.kind, entry.status])).toEqual([['ESITO_DISPONIBILE', 'SENT']]);
        expect((await outboxOf(reopened, protocollo)).map((row) => row.status)).toEqual(['SENT', 'SENT']);
        expect(sent.map((message) => `${message.protocollo} ${message.kind}`)).toEqual(['INPS.7000.2026.0001 PROTOCOLLATA', 'INPS.7000.2026.0001 ESITO_DISPONIBILE']);
      } finally {
        await reopened.close();
      }
    });

    it('keeps every evaluation of a request in its audit records, oldest first; an unknown id has none', async () => {
      const store = await openSmartTaskStore(location);
      try {
        const clock = { now: () => NOW };
        const down: DataPort = { fetch: async (fact) => Promise.reject(new PortError(`${fact}: HTTP 503`, 'UNAVAILABLE', true)) };
        const engine = engineFor({ dataPort: down, actionPort: createInMemoryActionPort(), clock });
        const request = { protocollo: 'INPS.7000.2026.0777', attempts: 1 } as LifecycleRequest;
        const failure = await engine.decide(TASK, { requestId: request.protocollo, subject: azienda, data: revocaData, submittedAt: NOW.toISOString() });
        expect(failure.kind).toBe('technical-failure');
        const ids = [await store.auditStore.record(failure, request), await store.auditStore.record(failure, { ...request, attempts: 2 })];
        expect(new Set(ids).size).toBe(2);
        const records = await store.auditStore.listFor(request.protocollo);
        expect(records.map((record) => [record.id, record.attempt, record.record.outcome.kind])).toEqual([
          [ids[0], 1, failure.kind],
          [ids[1], 2, failure.kind],
        ]);
        expect(Object.isFrozen(records[0]?.record.outcome)).toBe(true);
        expect(await store.auditStore.get('no-such-record')).toBeUndefined();
        expect(await store.auditStore.listFor('INPS.7000.2026.9999')).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('refuses an unknown time zone before opening anything', async () => {
      await expect(openSmartTaskStore(location, { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ issues: [{ code: 'INVALID_STORE_OPTION', pointer: '/timeZone' }] });
    });

    it.skipIf(kind.kind === 'embedded')('with migrate: false, refuses a database that is not migrated (embedded: see checkSchema in migrations.test.ts)', async () => {
      const empty = await createTestDatabase('server');
      try {
        await expect(openSmartTaskStore(empty.location as DatabaseLocation, { migrate: false })).rejects.toMatchObject({ issues: [{ code: 'DATABASE_NOT_MIGRATED' }] });
      } finally {
        await empty.dispose();
      }
    });
  });
}
