import { catalogDocuments } from '@smart-task/rules';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import { PortError, createEngine, loadCatalog, type ActionPort, type DataPort, type EvaluationResult } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { createInMemoryNotificationOutbox, type NotificationMessage } from '../src/entries/lifecycle.js';
import { deliverNotices } from '../src/notifications/deliver-notices.js';
import { resolveRetryPolicy } from '../src/requests/retry-policy.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from './support/revoca.js';

/** A second copy of the port module, as a host that bundles its own copy of the library (or the other module format) has. */
const otherCopy = (await import(/* @vite-ignore */ `../src/port.js?copy=${Date.now()}`)) as typeof import('../src/port.js');

const loaded = loadCatalog(catalogDocuments);
if (!loaded.ok) throw new Error('the catalog must load');
const memory = createInMemoryDataPort(revocaFixture());
const engine = createEngine({ catalog: loaded.value, dataPort: memory, actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, timeoutMs: 1000 });

const throwingProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('trap');
      },
      getPrototypeOf() {
        throw new Error('trap');
      },
      has() {
        throw new Error('trap');
      },
    },
  );
const throwingGetters = () =>
  Object.create(Error.prototype, {
    message: {
      get() {
        throw new Error('getter');
      },
    },
    code: {
      get() {
        throw new Error('getter');
      },
    },
    toString: {
      value() {
        throw new Error('toString');
      },
    },
  }) as object;

const failingData = (rejection: () => unknown): DataPort => ({
  fetch: (fact, params, context) => (fact === 'abilitazioni' ? Promise.reject(rejection()) : memory.fetch(fact, params, context)),
});
const evaluateWith = (dataPort: DataPort, actionPort: ActionPort = createInMemoryActionPort()) => engine.evaluate(TASK, { requestId: 'PORT-ERR', subject: azienda, data: revocaData }, { ports: { dataPort, actionPort } });
const failure = (result: EvaluationResult) => {
  if (result.kind !== 'technical-failure') throw new Error(`expected a technical failure, got ${result.verdict}`);
  return result;
};

describe('PortError across copies of the library', () => {
  it('the other copy really is another class', () => {
    expect(new otherCopy.PortError('x') instanceof PortError).toBe(false);
  });

  it('isPortError recognises a PortError of any copy, and nothing else', () => {
    expect(core.isPortError(new PortError('x'))).toBe(true);
    expect(core.isPortError(new otherCopy.PortError('x', 'UNAVAILABLE', false))).toBe(true);
    expect(core.isPortError(Object.assign(new Error('x'), { name: 'PortError', code: 'UNAVAILABLE', retryable: false }))).toBe(false);
    expect(core.isPortError(null)).toBe(false);
    expect(core.isPortError('PortError')).toBe(false);
    expect(core.isPortError(throwingProxy())).toBe(false);
  });

  it("a data port's PortError from another copy keeps its code and retryability", async () => {
    const result = failure(await evaluateWith(failingData(() => new otherCopy.PortError('down', 'UNAVAILABLE', false))));
    expect(result.error.code).toBe('PORT_UNAVAILABLE');
    expect(result.retryable).toBe(false);
    expect(result.error.message).toContain('down');
  });

  it("an action port's PortError from another copy keeps its retryability", async () => {
    const actionPort: ActionPort = { perform: () => Promise.reject(new otherCopy.PortError('refused', 'ERROR', false)) };
    const result = failure(await evaluateWith(memory, actionPort));
    expect(result.error.code).toBe('OPERATION_FAILED');
    expect(result.retryable).toBe(false);
  });

  it('a PortError whose code or retryable is not one the library knows is a retryable PORT_ERROR', async () => {
    const odd = Object.assign(new otherCopy.PortError('odd'), { code: 'SOMETHING_ELSE', retryable: 'no' });
    const result = failure(await evaluateWith(failingData(() => odd)));
    expect(result.error.code).toBe('PORT_ERROR');
    expect(result.retryable).toBe(true);
  });
});

describe('a rejection that cannot be read is a port failure, never a rule error or a throw', () => {
  it.each([
    ['a Proxy whose traps throw', throwingProxy],
    ['an object whose message and code getters throw', throwingGetters],
  ])('from the data port: %s', async (_name, rejection) => {
    const result = failure(await evaluateWith(failingData(rejection)));
    expect(result.error.code).toBe('PORT_ERROR');
    expect(result.retryable).toBe(true);
    expect(result.error.fact).toBe('abilitazioni');
  });

  it.each([
    ['a Proxy whose traps throw', throwingProxy],
    ['an object whose message and code getters throw', throwingGetters],
  ])('from the action port: %s', async (_name, rejection) => {
    const result = failure(await evaluateWith(memory, { perform: () => Promise.reject(rejection()) }));
    expect(result.error.code).toBe('OPERATION_FAILED');
    expect(result.retryable).toBe(true);
  });

  it('from the data port while composing a form: unavailable, not a throw', async () => {
    const form = await createEngine({ catalog: loaded.value, dataPort: failingData(throwingProxy), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } }).composeForm(TASK, azienda);
    expect(form.status).toBe('unavailable');
    if (form.status === 'unavailable') expect(form.error.code).toBe('PORT_ERROR');
  });

  it('from the notification port: the notice stays pending', async () => {
    const outbox = createInMemoryNotificationOutbox();
    const message: NotificationMessage = { id: 'P-1#1', kind: 'PROTOCOLLATA', channel: 'EMAIL', to: 'a@b.it', locale: 'it', protocollo: 'P-1', subject: 's', body: 'b' };
    await outbox.add([{ id: message.id, message, status: 'PENDING', queuedAt: NOW.toISOString(), attempts: 0, nextAttemptAt: NOW.toISOString() }]);
    const [entry] = await deliverNotices({ outbox, port: { send: () => Promise.reject(throwingProxy()) }, clock: { now: () => NOW }, timeoutMs: 1000, retryPolicy: resolveRetryPolicy() }, { limit: 10 });
    expect(entry?.status).toBe('PENDING');
    expect(typeof entry?.lastError).toBe('string');
  });
});
