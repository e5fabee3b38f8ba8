import { catalogDocuments } from '@smart-task/rules';
import type { CatalogDocument } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createEngine, isSmartTaskError, loadCatalog, type Issue } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { withEdit } from './support/catalog-edit.js';
import type { LooseJson } from './support/loose-json.js';

const RULES = 'rules/tasks/revoca-delega-intermediario.rules.json';
const SCHEMA = 'schemas/tasks/revoca-delega-intermediario.schema.json';
const CONTRACT = 'schemas/port-contract.json';
const FONDO = 'rules/tasks/fondo-tesoreria-1r.rules.json';

/** Loads the documents, which must not load, without letting anything escape as an exception. */
function refused(documents: readonly CatalogDocument[], options?: Parameters<typeof loadCatalog>[1]): readonly Issue[] {
  let loaded: ReturnType<typeof loadCatalog>;
  expect(() => (loaded = loadCatalog(documents, options))).not.toThrow();
  expect(loaded!.ok).toBe(false);
  return loaded!.issues;
}

/** `{ all: [{ all: [ … leaf … ] }] }` nested `depth` times. */
function nestedCondition(depth: number): object {
  let condition: object = { fact: 'request', path: '$.motivo', operator: 'exists', value: true };
  for (let level = 0; level < depth; level += 1) condition = { all: [condition] };
  return condition;
}

