import { describe, expect, it } from 'vitest';
import { loadCatalogFromDirectories } from '../../src/node/read-catalog.js';
import { useCatalogCopy } from '../../../cli/test/cli/cli-harness.js';
import { canonicalJson } from '../../src/json/canonical-hash.js';
import { formatImpactReport } from '../../src/replay/format-impact-report.js';
import { replayAuditRecords, type LineReplay } from '../../src/replay/replay-audit-records.js';
import { readSoggettoInTheChecks, recordEveryCase, repositoryCatalog, toJsonLines } from './audit-support.js';
import { toAuditRecord } from '../../src/audit/audit-record.js';
import { createEngine, type ActionPort } from '../../src/index.js';
import { createInMemoryActionPort, createInMemoryDataPort } from '../../src/entries/testing.js';
import { NOW, TASK as REVOCA, azienda, revocaData, revocaFixture } from '../support/revoca.js';

const catalog = repositoryCatalog();

describe('replay under the same rules', () => {
  it('reproduces 100% of the verdicts, reasons and operations of every case of the catalog', async () => {
    const recorded = await recordEveryCase(catalog);
    expect(new Set(recorded.map((item) => item.task))).toEqual(new Set(catalog.tasks.keys()));
    const lines: LineReplay[] = [];
    const report = await replayAuditRecords(toJsonLines(recorded.map((item) => item.record)), { catalog, onLine: (line) => lines.push(line) });
    expect(report).toMatchObject({ records: recorded.length, replayed: recorded.length, unchanged: recorded.length, changed: 0, rulesChanged: 0 });
    expect(report.skipped.total).toBe(0);
    expect(report.notReplayable.total).toBe(0);
    for (const part of [report.verdicts, report.reasons, report.warnings, report.operations]) expect(part).toMatchObject({ changed: 0, examples: [] });
    // A replayed decision gives the very same audit record, bit for bit.
    for (const line of lines) {
      if (line.status !== 'replayed') throw new Error(`line ${line.line} was not replayed: ${JSON.stringify(line)}`);
      const original = recorded[line.line - 1]?.record;
      if (original?.outcome.kind === 'decision') expect(canonicalJson(line.replay)).toBe(canonicalJson(original));
      else expect(line.replay.outcome.error?.code).toBe(original?.outcome.error?.code);
    }
  }, 60_000); // evaluates and replays every case of the catalog
});

/** The last day of a month (1–12). */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `date` + `months` calendar months, clamped to the month's last day: written here apart from the engine's helper. */
function plusMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const total = year * 12 + month - 1 + months;
  const [toYear, toMonth] = [Math.floor(total / 12), (total % 12) + 1];
  return `${toYear}-${String(toMonth).padStart(2, '0')}-${String(Math.min(day, lastDay(toYear, toMonth))).padStart(2, '0')}`;
}

describe('replay under a changed rule set', () => {
  const TASK = 'riattivazione-posizione-contributiva';
  const copy = useCatalogCopy();

  it('reports exactly the records whose verdict, reasons or operations the change flips', async () => {
    const recorded = await recordEveryCase(catalog);
    copy.editJson(`rules/tasks/${TASK}.rules.json`, (rules) => {
      const limit = rules.facts.limiteRiattivazione;
      if (limit?.args?.months !== 18) throw new Error(`the 18-month rule is no longer the fact limiteRiattivazione of ${TASK}: update this test`);
      limit.args.months = 12;
    });
    const changed = loadCatalogFromDirectories([copy.path('schemas'), copy.path('rules')], { base: copy.dir });
    if (!changed.ok) throw new Error(changed.issues.map((found) => found.message).join('; '));

    // Independently of the engine: which recorded requests of the task fall between the 12- and the 18-month limit.
    const flipsPosRi02 = recorded.filter(({ task, record }) => {
      if (task !== TASK) return false;
      const posizione = record.portCalls.find((call) => call.fact === 'posizioneContributiva')?.response as { stato?: number; dataStato?: string } | null | undefined;
      const gatesPassed = record.outcome.checks.filter((rule) => rule.kind === 'gate').every((gate) => gate.status === 'PASSED');
      const dataRipresa = record.request.dataRipresa as string;
      if (!gatesPassed || posizione?.stato !== 4 || !posizione.dataStato) return false;
      return plusMonths(posizione.dataStato, 12) < dataRipresa && dataRipresa <= plusMonths(posizione.dataStato, 18);
    });
    const decidedOrStoppedAtOperations = flipsPosRi02.filter(({ record }) => record.outcome.kind === 'decision' || record.outcome.error?.code === 'OPERATION_FAILED');
    const ids = (items: readonly { record: { requestId: string } }[]) => items.map((item) => item.record.requestId).sort();
    const expectedVerdictFlips = ids(decidedOrStoppedAtOperations.filter(({ record }) => record.outcome.verdict !== 'NON_ACCOLTA'));
    const expectedOperationChanges = ids(decidedOrStoppedAtOperations.filter(({ record }) => record.outcome.operations.length > 0));
    expect(expectedVerdictFlips.length).toBeGreaterThan(0);

    const lines: LineReplay[] = [];
    const report = await replayAuditRecords(toJsonLines(recorded.map((item) => item.record)), { catalog: changed.value, onLine: (line) => lines.push(line), examples: 2 });
    const changedIn = (part: 'verdict' | 'reasons' | 'operations') => lines.flatMap((line) => (line.status === 'replayed' && line.changes[part] ? [line.requestId] : [])).sort();
    expect(changedIn('verdict')).toEqual(expectedVerdictFlips);
    expect(changedIn('reasons')).toEqual(ids(decidedOrStoppedAtOperations));
    expect(changedIn('operations')).toEqual(expectedOperationChanges);
    expect(report.verdicts.changed).toBe(expectedVerdictFlips.length);
    expect(report.reasons.changed).toBe(decidedOrStoppedAtOperations.length);
    const transitions: Record<string, number> = {};
    for (const { record } of decidedOrStoppedAtOperations.filter((item) => item.record.outcome.verdict !== 'NON_ACCOLTA')) {
      const transition = `${record.outcome.verdict ?? `TECHNICAL_FAILURE:${record.outcome.error?.code}`} → NON_ACCOLTA`;
      transitions[transition] = (transitions[transition] ?? 0) + 1;
    }
    expect(report.verdicts.byTransition).toEqual(transitions);
    expect(report.verdicts.examples).toHaveLength(Math.min(2, expectedVerdictFlips.length));
    expect(report.verdicts.examples.map((example) => example.line)).toEqual(
      lines
        .filter((line) => line.status === 'replayed' && line.changes.verdict)
        .map((line) => line.line)
        .sort((a, b) => a - b)
        .slice(0, 2),
    );
    expect(report.rulesChanged).toBe(recorded.filter((item) => item.task === TASK && item.record.ruleSet).length);
    expect(report.notReplayable.total).toBe(0);
  });
});

