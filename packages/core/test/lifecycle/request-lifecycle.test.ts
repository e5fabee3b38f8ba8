import { describe, expect, it } from 'vitest';
import type { ActionPort, DataPort, EvaluationResult } from '../../src/index.js';
import type { NotificationMessage, RetryPolicy } from '../../src/entries/lifecycle.js';
import { PortError, SmartTaskError } from '../../src/index.js';
import { applyEvent, createInMemoryNotificationOutbox, createInMemoryRequestRepository, createRequestLifecycle, openRequest } from '../../src/entries/lifecycle.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../../src/entries/testing.js';
import { submitEvent } from './support.js';
import { AZIENDA_CF, NOW, TASK, azienda, revocaData, revocaFixture } from '../support/revoca.js';
import { engineFor } from '../support/shared-engine.js';

const FAST_RETRIES: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, factor: 2, maxDelayMs: 10_000 };

/** A host: engine over the revoca fixture, a data port that can be switched off, a clock the test moves. */
function host(options: { retryPolicy?: RetryPolicy; recordEvaluation?: (result: EvaluationResult) => string } = {}) {
  let now = NOW.getTime();
  const clock = { now: () => new Date(now) };
  const inMemory = createInMemoryDataPort(revocaFixture());
  const port = { down: false };
  const dataPort: DataPort = {
    async fetch(fact, params, context) {
      if (port.down) throw new PortError(`${fact}: service unavailable (HTTP 503)`, 'UNAVAILABLE', true);
      return inMemory.fetch(fact, params, context);
    },
  };
  const actionPort = createInMemoryActionPort();
  const engine = engineFor({ dataPort, actionPort, clock });
  const repository = createInMemoryRequestRepository();
  const sent: NotificationMessage[] = [];
  const protocolli: string[] = [];
  const lifecycle = createRequestLifecycle({
    engine,
    repository,
    clock,
    retryPolicy: options.retryPolicy ?? FAST_RETRIES,
    nextProtocollo: ({ taskId }) => {
      const protocollo = `INPS.7000.2026.${String(protocolli.length + 1).padStart(4, '0')}`;
      protocolli.push(`${protocollo} ${taskId}`);
      return protocollo;
    },
    notifications: { send: async (message) => void sent.push(message) },
    ...(options.recordEvaluation && { recordEvaluation: options.recordEvaluation }),
  });
  return { lifecycle, repository, actionPort, port, sent, protocolli, advance: (ms: number) => (now += ms) };
}

const pec = { channel: 'PEC', address: 'aurora@pec.it' } as const;
const kinds = (messages: readonly NotificationMessage[]) => messages.map((message) => message.kind);

