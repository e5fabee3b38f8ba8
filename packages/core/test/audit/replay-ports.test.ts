import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/audit-record.js';
import { PortError } from '../../src/port.js';
import { ReplayMissError, createReplayActionPort, createReplayPort } from '../../src/replay/replay-ports.js';

const portCalls: AuditRecord['portCalls'] = [
  { fact: 'posizioneContributiva', params: { matricola: '1234567860' }, outcome: 'OK', response: { stato: 4, dataStato: '2025-09-01' } },
  { fact: 'posizioneContributiva', params: { matricola: '8001234549' }, outcome: 'OK', response: null },
  { fact: 'abilitazioni', params: { cf: 'VRDLGU75C12F205G', matricola: '1234567860' }, outcome: 'ERROR', error: 'Gestione deleghe non risponde', errorCode: 'PORT_UNAVAILABLE', retryable: true },
  { fact: 'richiesteAperte', params: { matricola: '1234567860' }, outcome: 'ABORTED', error: 'aborted after an earlier failure' },
  { fact: 'deleghe', params: { matricola: '1234567860' }, outcome: 'CONTRACT_VIOLATION', error: 'violates the port contract', response: { stato: 'quattro' } },
];
const context = (signal = new AbortController().signal) => ({ signal, requestId: 'R-1' });

describe('createReplayPort', () => {
  it('answers each call with the recorded response, null and contract-breaking answers included, whatever the key order', async () => {
    const port = createReplayPort({ portCalls });
    await expect(port.fetch('posizioneContributiva', { matricola: '1234567860' }, context())).resolves.toEqual({ stato: 4, dataStato: '2025-09-01' });
    await expect(port.fetch('posizioneContributiva', { matricola: '8001234549' }, context())).resolves.toBeNull();
    await expect(port.fetch('deleghe', { matricola: '1234567860' }, context())).resolves.toEqual({ stato: 'quattro' });
    expect(port.missing).toEqual([]);
  });

  it('fails a call the record does not hold with a replay error naming it, and lists it: never a silent undefined', async () => {
    const port = createReplayPort({ portCalls });
    const call = port.fetch('posizioneContributiva', { matricola: '5100012375' }, context());
    await expect(call).rejects.toBeInstanceOf(ReplayMissError);
    await expect(call).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('posizioneContributiva({"matricola":"5100012375"})') });
    await expect(port.fetch('soggettoContribuente', { cf: '12345670488' }, context())).rejects.toBeInstanceOf(ReplayMissError);
    expect(port.missing).toEqual([
      { fact: 'posizioneContributiva', params: { matricola: '5100012375' } },
      { fact: 'soggettoContribuente', params: { cf: '12345670488' } },
    ]);
  });

  it('fails again with the recorded port error code and retryability', async () => {
    const port = createReplayPort({ portCalls });
    const failed = port.fetch('abilitazioni', { matricola: '1234567860', cf: 'VRDLGU75C12F205G' }, context());
    await expect(failed).rejects.toBeInstanceOf(PortError);
    await expect(failed).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
  });

  it('holds a call recorded as aborted until the evaluation aborts', async () => {
    const port = createReplayPort({ portCalls });
    const controller = new AbortController();
    let settled = false;
    const call = port.fetch('richiesteAperte', { matricola: '1234567860' }, context(controller.signal)).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    controller.abort(new Error('an earlier call failed'));
    await expect(call).rejects.toThrow('an earlier call failed');
    expect(port.wasAbortedInRecord('richiesteAperte', { matricola: '1234567860' })).toBe(true);
    expect(port.wasAbortedInRecord('posizioneContributiva', { matricola: '1234567860' })).toBe(false);
  });
});

describe('createReplayActionPort', () => {
  const call = (operationId: string) => ({ requestId: 'R-1', operationId, action: 'aggiornaStatoPosizione', params: {}, idempotencyKey: `R-1:${operationId}` });
  const outcome = (over: Partial<AuditRecord['outcome']>): Pick<AuditRecord, 'outcome'> => ({ outcome: { kind: 'decision', verdict: 'ACCOLTA', reasons: [], warnings: [], checks: [], operations: [], ...over } });

  it('gives a recorded operation its recorded status and details, and reports a new one performed', async () => {
    const port = createReplayActionPort(outcome({ operations: [{ id: 'riattiva', action: 'aggiornaStatoPosizione', params: {}, idempotencyKey: 'R-1:riattiva', status: 'ALREADY_PERFORMED', details: { pratica: 'P-9' } }] }));
    await expect(port.perform(call('riattiva'), context())).resolves.toEqual({ status: 'ALREADY_PERFORMED', details: { pratica: 'P-9' } });
    await expect(port.perform(call('nuova'), context())).resolves.toEqual({ status: 'PERFORMED' });
  });

  it('fails the operation whose failure ended the recorded evaluation, with its retryability', async () => {
    const failed: Pick<AuditRecord, 'outcome'> = { outcome: { kind: 'technical-failure', reasons: [], warnings: [], checks: [], operations: [], error: { code: 'OPERATION_FAILED', message: 'respinta', operation: 'riattiva' }, retryable: false } };
    const port = createReplayActionPort(failed);
    await expect(port.perform(call('riattiva'), context())).rejects.toMatchObject({ message: 'respinta', retryable: false });
  });
});
