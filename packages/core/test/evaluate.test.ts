import { cases } from '@smart-task/rules/cases';
import { catalogDocuments } from '@smart-task/rules';
import type { CaseDefinition, CasesDocument, PortFixture, Subject } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { PortError, createEngine, type DataPort, type EvaluationResult } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { NOW, TASK, azienda, intermediarioSenzaDelega, revocaData, revocaFixture } from './support/revoca.js';
import { bundledCatalog, engineFor } from './support/shared-engine.js';

const catalog = bundledCatalog();

function setup(fixture: PortFixture = revocaFixture(), dataPort?: DataPort, timeoutMs = 200) {
  const memory = createInMemoryDataPort(fixture);
  const actions = createInMemoryActionPort(fixture);
  const engine = engineFor({ dataPort: dataPort ?? memory, actionPort: actions, clock: { now: () => NOW } }, { timeoutMs });
  return { engine, memory, actions };
}

const request = (requestId = 'R-1', data: Record<string, unknown> = revocaData, subject = azienda) => ({ requestId, subject, data });

function expectDecision(result: EvaluationResult) {
  if (result.kind !== 'decision') throw new Error(`expected a decision, got ${result.kind}: ${JSON.stringify(result.error)}`);
  return result;
}

function expectFailure(result: EvaluationResult) {
  if (result.kind !== 'technical-failure') throw new Error(`expected a technical failure, got verdict ${result.verdict}`);
  return result;
}

describe('evaluate: gates first', () => {
  it('a failed gate leaves every other fact unfetched and reveals only its own reason', async () => {
    const { engine, memory } = setup();
    const decision = expectDecision(await engine.evaluate(TASK, request('R-gate', revocaData, intermediarioSenzaDelega)));
    expect(decision.verdict).toBe('NON_ACCOLTA');
    expect(decision.reasons.map((reason) => reason.code)).toEqual(['NA-AUTH-NO-DELEGA']);
    expect(new Set(memory.calls.map((call) => call.fact))).toEqual(new Set(['abilitazioni']));
    expect(decision.checks.every((check) => check.status === 'NOT_EVALUATED' && check.notEvaluatedBecause === 'GATE_FAILED')).toBe(true);
    expect(decision.gates.find((gate) => gate.id === 'AUTH-04')?.status).toBe('NOT_EVALUATED');
  });

  it('after the gates every check is evaluated and every reason is reported at once', async () => {
    const { engine } = setup(revocaFixture({ richiesteAperte: [{ result: [{ requestId: 'R-0', protocollo: 'INPS.7000.2026.1', dataInvio: '2026-03-01' }] }] }));
    const decision = expectDecision(await engine.evaluate(TASK, request('R-all', { ...revocaData, delegaId: 'DEL-002', dataEfficacia: '2020-01-01' })));
    expect(decision.reasons.map((reason) => reason.code)).toEqual(['NA-DELEGA-NON-ATTIVA', 'NA-DATA-NON-AMMESSA', 'NA-DUPLICATA']);
    expect(decision.reasons[2]?.message.it).toContain('INPS.7000.2026.1');
    expect(decision.reasons[1]?.message.it).toContain('01/01/2020');
  });
});

describe('evaluate: facts', () => {
  it('fetches each port fact once per evaluation, even when several rules read it', async () => {
    const { engine, memory } = setup();
    expectDecision(await engine.evaluate(TASK, request()));
    const counts = new Map<string, number>();
    for (const call of memory.calls) counts.set(call.fact, (counts.get(call.fact) ?? 0) + 1);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(counts.get('delega')).toBe(1);
  });

  it('fetches independent facts concurrently', async () => {
    let inFlight = 0;
    let peak = 0;
    const memory = createInMemoryDataPort(revocaFixture());
    const slow: DataPort = {
      async fetch(fact, params, context) {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= 1;
        return memory.fetch(fact, params, context);
      },
    };
    const { engine } = setup(revocaFixture(), slow);
    expectDecision(await engine.evaluate(TASK, request()));
    expect(peak).toBeGreaterThan(1);
  });
});

