import { caseDocuments } from '@smart-task/rules/cases';
import type { CasesDocument, PortFixture, Subject } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '../src/entries/testing.js';
import { PortError, createEngine, type DataPort, type EvaluationResult, type PortCallContext } from '../src/index.js';
import { bundledCatalog } from './support/shared-engine.js';

/*
 * A port fact that only a check's message or an operation's description needs (here `soggetto`, from
 * the port fact `soggettoContribuente`, quoted by the description of `cessa-relazione` and by two
 * checks' messages) is started with the checks, after the gates: no round trip of its own. It is
 * judged only if it is read: its failure fails the evaluation when the fact is needed, and changes
 * nothing when it is not; an unread call is aborted when the evaluation is over.
 */

const TASK = 'cessazione-relazione-soggetto-collegato';
const PREFETCHED_PORT_FACT = 'soggettoContribuente';
const file = caseDocuments.find((document) => document.file.endsWith(`${TASK}.cases.json`))?.content as CasesDocument;

interface Call {
  readonly fact: string;
  /** How many answers the port had given when the call came: calls with the same count are one wave. */
  readonly answeredBefore: number;
  readonly context: PortCallContext;
}

/** What the prefetched port fact does: answer from the fixture, fail, or never answer. */
type Behaviour = 'answer' | 'fail' | 'hang';

/** A data port on a case's fixture that answers in a later turn of the event loop and logs each call's wave. */
function wavePort(fixture: PortFixture, prefetched: Behaviour): DataPort & { readonly calls: Call[] } {
  const inner = createInMemoryDataPort(fixture);
  const calls: Call[] = [];
  let answered = 0;
  return {
    calls,
    async fetch(fact, params, context) {
      calls.push({ fact, answeredBefore: answered, context });
      if (fact === PREFETCHED_PORT_FACT && prefetched === 'hang') return new Promise(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      answered += 1;
      if (fact === PREFETCHED_PORT_FACT && prefetched === 'fail') throw new PortError('anagrafica unavailable', 'UNAVAILABLE', true);
      return inner.fetch(fact, params, context);
    },
  };
}

async function evaluateCase(caseId: string, prefetched: Behaviour = 'answer') {
  const testCase = file.cases.find((candidate) => candidate.id === caseId);
  if (!testCase) throw new Error(`no case ${caseId}`);
  const fixture = mergeFixtures(file.fixture, testCase.fixture);
  const dataPort = wavePort(fixture, prefetched);
  const actionPort = createInMemoryActionPort(fixture);
  const now = new Date(testCase.now ?? file.now ?? '');
  const engine = createEngine({ catalog: bundledCatalog(), dataPort, actionPort, clock: { now: () => now }, plannedTasks: 'all', timeoutMs: 60_000 });
  const result = await engine.evaluate(TASK, { requestId: `R-${caseId}`, subject: (testCase.subject ?? file.subject) as Subject, data: testCase.data });
  return { result, calls: dataPort.calls, actionPort };
}

const portCallsOf = (result: EvaluationResult) => result.portCalls.map((call) => call.fact);

describe('facts only texts need are fetched with the checks', () => {
  it('starts the call in the same wave as the checks, not in a wave of its own after them', async () => {
    const { result, calls } = await evaluateCase('azienda-chiude-amministratore');
    expect(result.kind === 'decision' && result.verdict).toBe('ACCOLTA');
    const prefetched = calls.find((call) => call.fact === PREFETCHED_PORT_FACT);
    expect(prefetched).toBeDefined();
    const sameWave = calls.filter((call) => call !== prefetched && call.answeredBefore === prefetched?.answeredBefore);
    expect(sameWave.length).toBeGreaterThan(0);
    expect(Math.max(...calls.map((call) => call.answeredBefore))).toBe(prefetched?.answeredBefore);
    // Needed by the operation's description: read, so recorded.
    expect(portCallsOf(result)).toContain(PREFETCHED_PORT_FACT);
  });

  it('is not started when a gate fails: the target is not read before the requester is allowed', async () => {
    const { result, calls } = await evaluateCase('azienda-senza-poteri-di-rappresentanza');
    expect(result.kind === 'decision' && result.reasons.map((reason) => reason.code)).toEqual(['NA-AUTH-PROFILO']);
    expect(calls.map((call) => call.fact)).not.toContain(PREFETCHED_PORT_FACT);
  });

  it('changes nothing when it fails and nothing reads it: the same decision, the call not recorded', async () => {
    const faultFree = await evaluateCase('richiesta-duplicata');
    const faulted = await evaluateCase('richiesta-duplicata', 'fail');
    expect(faulted.calls.map((call) => call.fact)).toContain(PREFETCHED_PORT_FACT);
    expect(faulted.result.kind).toBe('decision');
    expect(faulted.result.kind === 'decision' && faulted.result.reasons.map((reason) => reason.code)).toEqual(['NA-DUPLICATA']);
    expect(faulted.result.kind === 'decision' && faulted.result.verdict).toBe(faultFree.result.kind === 'decision' && faultFree.result.verdict);
    expect(portCallsOf(faulted.result)).not.toContain(PREFETCHED_PORT_FACT);
    expect(faulted.result.facts).not.toHaveProperty('soggetto');
  });

  it('is aborted when the evaluation is over if nothing read it and it never answered', async () => {
    const { result, calls } = await evaluateCase('richiesta-duplicata', 'hang');
    expect(result.kind === 'decision' && result.verdict).toBe('NON_ACCOLTA');
    const prefetched = calls.find((call) => call.fact === PREFETCHED_PORT_FACT);
    expect(prefetched?.context.signal.aborted).toBe(true);
  });

  it('fails the evaluation when the fact is needed and its call failed: no verdict, nothing performed', async () => {
    const { result, actionPort } = await evaluateCase('azienda-chiude-amministratore', 'fail');
    expect(result.kind).toBe('technical-failure');
    expect(result.kind === 'technical-failure' && result.error).toMatchObject({ code: 'PORT_UNAVAILABLE', fact: 'soggetto' });
    expect(result.kind === 'technical-failure' && result.retryable).toBe(true);
    expect(actionPort.performed).toEqual([]);
  });
});
