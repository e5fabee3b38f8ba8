import { catalogDocuments } from '@smart-task/rules';
import { describe, expect, it } from 'vitest';
import { createEngine, explainInItalian, toContributorView, toOperatorView } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { NOW, TASK, azienda, intermediarioSenzaDelega, revocaData, revocaFixture } from './support/revoca.js';

const engine = createEngine({ catalog: catalogDocuments, dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });

/** Values only the operator may see: port answers, parameters, keys, hashes. */
const INTERNAL = ['Associazione Culturale Aurora', 'VRDLGU75C12F205G', 'RAPPRESENTANTE_LEGALE', 'sha256:', 'R-view:', 'portCalls', 'facts', 'durationMs', 'dataInizio'];

describe('contributor and operator views', () => {
  it('the contributor view holds outcome, checks, reasons and operations, and nothing from the operator view', async () => {
    const accepted = await engine.evaluate(TASK, { requestId: 'R-view', subject: azienda, data: revocaData });
    const rejected = await engine.evaluate(TASK, { requestId: 'R-view-2', subject: azienda, data: { ...revocaData, delegaId: 'DEL-002' } });
    for (const result of [accepted, rejected]) {
      const operator = JSON.stringify(toOperatorView(result));
      const contributor = JSON.stringify(toContributorView(result));
      const present = INTERNAL.filter((value) => operator.includes(value));
      expect(present.length).toBeGreaterThanOrEqual(6);
      for (const secret of present) expect(contributor).not.toContain(secret);
    }
    const view = toContributorView(accepted);
    expect(view).toMatchObject({ outcome: 'ACCOLTA', outcomeLabel: 'Accolta', reasons: [] });
    expect(view.operations.map((operation) => operation.description)).toContain('Delega DEL-001 revocata con efficacia dal 10/03/2026');
    expect(view.checks.map((check) => check.id)).toEqual(['AUTH-01', 'AUTH-02', 'AUTH-03', 'AUTH-04', 'DEL-RI-01', 'DEL-RI-02', 'DEL-RI-03', 'AUTH-05']);
    expect(toContributorView(rejected, 'en').reasons[0]?.message).toContain('cannot be revoked with this request');
  });

  it('the operator view lists every port call with parameters and duration, the rule-set version and hash', async () => {
    const result = await engine.evaluate(TASK, { requestId: 'R-op', subject: azienda, data: revocaData });
    const view = toOperatorView(result);
    expect(view.ruleSet).toMatchObject({ id: TASK, version: '1.0.0' });
    expect(view.portCalls.length).toBeGreaterThan(0);
    for (const call of view.portCalls) {
      expect(call.params).toBeTypeOf('object');
      expect(call.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(view.facts).toHaveProperty('delega');
  });

  it('a gate failure tells the contributor only the gate reason', async () => {
    const result = await engine.evaluate(TASK, { requestId: 'R-gate', subject: intermediarioSenzaDelega, data: revocaData });
    const view = toContributorView(result);
    expect(view.reasons).toEqual([{ code: 'NA-AUTH-NO-DELEGA', message: expect.stringContaining('Gestione deleghe') }]);
    expect(JSON.stringify(view)).not.toContain('Studio Verdi');
  });

  it('explains a decision in Italian', async () => {
    const result = await engine.evaluate(TASK, { requestId: 'R-x', subject: azienda, data: { ...revocaData, delegaId: 'DEL-002' } });
    const text = explainInItalian(result);
    expect(text).toContain('Esito: NON ACCOLTA');
    expect(text).toContain('✘ DEL-RI-01');
    expect(text).toContain('delega.stato = "REVOCATA"; equal "ATTIVA" → falsa');
    expect(text).toContain('Operazioni eseguite:\n  nessuna: la richiesta non è accolta');
  });
});
