import { describe, expect, it } from 'vitest';
import type { NotificationMessage, NotificationPort, OutboxEntry } from '../../src/entries/lifecycle.js';
import { createInMemoryNotificationOutbox } from '../../src/entries/lifecycle.js';
import { deliverNotices, type NoticeDelivery } from '../../src/notifications/deliver-notices.js';

const T0 = Date.parse('2026-03-10T08:00:00.000Z');
const TIMEOUT_MS = 1_000;
const POLICY = { maxAttempts: 3, baseDelayMs: 10_000, factor: 1, maxDelayMs: 10_000 };

const message: NotificationMessage = {
  id: 'INPS-2026-1#PROTOCOLLATA',
  kind: 'PROTOCOLLATA',
  channel: 'PEC',
  to: 'aurora@pec.it',
  locale: 'it',
  protocollo: 'INPS-2026-1',
  subject: 'Richiesta protocollata',
  body: 'La richiesta è stata protocollata.',
};

/**
 * A gateway that keeps what it accepted (a second copy of a notice is a second delivery: it drops
 * nothing by id) and, unless `lookup` is off, answers `wasSent` from that. `acceptThen` decides what
 * `send` does after accepting: answer, fail, or never answer (the caller's deadline runs out).
 */
function gateway(options: { lookup?: boolean; lookupFails?: boolean; acceptThen?: 'answer' | 'hang' } = {}) {
  const accepted: string[] = [];
  const lookups: string[] = [];
  const port: NotificationPort = {
    async send(sent) {
      accepted.push(sent.id);
      if (options.acceptThen === 'hang') await new Promise(() => undefined);
    },
    ...(options.lookup !== false && {
      async wasSent(id) {
        lookups.push(id);
        if (options.lookupFails) throw new Error('gateway status API: HTTP 503');
        return accepted.includes(id);
      },
    }),
  };
  return { port, accepted, lookups };
}

/** The outbox, a clock the test moves, and a delivery whose `update` can be made to never happen (the worker stops). */
function setup(port: NotificationPort) {
  const outbox = createInMemoryNotificationOutbox();
  let now = T0;
  let workerStops = false;
  const delivery: NoticeDelivery = {
    outbox: {
      add: (entries) => outbox.add(entries),
      claim: (claim) => outbox.claim(claim),
      update: (entry) => (workerStops ? Promise.reject(new Error('SIGKILL')) : outbox.update(entry)),
    },
    port,
    clock: { now: () => new Date(now) },
    timeoutMs: TIMEOUT_MS,
    retryPolicy: POLICY,
  };
  const queued: OutboxEntry = { id: message.id, message, status: 'PENDING', queuedAt: new Date(T0).toISOString(), attempts: 0, nextAttemptAt: new Date(T0).toISOString() };
  return {
    outbox,
    delivery,
    queue: () => outbox.add([queued]),
    /** One worker's round: claims what is due and tries it; with `stops`, the worker dies before storing the outcome. */
    async round(options: { stops?: boolean } = {}) {
      workerStops = options.stops ?? false;
      const result = await deliverNotices(delivery, { limit: 10 }).catch(() => 'stopped' as const);
      workerStops = false;
      return result;
    },
    /** Moves the clock past the lease and any retry delay. */
    later: () => (now += 2 * TIMEOUT_MS + POLICY.maxDelayMs + 1),
    stored: () => outbox.all()[0] as OutboxEntry,
  };
}

describe('a notice whose earlier attempt never reported back', () => {
  it('is not sent again when its worker stopped after the gateway accepted it: the gateway is asked first', async () => {
    const { port, accepted, lookups } = gateway();
    const run = setup(port);
    await run.queue();
    expect(await run.round({ stops: true })).toBe('stopped');
    expect(run.stored()).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(await run.round()).toEqual([]); // the stopped worker's lease holds it
    run.later();
    const [delivered] = (await run.round()) as OutboxEntry[];
    expect(delivered).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(run.stored()).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(accepted).toEqual([message.id]);
    expect(lookups).toEqual([message.id]);
  });

  it('is sent when its worker stopped before the gateway got it', async () => {
    const { port, accepted } = gateway();
    const run = setup(port);
    await run.queue();
    await run.delivery.outbox.claim({ now: new Date(T0).toISOString(), leaseUntil: new Date(T0 + 2 * TIMEOUT_MS).toISOString(), limit: 1 }); // claimed, then the worker stopped
    run.later();
    await run.round();
    expect(run.stored()).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(accepted).toEqual([message.id]);
  });

  it('is not sent again after an answer that missed the deadline, when the gateway had accepted it', async () => {
    const { port, accepted } = gateway({ acceptThen: 'hang' });
    const run = setup(port);
    await run.queue();
    await run.round();
    expect(run.stored()).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining(`${TIMEOUT_MS} ms`) });
    run.later();
    await run.round();
    expect(run.stored()).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(run.stored()).not.toHaveProperty('lastError');
    expect(accepted).toEqual([message.id]);
  });

  it('when the lookup fails nothing is sent: a failed attempt, retried later', async () => {
    const { port, accepted } = gateway({ lookupFails: true });
    const run = setup(port);
    await run.queue();
    await run.round({ stops: true });
    run.later();
    await run.round();
    expect(run.stored()).toMatchObject({ status: 'PENDING', attempts: 2, lastError: expect.stringContaining('HTTP 503') });
    expect(accepted).toEqual([message.id]);
  });

  it('a port without wasSent gets the notice again (at least once), with the same id to drop it by', async () => {
    const { port, accepted } = gateway({ lookup: false });
    const run = setup(port);
    await run.queue();
    await run.round({ stops: true });
    run.later();
    await run.round();
    expect(run.stored()).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(accepted).toEqual([message.id, message.id]);
  });

  it("past the policy's last attempt nothing more is sent: abandoned, unless the gateway has it", async () => {
    const { port, accepted } = gateway({ lookup: false });
    const run = setup(port);
    await run.queue();
    for (let attempt = 1; attempt <= POLICY.maxAttempts; attempt += 1) {
      await run.round({ stops: true });
      run.later();
    }
    await run.round();
    expect(run.stored()).toMatchObject({ status: 'ABANDONED', attempts: POLICY.maxAttempts + 1, lastError: expect.stringContaining('never reported back') });
    expect(accepted).toHaveLength(POLICY.maxAttempts);

    const found = gateway();
    const withLookup = setup(found.port);
    await withLookup.queue();
    for (let attempt = 1; attempt <= POLICY.maxAttempts; attempt += 1) {
      await withLookup.round({ stops: true });
      withLookup.later();
    }
    await withLookup.round();
    expect(withLookup.stored()).toMatchObject({ status: 'SENT', attempts: POLICY.maxAttempts + 1 });
    expect(found.accepted).toEqual([message.id]);
  });
});
