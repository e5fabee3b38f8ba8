import { describe, expect, it } from 'vitest';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { type EvaluationResult } from '../src/index.js';
import { NOW, TASK, azienda, intermediarioSenzaDelega, revocaData, revocaFixture } from './support/revoca.js';
import { bundledCatalog, engineFor } from './support/shared-engine.js';

const verdictOf = (result: EvaluationResult) => (result.kind === 'decision' ? `${result.verdict} ${result.reasons.map((reason) => reason.code).join(',')}` : result.error.code);

/**
 * Two evaluations that overlap at every possible microtask offset. json-rules-engine's Engine#run
 * keeps a status on the shared engine; an overlapping run used to skip the rules of the other and
 * let a request that must be rejected through as ACCOLTA.
 */
describe('overlapping evaluations on one engine', () => {
  it("never change each other's outcome, whatever the interleaving", async () => {
    const actions = createInMemoryActionPort();
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: actions, clock: { now: () => NOW } });
    const bad = { ...revocaData, delegaId: 'DEL-002', dataEfficacia: '2025-01-01' };
    const outcomes = new Set<string>();
    for (let offset = 0; offset < 300; offset += 1) {
      const first = engine.evaluate(TASK, { requestId: `A${offset}`, subject: azienda, data: revocaData });
      for (let tick = 0; tick < offset; tick += 1) await Promise.resolve();
      const [good, rejected] = await Promise.all([first, engine.evaluate(TASK, { requestId: `B${offset}`, subject: azienda, data: bad })]);
      outcomes.add(`${verdictOf(good)} | ${verdictOf(rejected)}`);
    }
    expect([...outcomes]).toEqual(['ACCOLTA  | NON_ACCOLTA NA-DELEGA-NON-ATTIVA,NA-DATA-NON-AMMESSA']);
    expect(actions.performed.every((call) => call.requestId.startsWith('A'))).toBe(true);
  });

  it('never offer a form to a requester a gate refuses, whatever the interleaving', async () => {
    const engine = engineFor({ dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } });
    const statuses = new Set<string>();
    for (let offset = 0; offset < 200; offset += 1) {
      const first = engine.composeForm(TASK, azienda);
      for (let tick = 0; tick < offset; tick += 1) await Promise.resolve();
      const [allowed, refused] = await Promise.all([first, engine.composeForm(TASK, intermediarioSenzaDelega)]);
      statuses.add(`${allowed.status} | ${refused.status}`);
    }
    expect([...statuses]).toEqual(['ready | not-allowed']);
  });
});

describe('a rule set that returns no evaluation', () => {
  it('is a technical failure, never ACCOLTA', async () => {
    const { compileRuleSet } = await import('../src/compile/compile-rule-set.js');
    const { decideIstruttoria } = await import('../src/evaluate/run-istruttoria.js');
    const { createVocabulary } = await import('../src/vocabulary/vocabulary.js');
    const { answerBoundsOf } = await import('../src/evaluate/port-answer-bounds.js');
    const { DEFAULT_LIMITS } = await import('../src/limits/engine-limits.js');
    const document = bundledCatalog().tasks.get(TASK)?.ruleSets[0]?.document;
    if (!document) throw new Error('missing rule set');
    const vocabulary = createVocabulary();
    const compiled = { ...compileRuleSet('revoca.rules.json', document, vocabulary), evaluate: async () => undefined };
    const actions = createInMemoryActionPort();
    const result = await decideIstruttoria({
      compiled,
      resolvers: {
        declarations: document.facts,
        helpers: vocabulary.helpers,
        helperArgsValidators: vocabulary.helperArgsValidators,
        portParamsValidators: new Map(),
        portResultValidators: new Map(),
        answerBounds: answerBoundsOf(DEFAULT_LIMITS),
        prefetched: [],
      },
      actionParamsValidators: new Map(),
      dataPort: createInMemoryDataPort(revocaFixture()),
      requestId: 'R-none',
      taskId: TASK,
      subject: azienda,
      data: revocaData,
      submittedAt: NOW.toISOString(),
      submittedOn: '2026-03-10',
      evaluatedAt: NOW.toISOString(),
      today: '2026-03-10',
      timeZone: 'Europe/Rome',
      dependencyHashes: async () => ({ requestSchema: 'sha256:test', portContract: 'sha256:test' }),
      timeoutMs: 100,
      signal: undefined,
    });
    expect(result.kind).toBe('technical-failure');
    expect(result.kind === 'technical-failure' && result.error.code).toBe('RULE_ERROR');
    expect(actions.calls).toEqual([]);
  });
});
