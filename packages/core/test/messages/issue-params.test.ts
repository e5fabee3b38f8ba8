import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/index.js';
import { SmartTaskError } from '../../src/index.js';
import { applyEvent, createInMemoryRequestRepository, createRequestLifecycle, openRequest, versionConflict } from '../../src/entries/lifecycle.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../../src/entries/testing.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from '../support/revoca.js';
import { engineFor } from '../support/shared-engine.js';
import { at, eventOf, submitEvent } from '../lifecycle/support.js';

/** The issues of the SmartTaskError a call throws or rejects with. */
async function issuesOf(call: () => unknown): Promise<readonly Issue[]> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof SmartTaskError)) throw error;
    return error.issues;
  }
  throw new Error('expected a SmartTaskError');
}

const engine = () => engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
const invalid = { ...revocaData, motivo: 'ALTRO', noteMotivo: 'ab', dataEfficacia: '2026-02-30' };

describe('params on the issues a host shows to people', () => {
  it('request data refused by evaluate: the request issue code, the field and the limit', async () => {
    const issues = await issuesOf(() => engine().evaluate(TASK, { requestId: 'R-p', subject: azienda, data: invalid }));
    expect(issues.map(({ code, pointer, params }) => ({ code, pointer, params }))).toEqual([
      { code: 'INVALID_REQUEST', pointer: '/data/dataEfficacia', params: { requestIssue: 'FORMAT_DATE', field: 'dataEfficacia' } },
      { code: 'INVALID_REQUEST', pointer: '/data/noteMotivo', params: { requestIssue: 'MIN_LENGTH', field: 'noteMotivo', limit: 5 } },
    ]);
    expect(issues[1]?.message).toBe('«Describe the reason» needs at least 5 characters.');
  });

  it("request data refused by the lifecycle's submit, before a protocollo is taken", async () => {
    const lifecycle = createRequestLifecycle({ engine: engine(), repository: createInMemoryRequestRepository(), nextProtocollo: () => 'P-1' });
    const issues = await issuesOf(() => lifecycle.submit({ taskId: TASK, subject: azienda, data: { ...revocaData, delegaId: undefined } }));
    expect(issues.map((found) => found.params)).toEqual([{ requestIssue: 'REQUIRED', field: 'delegaId' }]);
  });

  it('an unknown task', async () => {
    expect((await issuesOf(() => engine().validate('revoca-delega', {})))[0]?.params).toEqual({ taskId: 'revoca-delega' });
  });

  it('lifecycle errors: an illegal transition, an invalid event, a version conflict, an unknown protocollo', async () => {
    const withdrawn = applyEvent(openRequest(submitEvent()), eventOf('WITHDRAW', at(1000)));
    expect((await issuesOf(() => applyEvent(withdrawn, eventOf('START_ISTRUTTORIA', at(2000)))))[0]).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      params: { protocollo: 'INPS.7000.2026.0001', state: 'RITIRATA', event: 'START_ISTRUTTORIA', allowed: '' },
    });
    expect((await issuesOf(() => applyEvent(openRequest(submitEvent()), eventOf('START_ISTRUTTORIA', '2020-01-01T00:00:00Z'))))[0]).toMatchObject({
      code: 'INVALID_EVENT',
      params: { protocollo: 'INPS.7000.2026.0001', event: 'START_ISTRUTTORIA', at: '2020-01-01T00:00:00Z' },
    });
    expect(versionConflict('P-9', 3, 4).issues[0]?.params).toEqual({ protocollo: 'P-9', expectedVersion: 3, storedVersion: 4 });
    const lifecycle = createRequestLifecycle({ engine: engine(), repository: createInMemoryRequestRepository(), nextProtocollo: () => 'P-1' });
    expect((await issuesOf(() => lifecycle.withdraw('P-404', { cf: azienda.cf })))[0]).toMatchObject({ code: 'UNKNOWN_PROTOCOLLO', params: { protocollo: 'P-404' } });
  });
});
