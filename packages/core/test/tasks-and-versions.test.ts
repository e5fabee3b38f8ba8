import { ruleDocuments } from '@smart-task/rules';
import { schemaDocuments, type RuleSetDocument } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createEngine, loadCatalog, type EngineOptions } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { NOW, TASK, azienda, revocaData, revocaFixture } from './support/revoca.js';

const documents = [...schemaDocuments, ...ruleDocuments];
const loaded = loadCatalog(documents);
if (!loaded.ok) throw new Error('the catalog must load');
const ports = { dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort() };
const engineAt = (date: string, options: Partial<EngineOptions> = {}) => createEngine({ catalog: loaded.value, ...ports, clock: { now: () => new Date(date) }, ...options });

/** The active tasks whose rule set lets the profile file them, as listTasks should offer them (sorted by id). */
const activeFor = (profile: string): string[] =>
  [...(loaded.ok ? loaded.value.tasks.values() : [])]
    .filter((task) => task.ruleSets.some(({ document }) => document.status === 'active' && document.requesters.includes(profile as never)))
    .map((task) => task.id)
    .sort();

describe('listTasks', () => {
  it('offers the active tasks the profile may file, planned ones only when the host enables them', () => {
    const ids = (options: Partial<EngineOptions> = {}) =>
      engineAt('2026-03-10T09:00:00Z', options)
        .listTasks(azienda)
        .map((task) => task.id);
    expect(ids()).toEqual(activeFor('AZIENDA'));
    expect(ids()).toContain('revoca-delega-intermediario');
    expect(ids()).not.toContain('riattivazione-posizione-contributiva');
    expect(ids({ plannedTasks: 'all' })).toContain('riattivazione-posizione-contributiva');
    expect(ids({ plannedTasks: { 'riattivazione-posizione-contributiva': { from: '2026-04-01' } } })).not.toContain('riattivazione-posizione-contributiva');
    expect(ids({ plannedTasks: { 'riattivazione-posizione-contributiva': { from: '2026-03-10' } } })).toContain('riattivazione-posizione-contributiva');
  });

  it('hides tasks the profile may not file', () => {
    const tasks = engineAt('2026-03-10T09:00:00Z').listTasks({ ...azienda, profilo: 'DIPENDENTE_DELEGATO' });
    expect(tasks.map((task) => task.id)).toEqual(activeFor('DIPENDENTE_DELEGATO'));
    expect(tasks.map((task) => task.id)).not.toContain('revoca-delega-intermediario');
  });
});

describe('versions in time', () => {
  const v1 = loaded.value.tasks.get(TASK)?.ruleSets[0]?.document as RuleSetDocument;
  const v2: RuleSetDocument = {
    ...v1,
    version: '2.0.0',
    validFrom: '2026-07-01',
    checks: v1.checks.map((check) => (check.id === 'DEL-RI-03' ? { ...check, conditions: { all: [{ fact: 'request', path: '$.dataEfficacia', operator: 'dateOnOrAfter', value: { fact: 'submittedOn' } }] } } : check)),
  };
  const versioned = [...documents.filter((document) => !document.file.includes(TASK + '.rules')), { file: 'rules/v1.rules.json', content: { ...v1, validTo: '2026-06-30' } }, { file: 'rules/v2.rules.json', content: v2 }];

  it('evaluates a request with the version in force on its submission date and says which', async () => {
    const engine = createEngine({ catalog: versioned, ...ports, clock: { now: () => NOW } });
    const data = { ...revocaData, dataEfficacia: '2026-06-15' };
    const before = await engine.evaluate(TASK, { requestId: 'V-1', subject: azienda, data, submittedAt: '2026-06-20T10:00:00+02:00' });
    const after = await engine.evaluate(TASK, { requestId: 'V-2', subject: azienda, data, submittedAt: '2026-07-01T10:00:00+02:00' });
    expect(before.ruleSet?.version).toBe('1.0.0');
    expect(after.ruleSet?.version).toBe('2.0.0');
    expect(before.kind === 'decision' && before.verdict).toBe('ACCOLTA');
    expect(after.kind === 'decision' && after.reasons.map((reason) => reason.code)).toEqual(['NA-DATA-NON-AMMESSA']);
    expect(before.ruleSet?.hash).not.toBe(after.ruleSet?.hash);
  });

  it('refuses overlapping versions when loading', () => {
    const overlapping = [...versioned.filter((document) => document.file !== 'rules/v1.rules.json'), { file: 'rules/v1.rules.json', content: v1 }];
    const loaded = loadCatalog(overlapping);
    expect(loaded.ok).toBe(false);
    expect(loaded.issues).toEqual([expect.objectContaining({ code: 'VERSION_OVERLAP', pointer: '/validFrom' })]);
  });
});

describe('planned tasks', () => {
  it('are refused by composeForm and evaluate until the host switches them on', async () => {
    const engine = engineAt('2026-03-10T09:00:00Z');
    const request = { requestId: 'P-1', subject: azienda, data: { dataRipresa: '2026-03-01' } };
    await expect(engine.evaluate('riattivazione-posizione-contributiva', request)).rejects.toMatchObject({ issues: [expect.objectContaining({ code: 'TASK_NOT_OFFERED' })] });
    await expect(engine.composeForm('riattivazione-posizione-contributiva', azienda)).rejects.toMatchObject({ issues: [expect.objectContaining({ code: 'TASK_NOT_OFFERED' })] });
    const enabled = engineAt('2026-03-10T09:00:00Z', { plannedTasks: { 'riattivazione-posizione-contributiva': true } });
    const result = await enabled.evaluate('riattivazione-posizione-contributiva', request);
    expect(result.kind === 'decision' && result.reasons.map((reason) => reason.code)).toEqual(['NA-STATO-INCOMPATIBILE']);
  });
});
