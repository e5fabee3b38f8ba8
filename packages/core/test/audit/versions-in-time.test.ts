import { describe, expect, it } from 'vitest';
import type { PortFixture, Subject } from '@smart-task/schemas';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '../../src/adapters/in-memory-ports.js';
import { toAuditRecord } from '../../src/audit/audit-record.js';
import { createEngine } from '../../src/engine.js';
import { loadCatalogFromDirectories } from '../../src/node/read-catalog.js';
import { replayAuditRecords, type LineReplay } from '../../src/replay/replay-audit-records.js';
import { useCatalogCopy } from '../../../cli/test/cli/cli-harness.js';
import { repositoryCatalog } from './audit-support.js';
import type { LooseJson } from '../support/loose-json.js';

const TASK = 'riattivazione-posizione-contributiva';

describe('versions in time', () => {
  const copy = useCatalogCopy();

  /** A temporary catalog where version 1.0.0 (18 months) ends on 30 June 2026 and 2.0.0 (12 months) starts on 1 July. */
  function twoVersionCatalog() {
    const file = `rules/tasks/${TASK}.rules.json`;
    let v2: LooseJson = {};
    copy.editJson(file, (rules) => {
      rules.validTo = '2026-06-30';
      v2 = JSON.parse(JSON.stringify({ ...rules, version: '2.0.0', validFrom: '2026-07-01', validTo: null }));
      v2.facts.limiteRiattivazione.args.months = 12;
    });
    copy.write(`rules/tasks/${TASK}.v2.rules.json`, v2);
    const loaded = loadCatalogFromDirectories([copy.path('schemas'), copy.path('rules')], { base: copy.dir });
    if (!loaded.ok) throw new Error(loaded.issues.map((found) => `${found.file}${found.pointer} ${found.message}`).join('; '));
    const cases = JSON.parse(JSON.stringify(loaded.value.tasks.get(TASK)?.cases[0]?.document)) as { subject: Subject; fixture: PortFixture };
    const fixture = mergeFixtures(cases.fixture, {
      facts: {
        posizioneContributiva: [
          {
            params: { matricola: cases.subject.matricola },
            result: { matricola: cases.subject.matricola, cfSoggetto: cases.subject.soggettoCf, denominazione: 'Associazione Culturale Aurora', gestione: 'DM', stato: 4, dataStato: '2025-02-15', dataInizio: '2015-03-01', codiceSede: '7000' },
          },
        ],
      },
    });
    return { catalog: loaded.value, subject: cases.subject, fixture };
  }

  it('evaluates each request with the version in force on its submission date, in the engine time zone, and records which', async () => {
    const { catalog, subject, fixture } = twoVersionCatalog();
    const engine = createEngine({ catalog, dataPort: createInMemoryDataPort(fixture), actionPort: createInMemoryActionPort(), plannedTasks: 'all', clock: { now: () => new Date('2026-07-02T09:00:00+02:00') } });
    expect(engine.ruleSetInForce(TASK, '2026-06-30')?.version).toBe('1.0.0');
    expect(engine.ruleSetInForce(TASK, '2026-07-01')?.version).toBe('2.0.0');
    // Suspended since 15/02/2025, restart on 20/06/2026: within 18 months, beyond 12.
    const data = { dataRipresa: '2026-06-20' };
    const submissions = {
      'last day of 1.0.0': '2026-06-30T10:00:00+02:00',
      'first day of 2.0.0 in Rome, still 30 June in UTC': '2026-06-30T22:30:00Z',
      'first day of 2.0.0': '2026-07-01T10:00:00+02:00',
    };
    const results = await Promise.all(Object.values(submissions).map((submittedAt, index) => engine.evaluate(TASK, { requestId: `V-${index}`, subject, data, submittedAt })));
    expect(results.map((result) => [result.referenceDate, result.ruleSet?.version, result.kind === 'decision' && result.verdict])).toEqual([
      ['2026-06-30', '1.0.0', 'ACCOLTA'],
      ['2026-07-01', '2.0.0', 'NON_ACCOLTA'],
      ['2026-07-01', '2.0.0', 'NON_ACCOLTA'],
    ]);
    const records = results.map(toAuditRecord);
    const [v1, v2] = [catalog.tasks.get(TASK)?.ruleSets[0], catalog.tasks.get(TASK)?.ruleSets[1]];
    expect(records.map((record) => record.ruleSet?.version)).toEqual(['1.0.0', '2.0.0', '2.0.0']);
    expect(records[0]?.ruleSet).toMatchObject({ version: '1.0.0', validFrom: v1?.document.validFrom, validTo: '2026-06-30' });
    expect(records[1]?.ruleSet).toMatchObject({ version: '2.0.0', validFrom: '2026-07-01', validTo: null });
    expect(records[0]?.ruleSet?.hash).not.toBe(records[1]?.ruleSet?.hash);
    expect(records[1]?.ruleSet?.hash).toBe(records[2]?.ruleSet?.hash);
    expect(v2?.document.version).toBe('2.0.0');

    // Replayed at their own clock, each record meets its own version again: nothing changes.
    const lines: LineReplay[] = [];
    const same = await replayAuditRecords(
      records.map((record) => JSON.stringify(record)),
      { catalog, onLine: (line) => lines.push(line) },
    );
    expect(same).toMatchObject({ replayed: 3, changed: 0, rulesChanged: 0 });
    expect(lines.map((line) => line.status === 'replayed' && line.replay.ruleSet?.version).sort()).toEqual(['1.0.0', '2.0.0', '2.0.0']);

    // Against the repository's catalog (1.0.0 only, no end date) the 2.0.0 decisions flip back.
    const repository = await replayAuditRecords(
      records.map((record) => JSON.stringify(record)),
      { catalog: repositoryCatalog() },
    );
    expect(repository).toMatchObject({ replayed: 3, changed: 2, verdicts: { byTransition: { 'NON_ACCOLTA → ACCOLTA': 2 } } });
    expect(repository.rulesChanged).toBe(3);
  });
});
