import type { CasesDocument, PortFixture, Subject } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import type { ActionPort, DataPort, Decision, PortFixture as Fixture } from '../src/index.js';
import { PortError, toContributorView, toOperatorView } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '../src/entries/testing.js';
import { createInMemoryRequestRepository, createRequestLifecycle } from '../src/entries/lifecycle.js';
import { toAuditRecord } from '../src/entries/audit.js';
import { placeholdersOf } from '../src/text/template.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from './support/revoca.js';
import { bundledCatalog, engineFor } from './support/shared-engine.js';

const catalog = bundledCatalog();

/**
 * The revoca back office as the first report found it: `revocaDelega` marks the delega REVOCATA in
 * the archive the data port reads, and the second operation fails once. Before the fix, the retry
 * evaluated again, found the delega revoked and ended NON_ACCOLTA with the revocation already done.
 */
function revocaBackOffice() {
  const fixture: Fixture = revocaFixture();
  let revoked = false;
  const inner = createInMemoryDataPort(fixture);
  const revokedIn = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revokedIn);
    const record = value as { id?: string; stato?: string } | null;
    return revoked && record?.id === 'DEL-001' ? { ...record, stato: 'REVOCATA' } : value;
  };
  const dataPort: DataPort = { fetch: async (fact, params, context) => revokedIn(await inner.fetch(fact, params, context)) };
  const actions = createInMemoryActionPort();
  let failures = 1;
  const actionPort: ActionPort = {
    perform: async (call, context) => {
      if (call.action === 'revocaDelega') revoked = true;
      else if (failures-- > 0) throw new PortError('back office unavailable', 'UNAVAILABLE', true);
      return actions.perform(call, context);
    },
  };
  return { dataPort, actionPort, actions };
}

