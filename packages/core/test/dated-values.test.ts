import { catalogDocuments } from '@smart-task/rules';
import type { CatalogDocument, DatedValue } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createEngine, loadCatalog } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { datedValuesProblems, valueInForceOn } from '../src/vocabulary/dated-values.js';
import { TASK, azienda, revocaData, revocaFixture } from './support/revoca.js';

/** The Fondo di Tesoreria thresholds of project decision 8, as an analyst writes them. */
const SOGLIE: DatedValue[] = [
  { from: null, to: '2025-12-31', value: 50 },
  { from: '2026-01-01', to: '2027-12-31', value: 60 },
  { from: '2028-01-01', to: '2031-12-31', value: 50 },
  { from: '2032-01-01', to: null, value: 40 },
];

describe('valueInForceOn', () => {
  it.each([
    ['2025-12-31', 50],
    ['2026-01-01', 60],
    ['2027-12-31T23:00:00+01:00', 60],
    ['2028-01-01', 50],
    ['2031-12-31', 50],
    ['2032-01-01', 40],
    ['1990-05-01', 50],
    ['2099-01-01', 40],
  ])('on %s the value in force is %d', (date, expected) => {
    expect(valueInForceOn(SOGLIE, date)).toBe(expected);
  });

  it('is null when no period covers the date, or the date is missing', () => {
    expect(valueInForceOn(SOGLIE.slice(1, 3), '2025-06-01')).toBeNull();
    expect(valueInForceOn(SOGLIE, undefined)).toBeNull();
    expect(valueInForceOn(SOGLIE, 'not a date')).toBeNull();
  });
});

describe('datedValuesProblems', () => {
  it('accepts periods that follow each other day after day', () => {
    expect(datedValuesProblems(SOGLIE)).toEqual([]);
  });

  it('reports a gap, an overlap, a reversed period and open ends in the middle', () => {
    const problems = datedValuesProblems([
      { from: null, to: '2025-12-31', value: 1 },
      { from: '2026-01-02', to: '2026-12-31', value: 2 },
      { from: '2026-12-01', to: null, value: 3 },
      { from: '2030-01-01', to: '2029-01-01', value: 4 },
      { from: null, to: '2031-01-01', value: 5 },
    ]);
    expect(problems.map(({ index, field }) => `${index}/${field}`)).toEqual(['1/from', '2/to', '2/from', '3/to', '4/from']);
    expect(problems[0]?.message).toContain('leaves a gap');
    expect(problems[0]?.message).toContain('Start it on 2026-01-01');
    expect(problems[2]?.message).toContain('overlaps');
    expect(problems[3]?.message).toContain('ends (2029-01-01) before it starts (2030-01-01)');
  });
});

describe('a dated-values fact in a rule set', () => {
  const RULES = 'rules/tasks/revoca-delega-intermediario.rules.json';
  const withSoglia = (inForce: DatedValue[]): CatalogDocument[] =>
    catalogDocuments.map((document) => {
      if (document.file !== RULES) return document;
      const content = structuredClone(document.content) as { facts: Record<string, unknown>; checks: { id: string; conditions: { all: unknown[] } }[] };
      content.facts.soglia = { inForce, on: { fact: 'request', path: '$.dataEfficacia' } };
      content.checks[0]?.conditions.all.push({ fact: 'soglia', operator: 'equal', value: 60 });
      return { file: RULES, content };
    });

  it('is evaluated with the period that contains the date it refers to', async () => {
    const engine = createEngine({ catalog: withSoglia(SOGLIE), dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => new Date('2026-03-10T09:00:00+01:00') } });
    const result = await engine.evaluate(TASK, { requestId: 'S-1', subject: azienda, data: { ...revocaData, dataEfficacia: '2026-03-10' } });
    expect(result).toMatchObject({ kind: 'decision', verdict: 'ACCOLTA', facts: { soglia: 60 } });
  });

  it('is refused at load time when its periods leave a gap, with the pointer of the period', () => {
    const loaded = loadCatalog(withSoglia([SOGLIE[0] as DatedValue, { ...(SOGLIE[1] as DatedValue), from: '2026-02-01' }]));
    expect(loaded.ok).toBe(false);
    expect(loaded.issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([{ code: 'INVALID_DATED_VALUES', file: RULES, pointer: '/facts/soglia/inForce/1/from' }]);
  });
});
