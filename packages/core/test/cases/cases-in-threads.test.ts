import { fileURLToPath } from 'node:url';
import type { CatalogDocument } from '@smart-task/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { measureCoverage } from '../../src/cases/coverage.js';
import { runCases, type CaseResult } from '../../src/cases/run-cases.js';
import { FACT_FAILED } from '../../src/evaluate/evaluation-context.js';
import { CaseThreadError, startCaseThreads, type CaseThreadsOptions, type ThreadedCasesRun } from '../../src/node/cases-in-threads.js';
import { readCatalogDocuments } from '../../src/node/read-catalog.js';
import type { LooseJson } from '../support/loose-json.js';
import { threadScripts, type ThreadScripts } from '../support/thread-scripts.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const NOW = '2026-03-10T09:00:00+01:00';
const REVOCA = 'revoca-delega-intermediario';
/** What differs between two runs of the same case: how long things took. */
const TIMES = new Set(['timings', 'durationMs', 'startedAtMs']);

/** A copy without the durations, the rest (symbols included) as it is. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => (TIMES.has(key) ? [] : [[key, withoutTimes(item)]])));
}

const holdsFactFailed = (result: CaseResult) => [...(result.result?.gates ?? []), ...(result.result?.checks ?? [])].some((rule) => rule.conditions.some((condition) => condition.factValue === FACT_FAILED || condition.comparedWith === FACT_FAILED));

describe('the cases of a catalog run across threads', () => {
  let scripts: ThreadScripts;
  let documents: CatalogDocument[];
  let catalog: Catalog;
  beforeAll(async () => {
    scripts = await threadScripts();
    // The repository's catalog, with the first revoca case expecting the wrong verdict: one case fails.
    documents = readCatalogDocuments(['packages/schemas', 'packages/rules'], REPO).documents.map((document) => {
      if (!document.file.endsWith(`${REVOCA}.cases.json`)) return document;
      const content: LooseJson = structuredClone(document.content);
      content.cases[0].expect.verdict = 'NON_ACCOLTA';
      return { file: document.file, content };
    });
    const loaded = loadCatalog(documents);
    if (!loaded.ok) throw new Error(loaded.issues.map((item) => `${item.file} ${item.message}`).join('\n'));
    catalog = loaded.value;
  }, 120_000);
  afterAll(() => scripts?.remove());

  async function inThreads(options: CaseThreadsOptions, threadScript: URL = scripts.caseThread): Promise<ThreadedCasesRun> {
    const threads = startCaseThreads(documents, { ...options, threadScript });
    try {
      return await threads.run(catalog);
    } finally {
      await threads.close();
    }
  }

  it('gives the results of runCases in their order, a failing case and failed facts included, and the coverage of measureCoverage', async () => {
    const single = await measureCoverage(catalog, { now: NOW });
    // The cases files over this thread and two others, so that the answers come out of order.
    const threaded = await inThreads({ now: NOW, threads: 3, coverage: true });
    expect(withoutTimes(threaded.results)).toEqual(withoutTimes(single.results));
    expect(threaded.coverage).toEqual(single.coverage);
    expect(threaded.results.filter((result) => !result.passed).map((result) => result.caseId)).toEqual(['azienda-revoca-delega-attiva']);
    expect(threaded.results.filter(holdsFactFailed).length).toBeGreaterThan(0);
    expect(threaded.results.filter(holdsFactFailed).length).toBe(single.results.filter(holdsFactFailed).length);
  }, 240_000);

  it('passes the evaluator on to the threads', async () => {
    const options = { now: NOW, evaluator: 'json-rules-engine' } as const;
    const single = await runCases(catalog, options);
    const threaded = await inThreads({ ...options, threads: 2 });
    expect(withoutTimes(threaded.results)).toEqual(withoutTimes(single));
    expect(threaded.coverage).toBeUndefined();
  }, 240_000);

  it('starts no thread with threads: 1, nor for the cases of one file (--task)', async () => {
    const crashing = scripts.write('crashing-at-start.mjs', "throw new Error('no thread should start');\n");
    const single = await runCases(catalog, { now: NOW, taskId: REVOCA });
    for (const options of [{ threads: 1 }, { threads: 4 }]) {
      const run = await inThreads({ now: NOW, taskId: REVOCA, ...options }, crashing);
      expect(withoutTimes(run.results)).toEqual(withoutTimes(single));
    }
  });

  it('fails with a CaseThreadError naming the error when a thread throws: no results', async () => {
    const crashing = scripts.write('crashing-thread.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {\n  throw new Error('out of luck on this batch');\n});\n");
    const run = inThreads({ now: NOW, threads: 2 }, crashing);
    await expect(run).rejects.toThrow(CaseThreadError);
    await expect(run).rejects.toThrow(/^test thread 2 of 2 failed: out of luck on this batch\. No case result was kept: fix the cause and run the cases again\.$/);
  }, 120_000);

  it('fails when a thread stops without answering', async () => {
    const exiting = scripts.write('exiting-thread.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    await expect(inThreads({ now: NOW, threads: 2 }, exiting)).rejects.toThrow(/^test thread 2 of 2 stopped \(exit code 3\) with [12] cases file\(s\) unanswered\. No case result was kept/);
  }, 120_000);
});