describe('decide once, perform exactly once', () => {
  it('the reported revoca: an effect done, the next operation failing, the retry resumes and the request ends ACCOLTA', async () => {
    let now = NOW.getTime();
    const clock = { now: () => new Date(now) };
    const { dataPort, actionPort, actions } = revocaBackOffice();
    const engine = engineFor({ dataPort, actionPort, clock });
    const lifecycle = createRequestLifecycle({ engine, repository: createInMemoryRequestRepository(), clock, nextProtocollo: () => 'INPS.7000.2026.0001', retryPolicy: { baseDelayMs: 1_000 } });
    const first = await lifecycle.submit({ taskId: TASK, subject: azienda, data: revocaData });
    expect(first.request).toMatchObject({ state: 'OPERATIONS_RETRY_SCHEDULED', outcome: { verdict: 'ACCOLTA' } });
    expect(first.request.operations.map((operation) => operation.id)).toEqual(['revoca-delega']);
    now += 1_000;
    const [retried] = await lifecycle.runDueRetries();
    expect(retried?.request.state).toBe('ACCOLTA');
    expect(retried?.request.outcome).toMatchObject({ verdict: 'ACCOLTA', reasons: [] });
    expect(actions.performed.map((call) => call.operationId)).toEqual(retried?.request.plannedOperations.map((operation) => operation.id));
  });

  it('evaluate, after an operation failure, hands back the decision; performOperations resumes it without reading the data port', async () => {
    const { dataPort, actionPort, actions } = revocaBackOffice();
    let reads = 0;
    const counting: DataPort = { fetch: (fact, params, context) => ((reads += 1), dataPort.fetch(fact, params, context)) };
    const engine = engineFor({ dataPort: counting, actionPort, clock: { now: () => NOW } });
    const failed = await engine.evaluate(TASK, { requestId: 'R-1', subject: azienda, data: revocaData });
    if (failed.kind !== 'technical-failure' || !failed.decision) throw new Error('expected an operation failure carrying its decision');
    expect(failed.error).toMatchObject({ code: 'OPERATION_FAILED', operation: 'revoca-subdeleghe' });
    expect(failed.operations.map((operation) => operation.id)).toEqual(['revoca-delega']);
    const contributor = toContributorView(failed);
    expect(contributor).toMatchObject({ outcome: 'ACCOLTA_IN_ESECUZIONE', outcomeLabel: 'Accolta, operazioni in corso', reasons: [] });
    expect(contributor.operations).toHaveLength(1);
    expect(toOperatorView(failed).pendingOperations?.map((operation) => operation.id)).toEqual(['revoca-subdeleghe', 'notifica-controparte']);
    const readsBefore = reads;
    const resumed = await engine.performOperations({ requestId: 'R-1', operations: failed.decision.plannedOperations, performed: failed.operations });
    expect(resumed.kind).toBe('performed');
    expect(resumed.operations.map((operation) => operation.status)).toEqual(['PERFORMED', 'PERFORMED', 'PERFORMED']);
    expect(reads).toBe(readsBefore);
    expect(actions.performed).toHaveLength(3);
  });

  it('an action port answer that is not an outcome is a failed, retryable operation, never a success', async () => {
    for (const answer of [{ status: 'BOGUS', details: 'not-an-object' }, { status: 'PERFORMED', details: 'not-an-object' }, { status: 'PERFORMED', details: [1] }, null, 'ok']) {
      const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: { perform: async () => answer as never }, clock: { now: () => NOW } });
      const result = await engine.evaluate(TASK, { requestId: 'R-2', subject: azienda, data: revocaData });
      expect(result, JSON.stringify(answer)).toMatchObject({ kind: 'technical-failure', retryable: true, error: { code: 'OPERATION_FAILED', operation: 'revoca-delega' } });
      expect(result.operations).toEqual([]);
      expect(result.kind === 'technical-failure' && result.error.message).toContain('it is not a confirmation');
    }
  });

  it('decide performs nothing and plans every operation with its parameters, key and the values its description quotes', async () => {
    const actions = createInMemoryActionPort();
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: actions, clock: { now: () => NOW } });
    const decided = (await engine.decide(TASK, { requestId: 'R-3', subject: azienda, data: revocaData })) as Decision;
    expect(decided).toMatchObject({ kind: 'decision', verdict: 'ACCOLTA', operations: [] });
    expect(actions.calls).toEqual([]);
    expect(decided.plannedOperations[0]).toMatchObject({ id: 'revoca-delega', action: 'revocaDelega', params: { delegaId: 'DEL-001' }, idempotencyKey: 'R-3:revoca-delega', quoted: { request: revocaData } });
    expect(toAuditRecord(decided).outcome.operations.map((operation) => [operation.id, operation.status])).toEqual(decided.plannedOperations.map((operation) => [operation.id, undefined]));
  });

  it('across the catalog, every fact an operation or its description needs is read before the decision exists', async () => {
    let clockNow = NOW;
    let current: DataPort = createInMemoryDataPort(revocaFixture());
    const routed: DataPort = { fetch: (fact, params, context) => current.fetch(fact, params, context) };
    let actions = createInMemoryActionPort();
    const engine = engineFor({ dataPort: routed, actionPort: { perform: (call, context) => actions.perform(call, context) }, clock: { now: () => clockNow } }, { plannedTasks: 'all' });
    let checked = 0;
    for (const task of catalog.tasks.values()) {
      for (const { document } of task.cases) {
        const cases = document as CasesDocument;
        for (const testCase of cases.cases) {
          if (testCase.expect.verdict !== 'ACCOLTA' || testCase.expect.technicalFailure) continue;
          const fixture: PortFixture = mergeFixtures(cases.fixture, testCase.fixture);
          const dataPort = createInMemoryDataPort(fixture);
          const now = new Date(testCase.now ?? cases.now ?? NOW.toISOString());
          clockNow = now;
          current = dataPort;
          actions = createInMemoryActionPort(fixture);
          const decided = await engine.decide(task.id, {
            requestId: `R-${task.id}-${testCase.id}`,
            subject: (testCase.subject ?? cases.subject) as Subject,
            data: testCase.data,
            ...(testCase.submittedAt !== undefined && { submittedAt: testCase.submittedAt }),
          });
          if (decided.kind !== 'decision' || decided.verdict !== 'ACCOLTA') continue;
          const readsAtDecision = dataPort.calls.length;
          for (const operation of decided.plannedOperations) {
            const quoted = [...placeholdersOf(operation.description.it), ...placeholdersOf(operation.description.en)].map((placeholder) => placeholder.fact).filter((fact) => fact !== 'outcome');
            for (const fact of quoted) expect(operation.quoted, `${task.id}/${testCase.id} ${operation.id} quotes ${fact}`).toHaveProperty([fact]);
          }
          const performed = await engine.performOperations({ requestId: decided.requestId, operations: decided.plannedOperations });
          expect(performed.kind, `${task.id}/${testCase.id}`).toBe('performed');
          expect(dataPort.calls.length, `${task.id}/${testCase.id}: performing read the data port`).toBe(readsAtDecision);
          for (const operation of performed.operations) expect(operation.description.it, `${task.id}/${testCase.id} ${operation.id}`).not.toContain('{');
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 120_000);
});
