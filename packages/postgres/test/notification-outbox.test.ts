import { createInMemoryNotificationOutbox } from '@smart-task/core/lifecycle';
import type { NotificationMessage, NotificationOutbox, OutboxEntry } from '@smart-task/core/lifecycle';
import { expect, it } from 'vitest';
import { createPostgresNotificationOutbox } from '../src/index.js';
import { describeOnEachDatabase } from './support/test-databases.js';

const T0 = Date.parse('2026-03-10T08:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

function message(id: string, body = 'La richiesta è stata protocollata.'): NotificationMessage {
  return { id, kind: 'PROTOCOLLATA', channel: 'PEC', to: 'aurora@pec.it', locale: 'it', protocollo: id.split('#')[0] as string, subject: 'Richiesta protocollata', body };
}

/** A notice queued at `queuedSecond`, due at `dueSecond` (seconds after T0). */
function entry(id: string, queuedSecond: number, dueSecond = queuedSecond, body?: string): OutboxEntry {
  return { id, message: message(id, body), status: 'PENDING', queuedAt: at(queuedSecond), attempts: 0, nextAttemptAt: at(dueSecond) };
}

/** Adds, claims (by time, by id, with leases running out) and updates, keeping every answer. */
async function scenario(outbox: NotificationOutbox): Promise<unknown[]> {
  const answers: unknown[] = [];
  await outbox.add([entry('P-1#1', 0), entry('P-2#1', 1, 30), entry('P-3#1', 2, 5), entry('P-4#1', 3, 5)]);
  await outbox.add([entry('P-1#1', 9, 0, 'a second copy, with another text'), entry('P-5#1', 10, 2), entry('P-5#1', 11, 1, 'the same id twice in one call')]);
  answers.push(await outbox.claim({ now: at(10), leaseUntil: at(20), limit: 2 }));
  answers.push(await outbox.claim({ now: at(10), leaseUntil: at(20), limit: 10 }));
  answers.push(await outbox.claim({ now: at(10), leaseUntil: at(20), limit: 10 })); // all leased
  answers.push(await outbox.claim({ now: at(40), leaseUntil: at(50), limit: 10, ids: ['P-2#1', 'P-404#1'] }));
  const [sent, retried] = answers[0] as OutboxEntry[];
  await outbox.update({ ...(sent as OutboxEntry), status: 'SENT', attempts: 1, sentAt: at(11) });
  await outbox.update({ ...(retried as OutboxEntry), attempts: 1, nextAttemptAt: at(100), lastError: 'gateway: HTTP 503' });
  answers.push(await outbox.claim({ now: at(60), leaseUntil: at(70), limit: 10 })); // the leases of the 10-second claims ran out
  answers.push(await outbox.claim({ now: at(100), leaseUntil: at(110), limit: 10 }));
  answers.push(await outbox.claim({ now: at(200), leaseUntil: at(210), limit: 0 }));
  return answers;
}

/** Two claims of one entry (the first's lease ran out), the second's outcome stored, then the first's: what is claimed next. */
async function lateWorker(outbox: NotificationOutbox): Promise<OutboxEntry[]> {
  await outbox.add([entry('P-1#1', 0)]);
  const [late] = await outbox.claim({ now: at(1), leaseUntil: at(11), limit: 1 });
  const [next] = await outbox.claim({ now: at(11), leaseUntil: at(21), limit: 1 });
  await outbox.update({ ...(next as OutboxEntry), nextAttemptAt: at(40), lastError: 'gateway: HTTP 503' });
  await outbox.update({ ...(late as OutboxEntry), status: 'SENT', sentAt: at(25) }); // the first worker reports back after its lease ran out
  return outbox.claim({ now: at(40), leaseUntil: at(50), limit: 1 });
}

describeOnEachDatabase((database, kind) => {
  const outbox = () => createPostgresNotificationOutbox(database().client);

  it('adds, claims, leases and updates exactly as the in-memory outbox does', async () => {
    const answers = await scenario(outbox());
    expect(answers).toEqual(await scenario(createInMemoryNotificationOutbox()));
    expect((answers[0] as OutboxEntry[]).map((claimed) => claimed.id)).toEqual(['P-1#1', 'P-5#1']);
  });

  it('adding an entry twice keeps the first', async () => {
    const sql = outbox();
    await sql.add([entry('P-1#1', 0)]);
    await sql.add([{ ...entry('P-1#1', 5, 5, 'changed'), status: 'SENT', attempts: 3 }]);
    expect(await sql.claim({ now: at(10), leaseUntil: at(20), limit: 5 })).toEqual([{ ...entry('P-1#1', 0), attempts: 1, nextAttemptAt: at(20) }]);
  });

  it('an entry claimed is claimed again only once its lease has run out, as a new attempt', async () => {
    const sql = outbox();
    await sql.add([entry('P-1#1', 0)]);
    expect(await sql.claim({ now: at(1), leaseUntil: at(31), limit: 1 })).toHaveLength(1);
    expect(await sql.claim({ now: at(30), leaseUntil: at(60), limit: 1 })).toEqual([]);
    expect(await sql.claim({ now: at(31), leaseUntil: at(61), limit: 1 })).toEqual([{ ...entry('P-1#1', 0), attempts: 2, nextAttemptAt: at(61) }]);
  });

  it("a late worker's update is ignored once the entry was claimed again: the newer attempt's state stays", async () => {
    const expected = [{ ...entry('P-1#1', 0), attempts: 3, nextAttemptAt: at(50), lastError: 'gateway: HTTP 503' }];
    expect(await lateWorker(outbox())).toEqual(expected);
    expect(await lateWorker(createInMemoryNotificationOutbox())).toEqual(expected);
  });

  it('claims made at once by several clients (processes, on a server) never return the same entry', async () => {
    const ids = Array.from({ length: 120 }, (_, index) => `P-${String(index).padStart(3, '0')}#1`);
    await outbox().add(ids.map((id, index) => entry(id, index % 7)));
    const workers = [database().client, database().openClient(), database().openClient(), database().openClient()].map(createPostgresNotificationOutbox);
    const claimed: string[] = [];
    // Each worker claims in rounds until nothing is due; claims of the two run concurrently.
    await Promise.all(
      workers.map(async (worker) => {
        for (;;) {
          const entries = await worker.claim({ now: at(100), leaseUntil: at(1000), limit: 3 });
          if (entries.length === 0) return;
          claimed.push(...entries.map((found) => found.id));
        }
      }),
    );
    expect(claimed).toHaveLength(ids.length);
    expect(new Set(claimed)).toEqual(new Set(ids));
  });

  it.skipIf(kind === 'embedded')('a claim skips the entries another claim holds, without waiting for it (server only: PGlite runs one statement at a time)', async () => {
    await outbox().add([entry('P-1#1', 0), entry('P-2#1', 1), entry('P-3#1', 2)]);
    const other = database().openClient();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = (): void => undefined;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // Another worker's claim in flight: its transaction holds P-1 and P-2 until released.
    const inFlight = other.transaction(async (tx) => {
      await tx.query("SELECT id FROM smart_task_notification_outbox WHERE id IN ('P-1#1', 'P-2#1') FOR UPDATE");
      locked();
      await held;
    });
    await lockTaken;
    const timeout = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 20_000));
    const claimed = await Promise.race([outbox().claim({ now: at(10), leaseUntil: at(20), limit: 10 }), timeout]);
    release();
    await inFlight;
    expect(claimed).toEqual([{ ...entry('P-3#1', 2), attempts: 1, nextAttemptAt: at(20) }]);
  });
});