describe('the request lifecycle orchestrator', () => {
  it('accepted: protocol, istruttoria, ACCOLTA, operations performed, two notices', async () => {
    const { lifecycle, repository, actionPort, sent } = host();
    const step = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData, notifications: pec });
    expect(step.request).toMatchObject({ protocollo: 'INPS.7000.2026.0001', state: 'ACCOLTA', attempts: 1, version: 6, submittedAt: NOW.toISOString(), outcome: { verdict: 'ACCOLTA', decidedBy: 'istruttoria', reasons: [] } });
    // The decision is saved before the first operation, then each operation as the action port confirms it.
    expect(step.request.history.map((entry) => `${entry.event.type}→${entry.to}`)).toEqual([
      'SUBMIT→SUBMITTED',
      'START_ISTRUTTORIA→IN_ISTRUTTORIA',
      'RECORD_DECISION→OPERATIONS_IN_PROGRESS',
      'RECORD_OPERATION→OPERATIONS_IN_PROGRESS',
      'RECORD_OPERATION→OPERATIONS_IN_PROGRESS',
      'RECORD_OPERATION→ACCOLTA',
    ]);
    expect(step.request.operations).toEqual(step.result?.operations);
    expect(step.result).toMatchObject({ kind: 'decision', verdict: 'ACCOLTA', requestId: 'INPS.7000.2026.0001' });
    const keys = actionPort.performed.map((call) => call.idempotencyKey);
    expect(keys).toContain('INPS.7000.2026.0001:revoca-delega');
    expect(keys).toEqual(step.result?.operations.map((operation) => operation.idempotencyKey));
    expect(kinds(step.notifications)).toEqual(['PROTOCOLLATA', 'ESITO_DISPONIBILE']);
    expect(sent).toEqual(step.notifications);
    expect(await repository.get('INPS.7000.2026.0001')).toBe(step.request);
  });

  it('rejected: NON_ACCOLTA with every reason, a contributor message and a data-free summary each', async () => {
    const { lifecycle } = host();
    const step = await lifecycle.submit({ taskId: TASK, subject: azienda, data: { ...revocaData, delegaId: 'DEL-002', dataEfficacia: '2025-01-01' }, notifications: pec });
    expect(step.request.state).toBe('NON_ACCOLTA');
    const outcome = step.request.outcome;
    if (outcome?.decidedBy !== 'istruttoria') throw new Error('expected a decision of the istruttoria');
    expect(outcome.reasons.map((reason) => reason.code)).toEqual(['NA-DELEGA-NON-ATTIVA', 'NA-DATA-NON-AMMESSA']);
    expect(outcome.reasons[1]?.message.it).toContain('10/01/2022'); // the start of the delega, from the archives: shown in the Cassetto
    expect(outcome.reasons[1]?.summary.it).toBe('La data di efficacia 01/01/2025 non è ammessa.');
    expect(outcome.reasons[0]?.summary.en).toBe('Delega DEL-002 cannot be revoked with this request.');
    expect(step.notifications[1]?.body).toContain('- La data di efficacia 01/01/2025 non è ammessa.');
  });

  it('failure → retry → success: the retry runs when due, with the same protocollo and submission time', async () => {
    const { lifecycle, port, actionPort, advance, sent } = host();
    port.down = true;
    const failed = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData, notifications: pec });
    expect(failed.request).toMatchObject({ state: 'RETRY_SCHEDULED', attempts: 1, retry: { attempt: 2, nextAttemptAt: new Date(NOW.getTime() + 1_000).toISOString() }, lastFailure: { code: 'PORT_UNAVAILABLE', retryable: true } });
    expect(failed.result).toMatchObject({ kind: 'technical-failure' });
    expect(kinds(failed.notifications)).toEqual(['PROTOCOLLATA']);

    port.down = false;
    advance(999);
    expect(await lifecycle.runDueRetries()).toEqual([]);
    advance(1);
    const [retried, ...others] = await lifecycle.runDueRetries();
    expect(others).toEqual([]);
    expect(retried?.request).toMatchObject({ protocollo: 'INPS.7000.2026.0001', state: 'ACCOLTA', attempts: 2, submittedAt: NOW.toISOString() });
    expect(retried?.result).toMatchObject({ kind: 'decision', submittedAt: NOW.toISOString() });
    expect(retried?.request.history.map((entry) => entry.to)).toEqual(['SUBMITTED', 'IN_ISTRUTTORIA', 'RETRY_SCHEDULED', 'IN_ISTRUTTORIA', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_IN_PROGRESS', 'OPERATIONS_IN_PROGRESS', 'ACCOLTA']);
    const keys = actionPort.performed.map((call) => call.idempotencyKey);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length); // each operation performed once, on the successful attempt
    expect(kinds(sent)).toEqual(['PROTOCOLLATA', 'ESITO_DISPONIBILE']);
  });

  it('failure × N → IN_CARICO_SEDE → closed by an operator, with a notice at each step the requester cares about', async () => {
    const { lifecycle, port, advance, sent } = host();
    port.down = true;
    let step = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData, notifications: { channel: 'SMS', address: '+393331234567' } });
    for (const wait of [1_000, 2_000]) {
      expect(step.request.state).toBe('RETRY_SCHEDULED');
      advance(wait);
      const due = await lifecycle.runDueRetries();
      expect(due).toHaveLength(1);
      step = due[0] as typeof step;
    }
    expect(step.request).toMatchObject({ state: 'IN_CARICO_SEDE', attempts: 3 });
    expect(kinds(sent)).toEqual(['PROTOCOLLATA', 'PRESA_IN_CARICO_SEDE']);
    advance(60_000);
    expect(await lifecycle.runDueRetries()).toEqual([]);

    const closed = await lifecycle.closeByOperator(step.request.protocollo, { operatorId: 'OP-7000-12', verdict: 'ACCOLTA', motivazione: 'Delega revocata manualmente dalla Sede.' });
    expect(closed.request).toMatchObject({ state: 'ACCOLTA', outcome: { decidedBy: 'operator', operatorId: 'OP-7000-12', motivazione: 'Delega revocata manualmente dalla Sede.' } });
    expect(closed.request.history.map((entry) => entry.event.type)).toEqual([
      'SUBMIT',
      'START_ISTRUTTORIA',
      'RECORD_TECHNICAL_FAILURE',
      'START_ISTRUTTORIA',
      'RECORD_TECHNICAL_FAILURE',
      'START_ISTRUTTORIA',
      'RECORD_TECHNICAL_FAILURE',
      'CLOSE_BY_OPERATOR',
    ]);
    expect(kinds(closed.notifications)).toEqual(['CHIUSA_DA_OPERATORE']);
    expect(closed.notifications[0]?.body).toBe('INPS Smart-Task INPS.7000.2026.0001 (Revoca delega intermediario): Accolta. Delega revocata manualmente dalla Sede. Dettagli nel Cassetto.');
  });

  it("deferred: submit only protocols and saves SUBMITTED; the worker's runIstruttoria decides and performs", async () => {
    const { lifecycle, repository, actionPort, sent } = host();
    const filed = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData, notifications: pec }, { istruttoria: 'deferred' });
    expect(filed.request).toMatchObject({ state: 'SUBMITTED', attempts: 0, version: 1 });
    expect(filed.result).toBeUndefined();
    expect(actionPort.performed).toEqual([]);
    expect(kinds(sent)).toEqual(['PROTOCOLLATA']);
    const decided = await lifecycle.runIstruttoria(filed.request.protocollo);
    expect(decided.request).toMatchObject({ state: 'ACCOLTA', attempts: 1 });
    expect(await repository.get(filed.request.protocollo)).toBe(decided.request);
    expect(kinds(sent)).toEqual(['PROTOCOLLATA', 'ESITO_DISPONIBILE']);
    await expect(lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData }, { istruttoria: 'later' as never })).rejects.toMatchObject({ issues: [{ code: 'INVALID_LIFECYCLE_OPTION', pointer: '/istruttoria' }] });
  });

  it('refuses invalid data before giving a protocol number', async () => {
    const { lifecycle, repository, protocolli } = host();
    const error = await lifecycle.submit({ taskId: TASK, subject: azienda, data: { ...revocaData, dataEfficacia: '2026-02-30' } }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SmartTaskError);
    expect((error as SmartTaskError).issues[0]).toMatchObject({ code: 'INVALID_REQUEST', pointer: '/data/dataEfficacia' });
    expect(protocolli).toEqual([]);
    expect(repository.all()).toEqual([]);
  });

  it('two workers running the due retries at once evaluate each request once', async () => {
    const { lifecycle, repository, port, advance } = host();
    port.down = true;
    await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    port.down = false;
    advance(1_000);
    const [first, second] = await Promise.all([lifecycle.runDueRetries(), lifecycle.runDueRetries()]);
    expect([...first, ...second].map((step) => step.request.state)).toEqual(['ACCOLTA']);
    const stored = await repository.get('INPS.7000.2026.0001');
    expect(stored?.history.filter((entry) => entry.event.type === 'START_ISTRUTTORIA')).toHaveLength(2);
  });

  it('skips a due retry that another worker ran and rescheduled after this worker listed it', async () => {
    const { lifecycle, repository, port, advance } = host();
    port.down = true;
    await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    advance(1_000);
    // This worker lists the due retry; before it starts it, another worker runs it: it fails again and waits for attempt 3.
    const list = repository.list.bind(repository);
    let raced = false;
    repository.list = async (query) => {
      const page = await list(query);
      if (!raced) {
        raced = true;
        expect(await lifecycle.runDueRetries()).toHaveLength(1);
      }
      return page;
    };
    expect(await lifecycle.runDueRetries()).toEqual([]);
    const stored = await repository.get('INPS.7000.2026.0001');
    expect(stored).toMatchObject({ state: 'RETRY_SCHEDULED', attempts: 2, retry: { attempt: 3 } });
  });

  it("records the outcome even when the clock steps back during the attempt (NTP, another worker's clock)", async () => {
    const times = [0, 10, 5].map((ms) => new Date(NOW.getTime() + ms));
    const clock = { now: () => times.shift() ?? new Date(NOW.getTime() + 5) };
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const repository = createInMemoryRequestRepository();
    const lifecycle = createRequestLifecycle({ engine, repository, clock, nextProtocollo: () => 'P-1' });
    const step = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    expect(step.request.state).toBe('ACCOLTA');
    const times2 = step.request.history.map((entry) => Date.parse(entry.event.at));
    expect(times2).toEqual([...times2].sort((a, b) => a - b));
    expect(step.request.updatedAt).toBe(new Date(NOW.getTime() + 10).toISOString());
  });

  it('keeps the id of the stored evaluation; when storing it fails, nothing is performed and the retry decides', async () => {
    let failStore = true;
    const { lifecycle, actionPort, advance } = host({
      recordEvaluation: (result) => {
        if (failStore) throw new Error('audit store offline');
        return `audit:${result.requestId}`;
      },
    });
    const failed = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    expect(failed.result).toMatchObject({ kind: 'decision', verdict: 'ACCOLTA', operations: [] });
    expect(failed.request).toMatchObject({ state: 'RETRY_SCHEDULED', lastFailure: { code: 'AUDIT_RECORD_FAILED', message: 'The evaluation could not be stored: audit store offline' }, operations: [] });
    expect(failed.request.outcome).toBeUndefined();
    expect(actionPort.calls).toEqual([]);
    failStore = false;
    advance(1_000);
    const [retried] = await lifecycle.runDueRetries();
    expect(retried?.request).toMatchObject({ state: 'ACCOLTA', outcome: { verdict: 'ACCOLTA', auditRecordId: 'audit:INPS.7000.2026.0001' } });
    expect(retried?.result?.operations.map((operation) => operation.status)).toEqual(['PERFORMED', 'PERFORMED', 'PERFORMED']);
    expect(actionPort.performed).toHaveLength(3);
  });

  it('lets the requester withdraw a request waiting for a retry, and tells them', async () => {
    const { lifecycle, port, advance, sent } = host();
    port.down = true;
    const { request } = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData, notifications: { channel: 'EMAIL', address: 'rossi@example.it', locale: 'en' } });
    const withdrawn = await lifecycle.withdraw(request.protocollo, { cf: AZIENDA_CF, motivo: 'Presentata per errore' });
    expect(withdrawn.request.state).toBe('RITIRATA');
    advance(10_000);
    expect(await lifecycle.runDueRetries()).toEqual([]);
    expect(sent.map((message) => `${message.kind} ${message.locale} ${message.subject}`)).toEqual(['PROTOCOLLATA en Smart-Task INPS.7000.2026.0001: request received', 'RITIRATA en Smart-Task INPS.7000.2026.0001: request withdrawn']);
  });

  it('an operation that took effect unconfirmed is resumed, not decided again, and the request cannot be withdrawn meanwhile', async () => {
    const inner = createInMemoryActionPort();
    // The gateway acts, then its answer is lost once: the attempt stops on the first operation, which did take effect.
    let lose = 1;
    const actionPort: ActionPort = {
      perform: async (call, context) => {
        const outcome = await inner.perform(call, context);
        if (lose-- > 0) throw new PortError('gateway timeout (HTTP 504)', 'TIMEOUT', true);
        return outcome;
      },
    };
    let now = NOW.getTime();
    const clock = { now: () => new Date(now) };
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort, clock });
    const lifecycle = createRequestLifecycle({ engine, repository: createInMemoryRequestRepository(), clock, retryPolicy: FAST_RETRIES, nextProtocollo: () => 'P-1' });
    const failed = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    expect(failed.request).toMatchObject({ state: 'OPERATIONS_RETRY_SCHEDULED', outcome: { verdict: 'ACCOLTA' }, operations: [], lastFailure: { code: 'OPERATION_FAILED' } });
    expect(failed.result).toMatchObject({ kind: 'technical-failure', operations: [], decision: { verdict: 'ACCOLTA' } });
    expect(inner.performed).toHaveLength(1);
    await expect(lifecycle.withdraw('P-1', { cf: AZIENDA_CF })).rejects.toThrow('Request P-1 is OPERATIONS_RETRY_SCHEDULED: event WITHDRAW is not allowed there. Allowed from OPERATIONS_RETRY_SCHEDULED: START_OPERATIONS.');
    now += 1_000;
    const [resumed] = await lifecycle.runDueRetries();
    expect(resumed?.request).toMatchObject({ state: 'ACCOLTA', attempts: 1, operationAttempts: 2 });
    expect(resumed?.request.operations.map((operation) => operation.status)).toEqual(['ALREADY_PERFORMED', 'PERFORMED', 'PERFORMED']);
    expect(inner.performed.map((call) => call.idempotencyKey)).toEqual(resumed?.request.plannedOperations.map((operation) => operation.idempotencyKey));

    // The host cancelling while an operation runs: the verdict stands, the operations wait to be resumed.
    const controller = new AbortController();
    const cancelling: ActionPort = { perform: async (call, context) => (controller.abort(), inner.perform(call, context)) };
    const engine2 = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: cancelling, clock: { now: () => NOW } });
    const lifecycle2 = createRequestLifecycle({ engine: engine2, repository: createInMemoryRequestRepository(), clock: { now: () => NOW }, nextProtocollo: () => 'P-2' });
    const cancelled = await lifecycle2.submit({ taskId: TASK, subject: azienda, data: revocaData }, { signal: controller.signal });
    expect(cancelled.request).toMatchObject({ state: 'OPERATIONS_RETRY_SCHEDULED', outcome: { verdict: 'ACCOLTA' }, lastFailure: { code: 'ABORTED' } });
  });

  it('recovers an attempt whose process stopped: ATTEMPT_INTERRUPTED, then the retry completes it; a running attempt is left alone', async () => {
    const { lifecycle, repository, advance } = host();
    const first = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    // Two attempts that never ended: the worker crashed between START_ISTRUTTORIA and the outcome.
    const stuck = await repository.save(applyEvent(openRequest(submitEvent({ at: NOW.toISOString(), protocollo: 'INPS.7000.2026.0901' })), { type: 'START_ISTRUTTORIA', at: NOW.toISOString(), actor: { kind: 'system' } }));
    advance(60_000);
    const recent = await repository.save(
      applyEvent(openRequest(submitEvent({ at: new Date(NOW.getTime() + 60_000).toISOString(), protocollo: 'INPS.7000.2026.0902' })), { type: 'START_ISTRUTTORIA', at: new Date(NOW.getTime() + 60_000).toISOString(), actor: { kind: 'system' } }),
    );
    advance(1_000);

    const recovered = await lifecycle.recoverInterrupted({ staleAfterMs: 30_000 });
    expect(recovered.map((step) => step.request.protocollo)).toEqual([stuck.protocollo]);
    expect(recovered[0]?.request).toMatchObject({ state: 'RETRY_SCHEDULED', lastFailure: { code: 'ATTEMPT_INTERRUPTED', retryable: true } });
    expect((await repository.get(recent.protocollo))?.state).toBe('IN_ISTRUTTORIA');
    expect((await repository.get(first.request.protocollo))?.state).toBe('ACCOLTA');

    advance(60_000); // the stuck request keeps the default policy it was filed with: first retry after a minute
    const [retried] = await lifecycle.runDueRetries();
    expect(retried?.request).toMatchObject({ protocollo: stuck.protocollo, state: 'ACCOLTA', attempts: 2 });
    await expect(lifecycle.recoverInterrupted({ staleAfterMs: 0 })).rejects.toThrow(/staleAfterMs/);
  });

  it('advance does what is due for one request, and nothing when nothing is due', async () => {
    const { lifecycle, repository, port, advance } = host();
    const STALE = { staleAfterMs: 30_000 };
    // Filed for a worker: advance runs the istruttoria at once.
    const filed = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData }, { istruttoria: 'deferred' });
    expect((await lifecycle.advance(filed.request.protocollo, STALE))?.request.state).toBe('ACCOLTA');
    expect(await lifecycle.advance(filed.request.protocollo, STALE)).toBeUndefined(); // final
    // A retry is run when due, not before.
    port.down = true;
    const failed = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    port.down = false;
    expect(failed.request.state).toBe('RETRY_SCHEDULED');
    expect(await lifecycle.advance(failed.request.protocollo, STALE)).toBeUndefined();
    advance(1_000);
    expect((await lifecycle.advance(failed.request.protocollo, STALE))?.request).toMatchObject({ state: 'ACCOLTA', attempts: 2 });
    // A step left running is recovered only once it is stale.
    const stuck = await repository.save(
      applyEvent(openRequest(submitEvent({ at: new Date(NOW.getTime() + 1_000).toISOString(), protocollo: 'INPS.7000.2026.0903' })), { type: 'START_ISTRUTTORIA', at: new Date(NOW.getTime() + 1_000).toISOString(), actor: { kind: 'system' } }),
    );
    expect(await lifecycle.advance(stuck.protocollo, STALE)).toBeUndefined();
    advance(30_000);
    expect((await lifecycle.advance(stuck.protocollo, STALE))?.request).toMatchObject({ state: 'RETRY_SCHEDULED', lastFailure: { code: 'ATTEMPT_INTERRUPTED' } });
    await expect(lifecycle.advance(stuck.protocollo, { staleAfterMs: -1 })).rejects.toMatchObject({ issues: [{ code: 'INVALID_LIFECYCLE_OPTION' }] });
  });

  it('says which protocollo it does not know', async () => {
    const { lifecycle } = host();
    await expect(lifecycle.closeByOperator('INPS.7000.2026.0404', { operatorId: 'OP-1', verdict: 'ACCOLTA', motivazione: 'ok' })).rejects.toThrow(/There is no request with protocollo "INPS\.7000\.2026\.0404"/);
  });

  it('an operator cannot close a request the istruttoria already decided', async () => {
    const { lifecycle } = host();
    const { request } = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    await expect(lifecycle.closeByOperator(request.protocollo, { operatorId: 'OP-1', verdict: 'NON_ACCOLTA', motivazione: 'no' })).rejects.toThrow(
      'Request INPS.7000.2026.0001 is ACCOLTA: event CLOSE_BY_OPERATOR is not allowed there. Allowed from ACCOLTA: none (ACCOLTA is final).',
    );
  });

  it('a notice that cannot be sent is logged, kept in the outbox and delivered later; the request does not wait for it', async () => {
    const warnings: { message: string; data: unknown }[] = [];
    let now = NOW.getTime();
    const clock = { now: () => new Date(now) };
    const delivered: NotificationMessage[] = [];
    let gateway: 'down' | 'hangs' | 'up' = 'down';
    const outbox = createInMemoryNotificationOutbox();
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock });
    const lifecycle = createRequestLifecycle({
      engine,
      repository: createInMemoryRequestRepository(),
      clock,
      nextProtocollo: () => `P-${now}`,
      outbox,
      noticeTimeoutMs: 50,
      notifications: {
        send: async (message) => {
          if (gateway === 'down') throw new Error('SMTP 421');
          if (gateway === 'hangs') return new Promise<void>(() => undefined);
          delivered.push(message);
        },
      },
      logger: { debug: () => undefined, warn: (message, data) => void warnings.push({ message, data }) },
    });
    const step = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData, notifications: pec });
    expect(step.request.state).toBe('ACCOLTA');
    expect(kinds(step.notifications)).toEqual(['PROTOCOLLATA', 'ESITO_DISPONIBILE']);
    expect(warnings.map(({ message, data }) => [message, (data as { kind: string }).kind, (data as { error: string }).error])).toEqual([
      ['smart-task: notification not sent, will retry', 'PROTOCOLLATA', 'SMTP 421'],
      ['smart-task: notification not sent, will retry', 'ESITO_DISPONIBILE', 'SMTP 421'],
    ]);
    expect(outbox.all().map((entry) => [entry.status, entry.attempts, entry.nextAttemptAt])).toEqual(Array(2).fill(['PENDING', 1, new Date(NOW.getTime() + 60_000).toISOString()]));

    // A gateway that hangs holds nothing either: the submission ends, the notice waits.
    gateway = 'hangs';
    now += 1;
    const second = await lifecycle.submit({ taskId: TASK, subject: azienda, data: { ...revocaData, delegaId: 'DEL-002', dataEfficacia: '2025-01-01' }, notifications: pec });
    expect(second.request.state).toBe('NON_ACCOLTA');
    expect(outbox.all().filter((entry) => entry.status === 'PENDING')).toHaveLength(4);

    gateway = 'up';
    expect(await lifecycle.deliverDueNotices()).toEqual([]); // not due yet
    now += 60_000;
    const sent = await lifecycle.deliverDueNotices();
    expect(sent.map((entry) => entry.status)).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
    expect(delivered.map((message) => message.id)).toEqual([`P-${NOW.getTime()}#0`, `P-${NOW.getTime()}#5`, `P-${NOW.getTime() + 1}#0`, `P-${NOW.getTime() + 1}#2`]);
    expect(await lifecycle.deliverDueNotices()).toEqual([]);
  });
});