describe('records the catalog cannot replay', () => {
  const TASK = 'riattivazione-posizione-contributiva';
  const copy = useCatalogCopy();

  it('a record whose new rules read a port fact it lacks is "not replayable: needs fact X", counted apart', async () => {
    const recorded = await recordEveryCase(catalog);
    copy.editJson(`rules/tasks/${TASK}.rules.json`, readSoggettoInTheChecks);
    const changed = loadCatalogFromDirectories([copy.path('schemas'), copy.path('rules')], { base: copy.dir });
    if (!changed.ok) throw new Error(changed.issues.map((found) => found.message).join('; '));
    // The checks run only when every gate passed: those decisions would now read soggettoContribuente.
    const reachChecks = recorded.filter(({ task, record }) => task === TASK && record.outcome.kind === 'decision' && record.outcome.checks.every((rule) => rule.kind !== 'gate' || rule.status === 'PASSED'));
    const stopAtGates = recorded.filter(({ task, record }) => task === TASK && record.outcome.kind === 'decision' && !reachChecks.some((item) => item.record === record));
    expect(reachChecks.length).toBeGreaterThan(0);
    expect(stopAtGates.length).toBeGreaterThan(0);

    const lines: LineReplay[] = [];
    const report = await replayAuditRecords(toJsonLines(recorded.map((item) => item.record)), { catalog: changed.value, onLine: (line) => lines.push(line) });
    const byRequest = new Map(lines.map((line) => [line.status === 'skipped' ? '' : line.requestId, line]));
    for (const { record } of reachChecks) {
      expect(byRequest.get(record.requestId)).toMatchObject({ status: 'not-replayable', cause: 'needs fact "soggettoContribuente"', detail: expect.stringContaining(`soggettoContribuente({"cf":"${record.subject.soggettoCf}"})`) });
    }
    for (const { record } of stopAtGates) expect(byRequest.get(record.requestId)).toMatchObject({ status: 'replayed', changes: {} });
    expect(report.notReplayable.byCause['needs fact "soggettoContribuente"']).toBeGreaterThanOrEqual(reachChecks.length);
    expect(report.notReplayable.total).toBe(lines.filter((line) => line.status === 'not-replayable').length);
    expect(report.replayed + report.notReplayable.total).toBe(recorded.length);
    expect(report.notReplayable.becauseOfRules).toBe(report.notReplayable.total);
    expect(report.changed).toBe(0);
  });

  it('reads a file saved with a byte-order mark and Windows line ends', async () => {
    const [first, second] = (await recordEveryCase(catalog)).map((item) => item.record);
    if (!first || !second) throw new Error('the catalog has fewer than two cases');
    const report = await replayAuditRecords([`\uFEFF${JSON.stringify(first)}\r`, `${JSON.stringify(second)}\r`, '\r'], { catalog });
    expect(report).toMatchObject({ lines: 3, records: 2, replayed: 2, unchanged: 2 });
    expect(report.skipped.total).toBe(0);
  });

  it('does not count as a change a recorded evaluation the host cancelled: it is not replayable', async () => {
    const controller = new AbortController();
    const inner = createInMemoryActionPort();
    // The host cancels while the first operation runs: the evaluation ends ABORTED, without a verdict.
    const actionPort: ActionPort = { perform: async (call, context) => (controller.abort(), await inner.perform(call, context)) };
    const engine = createEngine({ catalog, dataPort: createInMemoryDataPort(revocaFixture()), actionPort, clock: { now: () => NOW } });
    const cancelled = await engine.evaluate(REVOCA, { requestId: 'R-1', subject: azienda, data: revocaData, submittedAt: NOW.toISOString() }, { signal: controller.signal });
    expect(cancelled).toMatchObject({ kind: 'technical-failure', error: { code: 'ABORTED' } });
    const lines: LineReplay[] = [];
    const report = await replayAuditRecords([JSON.stringify(toAuditRecord(cancelled))], { catalog, onLine: (line) => lines.push(line) });
    expect(lines).toEqual([expect.objectContaining({ status: 'not-replayable', cause: 'cancelled by the host' })]);
    expect(report).toMatchObject({ replayed: 0, changed: 0, notReplayable: { total: 1, becauseOfRules: 0 } });
    expect(report.verdicts.changed).toBe(0);
  });

  it('counts blank, malformed, foreign and unknown-task lines with their line numbers and replays the rest', async () => {
    const [first, second] = (await recordEveryCase(catalog)).map((item) => item.record);
    if (!first || !second) throw new Error('the catalog has fewer than two cases');
    const lines = [
      JSON.stringify(first),
      '',
      '{"auditVersion":1,"requestId":',
      JSON.stringify({ ...second, auditVersion: 2 }),
      JSON.stringify({ ...second, outcome: { ...second.outcome, kind: 'verdetto' } }),
      '[1,2,3]',
      JSON.stringify({ ...second, taskId: 'cessazione-inesistente' }),
      JSON.stringify({ ...second, clock: { ...second.clock, timeZone: 'Europe/Atlantide' } }),
      JSON.stringify(second),
    ];
    const report = await replayAuditRecords(lines, { catalog, skippedLinesShown: 4 });
    expect(report).toMatchObject({ lines: 9, records: 8, replayed: 2, unchanged: 2 });
    expect(report.skipped.total).toBe(6);
    expect(report.skipped.byCause).toEqual({ unparseable: 1, 'invalid-record': 4, 'unknown-task': 1 });
    expect(report.skipped.lines).toEqual([
      { line: 3, cause: 'unparseable', problem: expect.stringContaining('not JSON') },
      { line: 4, cause: 'invalid-record', problem: 'auditVersion 2 is not supported; this version of smart-task reads auditVersion 1' },
      { line: 5, cause: 'invalid-record', problem: expect.stringContaining('/outcome/kind must be equal to one of the allowed values') },
      { line: 6, cause: 'invalid-record', problem: expect.stringContaining('no "auditVersion"') },
    ]);
    expect(formatImpactReport(report)).toContain('… and 2 more');
    const all = await replayAuditRecords(lines, { catalog });
    expect(all.skipped.lines.slice(4)).toEqual([
      { line: 7, cause: 'unknown-task', problem: 'unknown task "cessazione-inesistente": the catalog has no such task' },
      { line: 8, cause: 'invalid-record', problem: expect.stringContaining('unknown time zone "Europe/Atlantide"') },
    ]);
  });
});

