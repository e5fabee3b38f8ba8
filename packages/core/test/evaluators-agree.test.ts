import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '@smart-task/schemas';
import { compileConditions } from '../src/compile/compiled-evaluator.js';
import type { ConditionEvaluator, EvaluatedCondition, FactSource } from '../src/compile/evaluated-condition.js';
import { jsonRulesEngineEvaluator } from '../src/compile/json-rules-engine-evaluator.js';
import { runCases, type CaseResult } from '../src/entries/testing.js';
import { builtInOperators, createVocabulary, type EvaluationResult, type OperatorDefinition, type RuleOutcome } from '../src/index.js';
import { OPERATOR_DECORATORS } from '../src/vocabulary/operators.js';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '../src/entries/testing.js';
import { createEngine, type FactHelperDefinition } from '../src/index.js';
import { withEdit } from './support/catalog-edit.js';
import { bundledCaseResults, bundledCatalog } from './support/shared-engine.js';
import { caseDocuments } from '@smart-task/rules/cases';

/*
 * The compiled evaluator is held to json-rules-engine, the reference semantics: the same verdicts,
 * reasons, trace and facts read on every case of the catalog, and the same evaluated tree on
 * generated conditions and facts for every operator, decorated or not, and for a host's own.
 */

/**
 * What a result says, without what depends on timing: durations and the order of concurrent port calls.
 * Of a technical failure, the error and the rules decided either way: which other answers arrived
 * before the failure aborted the rest is a race (with a real port as in the cases), not semantics.
 */
function comparable(result: EvaluationResult | undefined, other: EvaluationResult | undefined): unknown {
  if (result === undefined) return undefined;
  if (result.kind === 'technical-failure') {
    const decidedInBoth = (outcomes: readonly RuleOutcome[], others: readonly RuleOutcome[] = []) =>
      outcomes.filter((outcome) => outcome.status !== 'NOT_EVALUATED' && others.some((candidate) => candidate.id === outcome.id && candidate.status !== 'NOT_EVALUATED'));
    return {
      kind: result.kind,
      error: result.error,
      retryable: result.retryable,
      decision: comparable(result.decision, other?.kind === 'technical-failure' ? other.decision : undefined),
      rules: decidedInBoth([...result.gates, ...result.checks], other && [...other.gates, ...other.checks]),
    };
  }
  const { timings: _timings, portCalls, operations, ...rest } = result;
  const calls = portCalls.map(({ startedAtMs: _started, durationMs: _duration, ...call }) => call).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { ...rest, operations: operations.map(({ durationMs: _duration, ...operation }) => operation), portCalls: calls, factNames: Object.keys(result.facts) };
}

function byCase(results: readonly CaseResult[]): Map<string, CaseResult> {
  return new Map(results.map((result) => [`${result.task} ${result.caseId}`, result]));
}

