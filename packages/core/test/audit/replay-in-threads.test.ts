import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCatalogCopy, copyCatalog, type CatalogCopy } from '../../../cli/test/cli/cli-harness.js';
import { SmartTaskError } from '../../src/errors.js';
import { formatImpactReport } from '../../src/replay/format-impact-report.js';
import type { LineReplay } from '../../src/replay/replay-audit-records.js';
import { join } from 'node:path';
import { loadCatalogFromDirectories } from '../../src/node/read-catalog.js';
import { ReplayThreadError, replayAuditRecordsInThreads } from '../../src/node/replay-in-threads.js';
import { readSoggettoInTheChecks, recordEveryCase, repositoryCatalog, toJsonLines } from './audit-support.js';
import { threadScripts, type ThreadScripts } from '../support/thread-scripts.js';

const TASK = 'riattivazione-posizione-contributiva';

describe('replay across worker threads', () => {
  let scripts: ThreadScripts;
  let catalog: CatalogCopy;
  let lines: string[];
  beforeAll(async () => {
    scripts = await threadScripts();
    catalog = copyCatalog();
    // Changed rules: the 18-month limit becomes 12 (verdicts, reasons and operations change), and a check reads a fact no record holds (not replayable).
    catalog.editJson(`rules/tasks/${TASK}.rules.json`, (rules) => {
      rules.facts.limiteRiattivazione.args.months = 12;
    });
    catalog.editJson('rules/tasks/revoca-delega-intermediario.rules.json', readSoggettoInTheChecks);
    const records = toJsonLines((await recordEveryCase(repositoryCatalog())).map((item) => item.record));
    const [first, second] = records as [string, string];
    const broken = JSON.parse(second);
    lines = [
      ...records.slice(0, 150),
      '',
      'not json',
      JSON.stringify({ ...broken, auditVersion: 2 }),
      JSON.stringify({ ...broken, taskId: 'cessazione-inesistente' }),
      `\uFEFF${first}\r`,
      ...records.slice(150),
      '{"auditVersion":1}',
      '   ',
      ...records,
    ];
  }, 120_000);
  afterAll(() => {
    scripts?.remove();
    catalog?.remove();
  });

  const replay = (threads: number, onLine?: (replay: LineReplay) => void) =>
    replayAuditRecordsInThreads(lines, {
      catalogDirectories: ['schemas', 'rules'],
      base: catalog.dir,
      threads,
      // Small batches, so that the threads answer out of line order and the merge is put to the test.
      batchSize: 7,
      examples: 3,
      skippedLinesShown: 4,
      // A busy two-core machine can hold a replay longer than the default deadline of 1 s.
      timeoutMs: 60_000,
      threadScript: scripts.replayThread,
      ...(onLine && { onLine }),
    });

  it('gives the very report of a replay in one thread: counts, examples by line, skipped lines, text', async () => {
    const single = await replay(1);
    expect(single.verdicts.changed).toBeGreaterThan(0);
    expect(single.unchanged).toBeGreaterThan(0);
    expect(single.notReplayable.total).toBeGreaterThan(0);
    expect(single.skipped.total).toBe(4);
    expect(single.lines - single.records).toBe(2);
    const threaded = await replay(2);
    expect(threaded).toEqual(single);
    expect(formatImpactReport(threaded)).toBe(formatImpactReport(single));
  }, 240_000);

  it('gives the same report from a catalog loaded already, sent to the threads as data', async () => {
    const loaded = loadCatalogFromDirectories([join(catalog.dir, 'schemas'), join(catalog.dir, 'rules')], { base: catalog.dir });
    if (!loaded.ok) throw new Error('the catalog copy does not load');
    const fromDirectories = await replay(2);
    const fromCatalog = await replayAuditRecordsInThreads(lines, { catalog: loaded.value, threads: 2, batchSize: 7, examples: 3, skippedLinesShown: 4, timeoutMs: 60_000, threadScript: scripts.replayThread });
    expect(fromCatalog).toEqual(fromDirectories);
  }, 240_000);

  it('tells onLine of every non-blank line once, with its number and the new record of a replayed one', async () => {
    const told: LineReplay[] = [];
    const report = await replay(2, (line) => told.push(line));
    const numbers = told.map((line) => line.line).sort((a, b) => a - b);
    const nonBlank = lines.flatMap((text, index) => (text.trim() === '' ? [] : [index + 1]));
    expect(numbers).toEqual(nonBlank);
    expect(told.filter((line) => line.status === 'replayed')).toHaveLength(report.replayed);
    for (const line of told) if (line.status === 'replayed') expect(line.replay.requestId).toBe(line.requestId);
  }, 240_000);
});

describe('a replay thread that fails', () => {
  const copy = useCatalogCopy();
  let scripts: ThreadScripts;
  let lines: string[];
  beforeAll(async () => {
    scripts = await threadScripts();
    lines = toJsonLines((await recordEveryCase(repositoryCatalog())).map((item) => item.record)).slice(0, 40);
  }, 120_000);
  afterAll(() => scripts?.remove());

  const replayWith = (threadScript: URL, base = copy.dir) => replayAuditRecordsInThreads(lines, { catalogDirectories: ['schemas', 'rules'], base, threads: 2, batchSize: 5, threadScript });

  it('rejects the replay with a ReplayThreadError naming the error: no partial report', async () => {
    const crashing = scripts.write('crashing-thread.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {\n  throw new Error('out of luck on this batch');\n});\n");
    const failed = replayWith(crashing);
    await expect(failed).rejects.toThrow(ReplayThreadError);
    await expect(failed).rejects.toThrow(/^replay thread [12] of 2 failed: out of luck on this batch\. No report was made/);
  });

  it('rejects the replay when a thread stops without answering', async () => {
    const exiting = scripts.write('exiting-thread.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    await expect(replayWith(exiting)).rejects.toThrow(/^replay thread [12] of 2 stopped \(exit code 3\) with [12] batch\(es\) of lines unanswered/);
  });

  it('refuses a catalog with errors before any thread starts, with its issues', async () => {
    copy.edit(`rules/tasks/${TASK}.rules.json`, () => '{ not json');
    const refused = replayWith(scripts.replayThread);
    await expect(refused).rejects.toThrow(SmartTaskError);
    await expect(refused).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ code: 'JSON_SYNTAX', file: `rules/tasks/${TASK}.rules.json` })]) });
  });
});