describe('streaming', () => {
  it('pulls records one at a time and never has more than the concurrency bound in evaluation', async () => {
    const [template] = (await recordEveryCase(catalog)).map((item) => item.record).filter((record) => record.outcome.verdict === 'ACCOLTA');
    if (!template) throw new Error('the catalog has no accepted case');
    // Enough records that reading ahead would show (far more than the bound), few enough for a busy two-core machine.
    const TOTAL = 4_000;
    const CONCURRENCY = 8;
    const line = JSON.stringify(template);
    let pulled = 0;
    let settled = 0;
    let mostAhead = 0;
    async function* generated(): AsyncGenerator<string> {
      for (let index = 0; index < TOTAL; index += 1) {
        pulled += 1;
        const ahead = pulled - settled;
        mostAhead = Math.max(mostAhead, ahead);
        if (ahead > CONCURRENCY) throw new Error(`read ahead: ${ahead} records pulled and not settled, more than the bound ${CONCURRENCY}`);
        yield line;
      }
    }
    // The recorded answers come back at once; the deadline (1 s by default) is not what this test is
    // about, and a starved two-core machine (two workers and a build) can hold a replay longer than that.
    const report = await replayAuditRecords(generated(), { catalog, concurrency: CONCURRENCY, examples: 3, timeoutMs: 60_000, onLine: () => (settled += 1) });
    expect(report, JSON.stringify(report, null, 1)).toMatchObject({ records: TOTAL, replayed: TOTAL, changed: 0 });
    expect(settled).toBe(TOTAL);
    expect(mostAhead).toBe(CONCURRENCY);
  }, 240_000);
});