describe('evaluate: technical failures are never verdicts', () => {
  it('a port that throws gives a retryable technical failure with the partial trace', async () => {
    const failing: DataPort = {
      fetch: async (fact, params, context) => {
        if (fact === 'delega') throw new PortError('archivio deleghe non raggiungibile', 'UNAVAILABLE');
        return createInMemoryDataPort(revocaFixture()).fetch(fact, params, context);
      },
    };
    const { engine, actions } = setup(revocaFixture(), failing);
    const failure = expectFailure(await engine.evaluate(TASK, request()));
    expect(failure.error.code).toBe('PORT_UNAVAILABLE');
    expect(failure.retryable).toBe(true);
    expect(failure.gates.every((gate) => gate.status === 'PASSED')).toBe(true);
    expect(failure.checks.find((check) => check.id === 'DEL-RI-01')?.notEvaluatedBecause).toBe('TECHNICAL_FAILURE');
    expect(actions.calls).toEqual([]);
  });

  it('a port that never answers times out, even if it ignores its AbortSignal', async () => {
    const hanging: DataPort = { fetch: () => new Promise(() => undefined) };
    const { engine } = setup(revocaFixture(), hanging, 50);
    const failure = expectFailure(await engine.evaluate(TASK, request()));
    expect(failure.error.code).toBe('PORT_TIMEOUT');
    expect(failure.portCalls[0]?.outcome).toBe('TIMEOUT');
  });

  it('port data that violates the contract never reaches the rules', async () => {
    const { engine } = setup(revocaFixture({ delega: [{ result: { id: 'DEL-001', stato: 'ATTIVA' } }] }));
    const failure = expectFailure(await engine.evaluate(TASK, request()));
    expect(failure.error.code).toBe('PORT_CONTRACT_VIOLATION');
    expect(failure.retryable).toBe(false);
  });

  it('a cancelled evaluation ends without a verdict', async () => {
    const controller = new AbortController();
    controller.abort();
    const { engine } = setup();
    const failure = expectFailure(await engine.evaluate(TASK, request(), { signal: controller.signal }));
    expect(failure.error.code).toBe('ABORTED');
  });
});

describe('evaluate: operations', () => {
  it('performs the operations only on ACCOLTA, in order, with <requestId>:<operationId> keys', async () => {
    const { engine, actions } = setup();
    const decision = expectDecision(await engine.evaluate(TASK, request('R-42')));
    expect(decision.verdict).toBe('ACCOLTA');
    expect(actions.performed.map((call) => call.idempotencyKey)).toEqual(['R-42:revoca-delega', 'R-42:revoca-subdeleghe', 'R-42:notifica-controparte']);
    expect(decision.operations.map((operation) => operation.status)).toEqual(['PERFORMED', 'PERFORMED', 'PERFORMED']);
    expect(decision.operations[0]?.description.it).toBe('Delega DEL-001 revocata con efficacia dal 10/03/2026');
  });

  it('never performs an operation twice when a request is evaluated again', async () => {
    const { engine, actions } = setup();
    await engine.evaluate(TASK, request('R-7'));
    const again = expectDecision(await engine.evaluate(TASK, request('R-7')));
    expect(actions.performed).toHaveLength(3);
    expect(again.operations.map((operation) => operation.status)).toEqual(['ALREADY_PERFORMED', 'ALREADY_PERFORMED', 'ALREADY_PERFORMED']);
  });

  it('performs nothing on NON_ACCOLTA', async () => {
    const { engine, actions } = setup();
    const decision = expectDecision(await engine.evaluate(TASK, request('R-8', { ...revocaData, delegaId: 'DEL-002' })));
    expect(decision.verdict).toBe('NON_ACCOLTA');
    expect(actions.calls).toEqual([]);
  });

  it('a failed operation is a technical failure that lists the operations already performed', async () => {
    const fixture: PortFixture = { ...revocaFixture(), actions: { revocaSubdeleghe: { fail: { code: 'UNAVAILABLE' } } } };
    const { engine } = setup(fixture);
    const failure = expectFailure(await engine.evaluate(TASK, request('R-9')));
    expect(failure.error).toMatchObject({ code: 'OPERATION_FAILED', operation: 'revoca-subdeleghe' });
    expect(failure.operations.map((operation) => operation.id)).toEqual(['revoca-delega']);
  });

  it('quotes what the action port returned in the operation description ({outcome.…}) and keeps it in details', async () => {
    const dpa = (cases as CasesDocument[]).find((file) => file.task === 'dichiarazione-preventiva-agevolazioni') as CasesDocument;
    const accepted = dpa.cases.find((testCase) => testCase.expect.verdict === 'ACCOLTA' && !testCase.subject) as CaseDefinition;
    const fixture: PortFixture = { ...(dpa.fixture as PortFixture), actions: { protocollaDpa: { details: { protocollo: 'DPA.2026.0000042', dataProtocollo: '2026-03-10' } } } };
    const engine = engineFor({ dataPort: createInMemoryDataPort(fixture), actionPort: createInMemoryActionPort(fixture), clock: { now: () => new Date(dpa.now as string) } }, { plannedTasks: 'all' });
    const decision = expectDecision(await engine.evaluate(dpa.task, { requestId: 'R-DPA', subject: dpa.subject as Subject, data: accepted.data }));
    expect(decision.operations[0]?.details).toEqual({ protocollo: 'DPA.2026.0000042', dataProtocollo: '2026-03-10' });
    expect(decision.operations[0]?.description.it).toContain('con il numero DPA.2026.0000042 del 10/03/2026');
    expect(decision.operations[0]?.description.en).toContain('with number DPA.2026.0000042 of 10/03/2026');
  });
});