describe('loadCatalog refuses hostile catalogs with a coded issue, never an exception', () => {
  it('conditions nested 2,000 deep: NESTING_TOO_DEEP at the first level past the limit', () => {
    const issues = refused(withEdit(RULES, (rules) => (rules.checks[0].conditions = nestedCondition(2000))));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'NESTING_TOO_DEEP', file: RULES });
    expect(issues[0]?.pointer).toMatch(/^\/checks\/0\/conditions(\/all\/0)+/);
    expect(issues[0]?.message).toMatch(/maxNestingDepth/);
  });

  it('the nesting limit is an option', () => {
    const documents = withEdit(RULES, (rules) => (rules.checks[0].conditions = nestedCondition(20)));
    expect(refused(documents, { maxNestingDepth: 16 }).map((item) => item.code)).toEqual(['NESTING_TOO_DEEP']);
    const loaded = loadCatalog(documents);
    expect(loaded.issues.map((item) => item.code)).not.toContain('NESTING_TOO_DEEP');
  });

  it('a request-schema pattern that is not a regular expression: INVALID_PATTERN', () => {
    const issues = refused(withEdit(SCHEMA, (schema) => (schema.properties.motivo.pattern = '(')));
    expect(issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([{ code: 'INVALID_PATTERN', file: SCHEMA, pointer: '/properties/motivo/pattern' }]);
    expect(issues[0]?.message).toContain('"("');
  });

  it('a port-contract pattern that is not a regular expression: INVALID_PATTERN', () => {
    const issues = refused(withEdit(CONTRACT, (contract) => (contract.facts.posizioneContributiva.params.properties.matricola.pattern = '[a-')));
    expect(issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([{ code: 'INVALID_PATTERN', file: CONTRACT, pointer: '/facts/posizioneContributiva/params/properties/matricola/pattern' }]);
  });

  it.each([
    ['an unknown type', (contract: LooseJson) => (contract.facts.posizioneContributiva.result = { type: 'strin' }), '/facts/posizioneContributiva/result/type'],
    ['a reference to a missing definition', (contract: LooseJson) => (contract.facts.posizioneContributiva.result = { $ref: '#/definitions/posizion' }), '/facts/posizioneContributiva/result'],
    ['a required that is not a list', (contract: LooseJson) => (contract.definitions.posizione.required = 'stato'), '/definitions/posizione/required'],
    ['an action result with a bad minimum', (contract: LooseJson) => (contract.actions.revocaDelega.params.properties.delegaId.minLength = -1), '/actions/revocaDelega/params/properties/delegaId/minLength'],
  ])('a port contract createEngine could not compile (%s): INVALID_JSON_SCHEMA, and createEngine throws only a SmartTaskError', (_name, edit, pointer) => {
    const documents = withEdit(CONTRACT, edit);
    const issues = refused(documents);
    expect(issues.map(({ code, file }) => ({ code, file }))).toContainEqual({ code: 'INVALID_JSON_SCHEMA', file: CONTRACT });
    expect(issues.find((item) => item.code === 'INVALID_JSON_SCHEMA')?.pointer).toBe(pointer);
    let thrown: unknown;
    try {
      createEngine({ catalog: documents, dataPort: createInMemoryDataPort({ facts: {} }), actionPort: createInMemoryActionPort() });
    } catch (error) {
      thrown = error;
    }
    expect(isSmartTaskError(thrown)).toBe(true);
  });

  it('a request schema Ajv cannot compile: INVALID_JSON_SCHEMA', () => {
    const issues = refused(withEdit(SCHEMA, (schema) => (schema.properties.motivo = { $ref: '#/definitions/motivi', title: 'Motivo' })));
    expect(issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([{ code: 'INVALID_JSON_SCHEMA', file: SCHEMA, pointer: '/properties/motivo' }]);
    expect(issues[0]?.message).toContain('#/definitions/motivi');
  });

  it.each([
    ['validFrom', (rules: LooseJson) => (rules.validFrom = '2026-02-30'), RULES, '/validFrom'],
    ['validTo', (rules: LooseJson) => (rules.validTo = '2027-04-31'), RULES, '/validTo'],
    ["a dated value's from", (rules: LooseJson) => (rules.facts.sogliaDipendenti.inForce[1].from = '2026-02-29'), FONDO, '/facts/sogliaDipendenti/inForce/1/from'],
    ["a dated value's to", (rules: LooseJson) => (rules.facts.sogliaDipendenti.inForce[0].to = '2025-11-31'), FONDO, '/facts/sogliaDipendenti/inForce/0/to'],
  ])('a date that does not exist in the calendar (%s): INVALID_DATE', (_name, edit, file, pointer) => {
    const issues = refused(withEdit(file, edit));
    expect(issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toContainEqual({ code: 'INVALID_DATE', file, pointer });
    expect(issues.find((item) => item.code === 'INVALID_DATE')?.message).toMatch(/does not exist/);
  });

  it.each([
    ["the file's clock", (cases: LooseJson) => (cases.now = '2026-02-29T09:00:00+01:00'), '/now'],
    ["a case's clock", (cases: LooseJson) => (cases.cases[1].now = '2026-04-31T09:00:00+01:00'), '/cases/1/now'],
    ["a case's submission time", (cases: LooseJson) => (cases.cases[0].submittedAt = '2026-06-31T18:45:00+01:00'), '/cases/0/submittedAt'],
  ])('a date-time on a day that does not exist (%s): INVALID_DATE', (_name, edit, pointer) => {
    const file = 'rules/tasks/revoca-delega-intermediario.cases.json';
    const issues = refused(withEdit(file, edit));
    expect(issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([{ code: 'INVALID_DATE', file, pointer }]);
  });

  it('a literal date a date operator compares with, on a day that does not exist: INVALID_DATE', () => {
    const issues = refused(withEdit(RULES, (rules) => rules.checks[2].conditions.all.push({ fact: 'request', path: '$.dataEfficacia', operator: 'dateOnOrAfter', value: '2023-09-31' })));
    expect(issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([{ code: 'INVALID_DATE', file: RULES, pointer: '/checks/2/conditions/all/3/value' }]);
  });

  it('a value that is not written as a date gets one issue, not two', () => {
    const issues = refused(withEdit(RULES, (rules) => (rules.validFrom = '2026-13-01')));
    expect(issues.map(({ code, pointer }) => ({ code, pointer }))).toEqual([{ code: 'SCHEMA_VIOLATION', pointer: '/validFrom' }]);
  });

  it('a leap day in a leap year is a date', () => {
    const loaded = loadCatalog(withEdit(RULES, (rules) => (rules.validFrom = '2024-02-29')));
    expect(loaded.issues).toEqual([]);
  });

  it('a pattern that backtracks exponentially is a load error (SLOW_PATTERN), and validate never sees it', () => {
    const issues = refused(withEdit(SCHEMA, (schema) => (schema.properties.motivo.pattern = '^([A-Z]+_?)+$')));
    expect(issues.map(({ code, file, pointer }) => ({ code, file, pointer }))).toEqual([{ code: 'SLOW_PATTERN', file: SCHEMA, pointer: '/properties/motivo/pattern' }]);
    expect(issues[0]?.message).toMatch(/exponentially/);
  });

  it('a pattern that backtracks only polynomially still loads (lint warns about it)', () => {
    const loaded = loadCatalog(withEdit(SCHEMA, (schema) => (schema.properties.motivo.pattern = '^[A-Z_]*[A-Z_]*$')));
    expect(loaded.issues).toEqual([]);
  });

  it('1,000 overlapping versions: one VERSION_OVERLAP per version, saying only the first overlap is reported', () => {
    const original = catalogDocuments.find((document) => document.file === RULES)?.content as { version: string; validFrom: string };
    const versions = Array.from({ length: 1000 }, (_, index) => ({
      file: `rules/tasks/revoca-delega-intermediario-v${index + 2}.rules.json`,
      content: { ...structuredClone(original), version: `${index + 2}.0.0` },
    }));
    const issues = refused([...catalogDocuments, ...versions]);
    const overlaps = issues.filter((item) => item.code === 'VERSION_OVERLAP');
    expect(overlaps).toHaveLength(1000);
    expect(new Set(overlaps.map((item) => item.file)).size).toBe(1000);
    expect(overlaps[0]?.message).toMatch(/only the first overlap/);
  }, 60_000);
});