describe('the compiled evaluator and json-rules-engine', () => {
  it('give the same result on every case of the catalog', async () => {
    const compiled = byCase(await bundledCaseResults());
    const reference = byCase(await runCases(bundledCatalog(), { evaluator: 'json-rules-engine' }));
    expect([...compiled.keys()]).toEqual([...reference.keys()]);
    expect(compiled.size).toBeGreaterThan(400);
    const differences: string[] = [];
    for (const [key, result] of compiled) {
      const other = reference.get(key) as CaseResult;
      if (result.passed !== other.passed) differences.push(`${key}: passed ${result.passed} vs ${other.passed}`);
      try {
        expect(comparable(result.result, other.result)).toEqual(comparable(other.result, result.result));
      } catch (error) {
        differences.push(`${key}: ${(error as Error).message.slice(0, 2000)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  // Generated conditions: a few facts with generated values, some known at once, some answered later.
  const FACTS = ['a', 'b', 'c', 'd'] as const;
  const hostOperator: OperatorDefinition = {
    name: 'sameLength',
    description: 'Both sides have the same length.',
    valueSchema: {},
    evaluate: (factValue, value) => (factValue as { length?: unknown } | null)?.length === (value as { length?: unknown } | null)?.length,
  };
  const vocabulary = createVocabulary({ operators: [hostOperator] });
  const operatorNames = [...builtInOperators.map((operator) => operator.name), hostOperator.name];
  const operatorName = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...operatorNames) },
    { weight: 2, arbitrary: fc.tuple(fc.subarray([...OPERATOR_DECORATORS], { minLength: 1, maxLength: 2 }), fc.constantFrom(...operatorNames)).map(([decorators, name]) => [...decorators, name].join(':')) },
  );
  const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('x', 'X ', 'a@inps.it', '2026-03-01', '2026-03-10', 'RSSMRA80A01H501U', '', true, false, null));
  const value = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('k', 'n', 'length'), scalar, { maxKeys: 2 }) });
  const path = fc.option(fc.constantFrom('$.k', '$.n', '$[0]', '$.length', '$.k.n'), { nil: undefined });
  const priority = fc.option(fc.constantFrom(1, 2, 3), { nil: undefined });
  const right = fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.record({ fact: fc.constantFrom(...FACTS), path }, { requiredKeys: ['fact'] }) });
  const leaf = fc.record({ fact: fc.constantFrom(...FACTS), path, operator: operatorName, value: right, priority }, { requiredKeys: ['fact', 'operator', 'value'] });
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf as fc.Arbitrary<Condition>,
      fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }), priority }, { requiredKeys: ['all'] }) as fc.Arbitrary<Condition>,
      fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }), priority }, { requiredKeys: ['any'] }) as fc.Arbitrary<Condition>,
      fc.record({ not: tie('condition'), priority }, { requiredKeys: ['not'] }) as fc.Arbitrary<Condition>,
    ),
  }));
  const factValues = fc.record({ a: value, b: value, c: value, d: value });
  const later = fc.subarray([...FACTS]);

  /** Facts as an evaluation context gives them: memoised, some known at once, the others after a tick. */
  function factSource(values: Readonly<Record<string, unknown>>, answeredLater: readonly string[], read: string[]): FactSource {
    const memo = new Map<string, Promise<unknown>>();
    const valueOf = (name: string) => {
      let promise = memo.get(name);
      if (promise === undefined) {
        read.push(name);
        promise = answeredLater.includes(name) ? new Promise((resolve) => setTimeout(() => resolve(values[name]), 0)) : Promise.resolve(values[name]);
        memo.set(name, promise);
      }
      return promise;
    };
    return { valueOf, read: (name) => (answeredLater.includes(name) ? valueOf(name) : (valueOf(name), values[name])) };
  }

  async function outcome(evaluator: ConditionEvaluator, values: Readonly<Record<string, unknown>>, answeredLater: readonly string[]) {
    const read: string[] = [];
    try {
      const tree = await evaluator(factSource(values, answeredLater, read));
      return { tree: normalised(tree), read: [...read].sort() };
    } catch (error) {
      // The evaluation ends there (a RULE_ERROR). What else was read meanwhile, and which error comes
      // first when two operators throw, are matters of timing; that it fails is not.
      return { threw: error instanceof Error };
    }
  }

  /** The parts of an evaluated node that the outcome, trace and coverage readers use. */
  function normalised(node: EvaluatedCondition | undefined): unknown {
    if (node === undefined) return undefined;
    const children = node.all ?? node.any;
    if (children) return { [node.all ? 'all' : 'any']: children.map(normalised), result: node.result };
    if (node.not) return { not: normalised(node.not), result: node.result };
    return { fact: node.fact, path: node.path, operator: node.operator, value: node.value, factResult: node.factResult, valueResult: node.valueResult, result: node.result };
  }

  it('evaluate generated conditions to the same tree, read the same facts and fail alike', async () => {
    await fc.assert(
      fc.asyncProperty(condition, factValues, later, async (written, values, answeredLater) => {
        const root: Condition = { all: [written, { any: [written], priority: 1 }] };
        const compiled = await outcome(compileConditions(root, vocabulary.operators), values, answeredLater);
        const reference = await outcome(jsonRulesEngineEvaluator('generated', root, FACTS, vocabulary), values, answeredLater);
        expect(compiled).toEqual(reference);
      }),
      { numRuns: 600 },
    );
  });

  it('run every operator, plain and behind each decorator, the same way', async () => {
    for (const name of operatorNames) {
      for (const decorated of [name, ...OPERATOR_DECORATORS.map((decorator) => `${decorator}:${name}`)]) {
        await fc.assert(
          fc.asyncProperty(value, value, async (left, rightValue) => {
            const root: Condition = { all: [{ fact: 'a', operator: decorated, value: rightValue }] };
            const values = { a: left };
            expect(await outcome(compileConditions(root, vocabulary.operators), values, [])).toEqual(await outcome(jsonRulesEngineEvaluator('operator', root, FACTS, vocabulary), values, []));
          }),
          { numRuns: 40 },
        );
      }
    }
  });

  it('run a host operator and a host helper the same way in a whole istruttoria', async () => {
    const endOfMonth: FactHelperDefinition = {
      name: 'endOfMonth',
      description: 'The last day of the month of date.',
      argsSchema: { type: 'object', required: ['date'], additionalProperties: false, properties: { date: { type: 'string' } } },
      compute: ({ date }) => {
        const [year, month] = (date as string).split('-').map(Number) as [number, number];
        return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      },
    };
    const sameMonth: OperatorDefinition = { name: 'sameMonth', description: 'Both dates are in the same month.', valueSchema: {}, evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && a.slice(0, 7) === b.slice(0, 7) };
    const documents = withEdit('rules/tasks/revoca-delega-intermediario.rules.json', (content) => {
      const ruleSet = content as { facts: Record<string, unknown>; checks: { conditions: { all: unknown[] } }[] };
      ruleSet.facts['fineMese'] = { helper: 'endOfMonth', args: { date: { fact: 'request', path: '$.dataEfficacia' } } };
      (ruleSet.checks[0] as { conditions: unknown }).conditions = { all: [ruleSet.checks[0]?.conditions, { fact: 'fineMese', operator: 'sameMonth', value: { fact: 'today' } }] };
    });
    const file = caseDocuments.find((document) => document.file.includes('revoca-delega-intermediario')) as {
      content: { fixture: never; now: string; subject: never; cases: { expect: { verdict?: string }; data: Record<string, unknown>; fixture?: never; now?: string; subject?: never }[] };
    };
    const accepted = file.content.cases.find((testCase) => testCase.expect.verdict === 'ACCOLTA') as (typeof file.content.cases)[number];
    const decide = async (evaluator: 'compiled' | 'json-rules-engine', dataEfficacia: string) => {
      const fixture = mergeFixtures(file.content.fixture, accepted.fixture);
      const engine = createEngine({
        catalog: documents,
        dataPort: createInMemoryDataPort(fixture),
        actionPort: createInMemoryActionPort(fixture),
        clock: { now: () => new Date(accepted.now ?? file.content.now) },
        vocabulary: { operators: [sameMonth], helpers: [endOfMonth] },
        evaluator,
      });
      return engine.evaluate('revoca-delega-intermediario', { requestId: 'R-1', subject: accepted.subject ?? file.content.subject, data: { ...accepted.data, dataEfficacia } });
    };
    const today = (accepted.now ?? file.content.now).slice(0, 10);
    for (const dataEfficacia of [today, `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`]) {
      const [compiled, reference] = [await decide('compiled', dataEfficacia), await decide('json-rules-engine', dataEfficacia)];
      expect(comparable(compiled, reference)).toEqual(comparable(reference, compiled));
      expect(compiled.facts).toHaveProperty('fineMese');
    }
    const nextYear = await decide('compiled', `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`);
    expect(nextYear.kind === 'decision' && nextYear.reasons.map((reason) => reason.ruleId)).toContain('DEL-RI-01');
  });
});