describe('evaluate: one engine, many requests', () => {
  it('gives the same results concurrently as one at a time', async () => {
    const { engine } = setup();
    const inputs = Array.from({ length: 40 }, (_, index) => request(`C-${index}`, index % 3 === 0 ? { ...revocaData, delegaId: 'DEL-002' } : revocaData, index % 4 === 0 ? intermediarioSenzaDelega : azienda));
    const sequential: string[] = [];
    for (const input of inputs) {
      const result = expectDecision(await engine.evaluate(TASK, input));
      sequential.push(`${result.verdict} ${result.reasons.map((reason) => reason.code).join(',')}`);
    }
    const concurrent = (await Promise.all(inputs.map((input) => engine.evaluate(TASK, input)))).map((result) => {
      const decision = expectDecision(result);
      return `${decision.verdict} ${decision.reasons.map((reason) => reason.code).join(',')}`;
    });
    expect(concurrent).toEqual(sequential);
  });
});

describe('evaluate: the decision records what decided it', () => {
  it('names the rule set id, version and a sha256 content hash, and the port calls with their answers', async () => {
    const { engine } = setup();
    const decision = expectDecision(await engine.evaluate(TASK, request()));
    expect(decision.ruleSet).toMatchObject({ id: TASK, version: '1.0.0' });
    expect(decision.ruleSet.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(decision.portCalls.map((call) => call.fact).sort()).toEqual(['abilitazioni', 'delega', 'posizioneContributiva', 'richiesteAperte']);
    expect(decision.portCalls.every((call) => call.outcome === 'OK' && call.response !== undefined)).toBe(true);
    expect(decision.referenceDate).toBe('2026-03-10');
  });

  it('refuses invalid request data with field-level issues instead of deciding', async () => {
    const { engine } = setup();
    await expect(engine.evaluate(TASK, request('R-x', { delegaId: 'DEL-001' }))).rejects.toMatchObject({
      name: 'SmartTaskError',
      issues: expect.arrayContaining([expect.objectContaining({ code: 'INVALID_REQUEST', pointer: '/data/dataEfficacia' })]),
    });
  });
});

describe('evaluate: logger', () => {
  it('reports decisions as debug and technical failures as warnings, with no personal data beyond ids', async () => {
    const entries: [string, string, Record<string, unknown> | undefined][] = [];
    const logger = { debug: (message: string, data?: Record<string, unknown>) => entries.push(['debug', message, data]), warn: (message: string, data?: Record<string, unknown>) => entries.push(['warn', message, data]) };
    const hanging: DataPort = { fetch: () => new Promise(() => undefined) };
    const engine = createEngine({ catalog, dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, logger });
    await engine.evaluate(TASK, request('L-1'));
    const failing = createEngine({ catalog, dataPort: hanging, actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, logger, timeoutMs: 20 });
    await failing.evaluate(TASK, request('L-2'));
    expect(entries.map(([level, , data]) => [level, data?.requestId, data?.verdict ?? data?.code])).toEqual([
      ['debug', 'L-1', 'ACCOLTA'],
      ['warn', 'L-2', 'PORT_TIMEOUT'],
    ]);
  });
});

describe('evaluate: a host signal reused across requests', () => {
  it('keeps no listener once each evaluation is over', async () => {
    const { EventEmitter } = await import('node:events');
    const controller = new AbortController();
    const { engine } = setup();
    for (let index = 0; index < 20; index += 1) await engine.evaluate(TASK, request(`S-${index}`), { signal: controller.signal });
    await engine.composeForm(TASK, azienda, { signal: controller.signal });
    expect(EventEmitter.getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('evaluate: the documents a host hands in', () => {
  it('works on a deeply frozen catalog and leaves every document as it was', async () => {
    const documents = structuredClone(catalogDocuments);
    const freeze = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return;
      Object.freeze(value);
      for (const child of Object.values(value)) freeze(child);
    };
    freeze(documents);
    const before = JSON.stringify(documents);
    const engine = createEngine({ catalog: documents, dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const result = await engine.evaluate(TASK, { requestId: 'R-frozen', subject: azienda, data: revocaData });
    expect(result).toMatchObject({ kind: 'decision', verdict: 'ACCOLTA' });
    expect(JSON.stringify(documents)).toBe(before);
  });
});
