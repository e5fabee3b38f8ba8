import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import type { CasesDocument, Subject } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, createEngine, loadCatalog, type ActionPort, type DataPort, type EvaluationResult } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '../src/entries/testing.js';
import { createReplayPort, toAuditRecord } from '../src/entries/audit.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from './support/revoca.js';

const loaded = loadCatalog([...catalogDocuments, ...caseDocuments]);
if (!loaded.ok) throw new Error('the catalog must load');
const catalog = loaded.value;
const memory = createInMemoryDataPort(revocaFixture());
const engine = createEngine({ catalog, dataPort: memory, actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, timeoutMs: 5000, plannedTasks: 'all' });

const abilitazione = { titolo: 'RAPPRESENTANTE_LEGALE', stato: 'ATTIVA', dataInizio: '2015-03-01' };
/** A data port answering `abilitazioni` with `answer`, everything else from the fixture. */
const answering = (answer: unknown): DataPort => ({ fetch: (fact, params, context) => (fact === 'abilitazioni' ? Promise.resolve(answer) : memory.fetch(fact, params, context)) });
const evaluateWith = (dataPort: DataPort, actionPort: ActionPort = createInMemoryActionPort(), on = engine) => on.evaluate(TASK, { requestId: 'ANSWER', subject: azienda, data: revocaData }, { ports: { dataPort, actionPort } });
const failure = (result: EvaluationResult) => {
  if (result.kind !== 'technical-failure') throw new Error(`expected a technical failure, got ${result.verdict}`);
  return result;
};

/** The accepted case of the fondo di tesoreria whose `organicoMedio.mediaDipendenti` (`type: number`, `minimum: 0`) gets `value`. */
function fondoTesoreria(value: number) {
  const task = catalog.tasks.get('fondo-tesoreria-1r');
  const file = task?.cases[0]?.document as CasesDocument;
  const testCase = file.cases.find((candidate) => candidate.id === 'requisito-dimensionale-2026');
  if (!testCase || !task) throw new Error('the case requisito-dimensionale-2026 must exist');
  const fixture = createInMemoryDataPort(mergeFixtures(file.fixture, testCase.fixture));
  const dataPort: DataPort = {
    fetch: async (fact, params, context) => {
      const answer = await fixture.fetch(fact, params, context);
      return fact === 'organicoMedio' ? { ...(answer as object), mediaDipendenti: value } : answer;
    },
  };
  const clock = new Date(testCase.now ?? file.now ?? NOW.toISOString());
  const request = { requestId: 'FONDO', subject: (testCase.subject ?? file.subject) as Subject, data: testCase.data, ...(testCase.submittedAt !== undefined && { submittedAt: testCase.submittedAt }) };
  return (port = dataPort) => engine.evaluate(task.id, request, { clock: { now: () => clock }, ports: { dataPort: port, actionPort: createInMemoryActionPort() } });
}

describe('numbers JSON cannot hold are refused in port answers', () => {
  it('the case used is accepted with a finite value', async () => {
    const result = await fondoTesoreria(62.5)();
    expect(result.kind === 'decision' && result.verdict).toBe('ACCOLTA');
  });

  it.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN])('%s in a data port answer: PORT_CONTRACT_VIOLATION, no verdict', async (value) => {
    const result = failure(await fondoTesoreria(value)());
    expect(result.error.code).toBe('PORT_CONTRACT_VIOLATION');
    expect(result.error.message).toContain('/mediaDipendenti');
    expect(result.retryable).toBe(false);
  });

  it('a replay of the audit record written as JSON fails the same way', async () => {
    const evaluate = fondoTesoreria(Number.POSITIVE_INFINITY);
    const first = failure(await evaluate());
    const record = JSON.parse(JSON.stringify(toAuditRecord(first)));
    const replayed = failure(await evaluate(createReplayPort(record)));
    expect(replayed.error.code).toBe('PORT_CONTRACT_VIOLATION');
    expect(replayed.error.fact).toBe(first.error.fact);
  });

  it('Infinity in the details of an action outcome is no confirmation', async () => {
    const actionPort: ActionPort = { perform: async () => ({ status: 'PERFORMED', details: { revocataIl: Number.POSITIVE_INFINITY } }) };
    const result = failure(await evaluateWith(memory, actionPort));
    expect(result.error.code).toBe('OPERATION_FAILED');
    expect(result.error.message).toContain('Infinity');
  });
});

describe('the cost of checking a port answer is bounded', () => {
  it('the contract check stops at the first error', async () => {
    const bad = Array.from({ length: 50 }, () => ({ ...abilitazione, stato: 42 }));
    const result = failure(await evaluateWith(answering(bad)));
    expect(result.error.code).toBe('PORT_CONTRACT_VIOLATION');
    expect(result.error.message.match(/\/\d+\/stato/g)).toHaveLength(1);
  });

  it(`an array longer than ${DEFAULT_LIMITS.maxAnswerArrayLength} items is refused before validation, naming the limit`, async () => {
    const huge = Array.from({ length: DEFAULT_LIMITS.maxAnswerArrayLength + 1 }, () => ({ ...abilitazione, stato: 42 }));
    const result = failure(await evaluateWith(answering(huge)));
    expect(result.error.code).toBe('PORT_CONTRACT_VIOLATION');
    expect(result.error.message).toContain('limits.maxAnswerArrayLength');
    expect(result.portCalls.find((call) => call.fact === 'abilitazioni')).toMatchObject({ outcome: 'CONTRACT_VIOLATION' });
    expect(result.portCalls.find((call) => call.fact === 'abilitazioni')).not.toHaveProperty('response');
  });

  it(`a string longer than ${DEFAULT_LIMITS.maxAnswerStringLength} characters is refused, naming the limit`, async () => {
    const result = failure(await evaluateWith(answering([{ ...abilitazione, titolo: 'X'.repeat(DEFAULT_LIMITS.maxAnswerStringLength + 1) }])));
    expect(result.error.code).toBe('PORT_CONTRACT_VIOLATION');
    expect(result.error.message).toContain('limits.maxAnswerStringLength');
    expect(result.error.message.length).toBeLessThan(1000);
  });

  it(`an answer nested deeper than ${DEFAULT_LIMITS.maxDepth} levels is refused, also a cyclic one`, async () => {
    let deep: unknown = abilitazione;
    for (let level = 0; level < 10_000; level += 1) deep = { deep };
    const cyclic: Record<string, unknown> = { ...abilitazione };
    cyclic.self = cyclic;
    for (const answer of [[deep], [cyclic]]) {
      const result = failure(await evaluateWith(answering(answer)));
      expect(result.error.code).toBe('PORT_CONTRACT_VIOLATION');
      expect(result.error.message).toContain('limits.maxDepth');
    }
  });

  it('the limits are engine options', async () => {
    const strict = createEngine({ catalog, dataPort: memory, actionPort: createInMemoryActionPort(), clock: { now: () => NOW }, limits: { maxAnswerArrayLength: 1 } });
    const result = failure(await evaluateWith(answering([abilitazione, abilitazione]), createInMemoryActionPort(), strict));
    expect(result.error.message).toContain('limits.maxAnswerArrayLength');
    expect((await evaluateWith(answering([abilitazione]), createInMemoryActionPort(), strict)).kind).toBe('decision');
  });
});
