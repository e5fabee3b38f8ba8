import { catalogDocuments } from '@smart-task/rules';
import { describe, expect, it } from 'vitest';
import { createEngine, loadCatalog, type ActionPort, type DataPort } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { createInMemoryNotificationOutbox, type NotificationMessage } from '../src/entries/lifecycle.js';
import { deliverNotices } from '../src/notifications/deliver-notices.js';
import { resolveRetryPolicy } from '../src/requests/retry-policy.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from './support/revoca.js';

const TIMEOUT_MS = 60;

const loaded = loadCatalog(catalogDocuments);
if (!loaded.ok) throw new Error('the catalog must load');
const memory = createInMemoryDataPort(revocaFixture());
const engine = createEngine({ catalog: loaded.value, dataPort: memory, actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, timeoutMs: TIMEOUT_MS });

/** Keeps the event loop busy for `ms` milliseconds, as a burst of other work on the process would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* the process is busy */
  }
}

/**
 * An answer that is ready at once but reaches the engine only after the deadline: the port schedules its
 * answer on a timer due before the engine's deadline timer, then the process stays busy past the
 * deadline, so both timers are due together and the answer's runs first.
 */
function lateAnswer<T>(answer: () => Promise<T>): Promise<T> {
  const late = new Promise<T>((resolve, reject) => {
    setTimeout(() => {
      answer().then(resolve, reject);
    }, 0);
  });
  busy(TIMEOUT_MS + 40);
  return late;
}

describe('an answer that arrives after the deadline is a timeout, whatever the timer did', () => {
  it('from the data port: PORT_TIMEOUT, no verdict', async () => {
    const dataPort: DataPort = { fetch: (fact, params, context) => (fact === 'abilitazioni' ? lateAnswer(() => memory.fetch(fact, params, context)) : memory.fetch(fact, params, context)) };
    const result = await engine.evaluate(TASK, { requestId: 'LATE-DATA', subject: azienda, data: revocaData }, { ports: { dataPort, actionPort: createInMemoryActionPort() } });
    expect(result.kind).toBe('technical-failure');
    if (result.kind !== 'technical-failure') return;
    expect(result.error.code).toBe('PORT_TIMEOUT');
    expect(result.retryable).toBe(true);
    expect(result.portCalls.find((call) => call.fact === 'abilitazioni')?.outcome).toBe('TIMEOUT');
  });

  it('from the action port: the confirmation counts as unconfirmed, the operation failed and may be retried', async () => {
    const actions = createInMemoryActionPort();
    const actionPort: ActionPort = { perform: (call, context) => lateAnswer(() => actions.perform(call, context)) };
    const result = await engine.evaluate(TASK, { requestId: 'LATE-ACTION', subject: azienda, data: revocaData }, { ports: { dataPort: memory, actionPort } });
    expect(result.kind).toBe('technical-failure');
    if (result.kind !== 'technical-failure') return;
    expect(result.error.code).toBe('OPERATION_FAILED');
    expect(result.error.message).toContain(`within ${TIMEOUT_MS} ms`);
    expect(result.retryable).toBe(true);
    expect(result.decision?.verdict).toBe('ACCOLTA');
    expect(result.operations).toEqual([]);
  });

  it('from the notification port: the notice stays pending for a retry', async () => {
    const outbox = createInMemoryNotificationOutbox();
    const message: NotificationMessage = { id: 'P-1#1', kind: 'PROTOCOLLATA', channel: 'EMAIL', to: 'a@b.it', locale: 'it', protocollo: 'P-1', subject: 's', body: 'b' };
    await outbox.add([{ id: message.id, message, status: 'PENDING', queuedAt: NOW.toISOString(), attempts: 0, nextAttemptAt: NOW.toISOString() }]);
    const [entry] = await deliverNotices({ outbox, port: { send: () => lateAnswer(async () => undefined) }, clock: { now: () => NOW }, timeoutMs: TIMEOUT_MS, retryPolicy: resolveRetryPolicy() }, { limit: 10 });
    expect(entry?.status).toBe('PENDING');
    expect(entry?.lastError).toContain(`${TIMEOUT_MS} ms`);
  });

  it('an answer in time is still accepted', async () => {
    const result = await engine.evaluate(TASK, { requestId: 'IN-TIME', subject: azienda, data: revocaData });
    expect(result.kind).toBe('decision');
  });
});

/** A data port whose `abilitazioni` never answers (and ignores its signal); the rest from memory. */
const hangingOn = (fact: string): DataPort => ({ fetch: (asked, params, context) => (asked === fact ? new Promise<never>(() => undefined) : memory.fetch(asked, params, context)) });

describe('the deadline timer every evaluation shares', () => {
  it('times a call out on time when another evaluation, with a later deadline, armed the timer first', async () => {
    const patient = createEngine({ catalog: loaded.value, dataPort: hangingOn('abilitazioni'), actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, timeoutMs: 600_000 });
    const hurried = createEngine({ catalog: loaded.value, dataPort: hangingOn('abilitazioni'), actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, timeoutMs: TIMEOUT_MS });
    const cancel = new AbortController();
    const waiting = patient.evaluate(TASK, { requestId: 'PATIENT', subject: azienda, data: revocaData }, { signal: cancel.signal });
    const started = performance.now();
    const result = await hurried.evaluate(TASK, { requestId: 'HURRIED', subject: azienda, data: revocaData });
    expect(result.kind === 'technical-failure' && result.error.code).toBe('PORT_TIMEOUT');
    // Far from the patient evaluation's ten minutes: its deadline did not hold the shared timer back.
    expect(performance.now() - started).toBeLessThan(60_000);
    cancel.abort();
    const cancelled = await waiting;
    expect(cancelled.kind === 'technical-failure' && cancelled.error.code).toBe('ABORTED');
  });

  it('times out calls of evaluations run one after another, each on its own deadline', async () => {
    const hurried = createEngine({ catalog: loaded.value, dataPort: hangingOn('abilitazioni'), actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, timeoutMs: TIMEOUT_MS });
    for (let round = 0; round < 3; round += 1) {
      await engine.evaluate(TASK, { requestId: `QUICK-${round}`, subject: azienda, data: revocaData });
      const result = await hurried.evaluate(TASK, { requestId: `HANGS-${round}`, subject: azienda, data: revocaData });
      expect(result.kind === 'technical-failure' && result.error.code).toBe('PORT_TIMEOUT');
    }
  });

  it('is not left armed once no call is pending: it never keeps a process alive on its own', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    for (let round = 0; round < 20; round += 1) await engine.evaluate(TASK, { requestId: `IDLE-${round}`, subject: azienda, data: revocaData });
    expect(timers()).toBe(before + 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers()).toBe(before);
  });
});
