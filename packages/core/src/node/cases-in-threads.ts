import { availableParallelism } from 'node:os';
import type { CatalogDocument } from '@smart-task/schemas';
import type { Catalog } from '../catalog/catalog.js';
import { countCases } from '../cases/count-cases.js';
import { createCoverageRecorder, measureCoverage, type CoverageRecorder, type CoverageReport } from '../cases/coverage.js';
import { createCaseRunner, casesFilesOf, runCases, type CaseResult, type CaseRunner, type RunCasesOptions } from '../cases/run-cases.js';
import type { CaseThreadSetup, CaseThreadJob, CaseThreadAnswer } from './case-thread-protocol.js';
import { restoreFactFailed } from './fact-failed-marks.js';
import { builtThreadScript, ThreadPool, type ThreadPoolWording } from './thread-pool.js';

/** A thread running cases that failed — it threw, could not load the catalog, or stopped — so the run has no results. */
export class CaseThreadError extends Error {
  override readonly name = 'CaseThreadError';
}

/** Options of {@link startCaseThreads}: those of `runCases`, and how to spread the cases. */
export interface CaseThreadsOptions extends RunCasesOptions {
  /**
   * How many threads run the cases, this one included (default `os.availableParallelism()`): this
   * thread and `threads - 1` worker threads, never more than there are cases files. 1 runs every case
   * here, as `runCases` does.
   */
  readonly threads?: number;
  /** Measure the condition-outcome coverage of the cases too, as `measureCoverage` does. */
  readonly coverage?: boolean;
  /** @internal The module each worker thread runs; default: `case-thread.js` beside this module in the build. */
  readonly threadScript?: URL | string;
}

/** The cases' results in the order `runCases` gives them, and their coverage when asked. */
export interface ThreadedCasesRun {
  readonly results: CaseResult[];
  /** Present with `coverage: true`. */
  readonly coverage?: CoverageReport;
}

/** Worker threads compiling a catalog to run its cases; see {@link startCaseThreads}. */
export interface CaseThreads {
  /**
   * Runs the cases of `catalog` — loaded in this thread from the documents the threads were started
   * with — over this thread and the worker threads. Rejects with a {@link CaseThreadError} when a
   * thread fails: there are no partial results.
   */
  run(catalog: Catalog): Promise<ThreadedCasesRun>;
  /** Stops the worker threads; call it once done, whether `run` was called, resolved or rejected. */
  close(): Promise<void>;
}

const CASE_THREADS: ThreadPoolWording = { error: CaseThreadError, name: 'test', jobs: 'cases file(s)', outcome: 'No case result was kept', rerun: 'the cases' };

/**
 * Each thread holds two cases files: the next is there when it answers one, even while this thread,
 * busy with a file of its own, has not read the answer yet.
 */
const FILES_PER_THREAD = 2;

function runInOneThread(catalog: Catalog, options: RunCasesOptions, coverage: boolean): Promise<ThreadedCasesRun> {
  return coverage ? measureCoverage(catalog, options) : runCases(catalog, options).then((results) => ({ results }));
}

/**
 * Starts the worker threads that will run a catalog's cases like `runCases` (or `measureCoverage` with
 * `coverage: true`), so that they read and compile the catalog from `documents` while this thread loads
 * it too; then {@link CaseThreads.run} spreads the cases files over this thread and the worker threads
 * — each file runs whole in one thread, its cases in order, as in a run in one thread — and puts the
 * results back in the order of a run in one thread; coverage counts are sums, added up here. Results and
 * coverage are the same as in one thread whatever the number of threads.
 * Each worker thread pays the catalog's compilation once. The vocabulary is the built-in one (a thread
 * cannot receive functions).
 *
 * @example
 * const { documents } = readCatalogDocuments(['packages/schemas', 'packages/rules']);
 * const threads = startCaseThreads(documents, { threads: 2, coverage: true });
 * try {
 *   const loaded = loadCatalog(documents);
 *   if (loaded.ok) console.log((await threads.run(loaded.value)).coverage?.percent);
 * } finally {
 *   await threads.close();
 * }
 */
export function startCaseThreads(documents: readonly CatalogDocument[], options: CaseThreadsOptions = {}): CaseThreads {
  const { threads: asked = availableParallelism(), coverage = false, threadScript, ...runOptions } = options;
  // No more threads than cases files: a thread with nothing to run would compile the catalog for nothing.
  const threads = Math.max(1, Math.min(Math.floor(asked), countCases(documents, runOptions.taskId).files));
  if (threads === 1) return { run: (catalog) => runInOneThread(catalog, runOptions, coverage), close: () => Promise.resolve() };

  const setup: CaseThreadSetup = { documents, options: runOptions, coverage };
  /** What `run` set up: the runner of this thread, the results by cases file, the recorder the counts go to. */
  let current: { readonly runner: CaseRunner; readonly answers: CaseResult[][]; readonly recorder?: CoverageRecorder } | undefined;
  const started = () => {
    if (!current) throw new Error('startCaseThreads: a cases file was answered before run() was called');
    return current;
  };
  const pool = new ThreadPool<CaseThreadJob, CaseThreadAnswer>({
    threads: threads - 1,
    jobsPerThread: FILES_PER_THREAD,
    script: threadScript ?? builtThreadScript('case-thread.js', import.meta.url, CASE_THREADS),
    setup,
    wording: CASE_THREADS,
    onAnswer: ({ index, results, factFailed, counts }) => {
      const { answers, recorder } = started();
      restoreFactFailed(results, factFailed);
      answers[index] = results;
      if (counts) recorder?.addCounts(counts);
    },
    local: async (cases) => ({ index: cases.index, results: await started().runner.run(cases), factFailed: [] }),
  });

  return {
    async run(catalog) {
      const recorder = coverage ? createCoverageRecorder(catalog, runOptions.taskId) : undefined;
      const answers: CaseResult[][] = [];
      current = { runner: createCaseRunner(catalog, runOptions, recorder?.observe, true), answers, ...(recorder && { recorder }) };
      for (const [index, cases] of casesFilesOf(catalog, runOptions.taskId).entries()) await pool.submit({ ...cases, index });
      await pool.finish();
      return { results: answers.flat(), ...(recorder && { coverage: recorder.report() }) };
    },
    close: () => pool.close(),
  };
}
