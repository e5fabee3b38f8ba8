import { catalogDocuments } from '@smart-task/rules';
import { describe, expect, it } from 'vitest';
import { createEngine, isSmartTaskError, loadCatalog, type EngineOptions } from '../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../src/entries/testing.js';
import { NOW, TASK, azienda, revocaFixture } from './support/revoca.js';

const loaded = loadCatalog(catalogDocuments);
if (!loaded.ok) throw new Error('the catalog must load');
const base: EngineOptions = { catalog: loaded.value, dataPort: createInMemoryDataPort(revocaFixture()), actionPort: createInMemoryActionPort(), clock: { now: () => NOW } };

function refusedOptions(options: unknown): string[] {
  let thrown: unknown;
  try {
    createEngine(options as EngineOptions);
  } catch (error) {
    thrown = error;
  }
  if (!isSmartTaskError(thrown)) throw new Error(`expected a SmartTaskError, got ${String(thrown)}`);
  for (const found of thrown.issues) {
    expect(found.code).toBe('INVALID_ENGINE_OPTION');
    expect(found.file).toBe('<engine>');
  }
  return thrown.issues.map((found) => found.pointer);
}

describe('createEngine refuses options of the wrong kind with INVALID_ENGINE_OPTION', () => {
  it.each([null, undefined, 'options', []])('options %j', (options) => {
    expect(refusedOptions(options)).toEqual(['']);
  });

  it.each([
    ['locale', 'fr', '/locale'],
    ['locale', 'IT', '/locale'],
    ['timeoutMs', 0, '/timeoutMs'],
    ['timeoutMs', -1, '/timeoutMs'],
    ['timeoutMs', Number.NaN, '/timeoutMs'],
    ['timeoutMs', Number.POSITIVE_INFINITY, '/timeoutMs'],
    ['timeoutMs', 2 ** 31, '/timeoutMs'],
    ['timeoutMs', '100', '/timeoutMs'],
    ['timeZone', 'Mars/Olympus_Mons', '/timeZone'],
    ['timeZone', 42, '/timeZone'],
    ['timeZone', '', '/timeZone'],
    ['plannedTasks', 'some', '/plannedTasks'],
    ['plannedTasks', { x: 'yes' }, '/plannedTasks/x'],
    ['plannedTasks', { x: { from: '2026-02-30' } }, '/plannedTasks/x'],
    ['plannedTasks', { x: { from: 20260301 } }, '/plannedTasks/x'],
    ['limits', { maxDepth: 0 }, '/limits/maxDepth'],
    ['limits', { maxStringLength: 1.5 }, '/limits/maxStringLength'],
    ['limits', { maxStrings: 10 }, '/limits/maxStrings'],
    ['limits', 10, '/limits'],
    ['clock', { now: () => 'today' }, '/clock'],
    ['clock', {}, '/clock'],
    ['logger', { debug: () => undefined }, '/logger'],
    ['dataPort', {}, '/dataPort'],
    ['actionPort', null, '/actionPort'],
    ['catalog', 'catalog', '/catalog'],
    ['compileAtStart', 'yes', '/compileAtStart'],
  ])('%s: %j', (option, value, pointer) => {
    expect(refusedOptions({ ...base, [option]: value })).toEqual([pointer]);
  });

  it('lists every wrong option at once', () => {
    expect(refusedOptions({ ...base, locale: 'fr', timeoutMs: -5, timeZone: 'Nowhere' })).toEqual(['/locale', '/timeoutMs', '/timeZone']);
  });

  it('accepts the documented forms, and listTasks and composeForm then work in both languages', async () => {
    const engine = createEngine({ ...base, locale: 'en', timeoutMs: 2_147_483_647, timeZone: 'America/New_York', plannedTasks: { x: true, y: false, z: { from: '2026-06-01' } }, limits: { maxDepth: 8 } });
    expect(engine.listTasks(azienda).length).toBeGreaterThan(0);
    expect((await engine.composeForm(TASK, azienda, { locale: 'it' })).status).toBe('ready');
  });
});
