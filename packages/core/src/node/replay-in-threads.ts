import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { ImpactTally, type ImpactReport } from '../replay/impact-report.js';
import { countedLines, replayAuditRecords, type LineReplay } from '../replay/replay-audit-records.js';
import { DEFAULT_REPLAY_CONCURRENCY, type NumberedLine } from '../replay/replay-lines.js';
import { SmartTaskError } from '../errors.js';
import { loadCatalogFromDirectories } from './read-catalog.js';
import type { ReplayBatch, ReplayBatchDone, ReplayThreadSetup } from './replay-thread-protocol.js';
import { builtThreadScript, ThreadPool, type ThreadPoolWording } from './thread-pool.js';

/** A replay thread that failed — it threw or stopped — so the replay has no report. */
export class ReplayThreadError extends Error {
  override readonly name = 'ReplayThreadError';
}

/**
 * Options of {@link replayAuditRecordsInThreads}: the catalog — loaded already (`catalog`), or the
 * directories to load it from (`catalogDirectories`) — and the settings of the replay.
 */
export type ThreadedReplayOptions = ThreadedReplaySettings &
  (
    | {
        /**
         * A catalog loaded with the built-in vocabulary (by `loadCatalog` or `loadCatalogFromDirectories`): it is
         * sent to each thread as data, and nothing is read or checked again.
         */
        readonly catalog: Catalog;
        readonly catalogDirectories?: undefined;
        readonly base?: undefined;
      }
    | {
        /** The directories of the catalog to replay with: read and checked once, in this thread. */
        readonly catalogDirectories: readonly string[];
        /** The directory relative `catalogDirectories` and the catalog's file names are taken from (default `process.cwd()`). */
        readonly base?: string;
        readonly catalog?: undefined;
      }
  );

/** The settings of {@link replayAuditRecordsInThreads} besides the catalog. */
export interface ThreadedReplaySettings {
  /** How many worker threads replay the records (default `os.availableParallelism()`); 1 replays in this thread. */
  readonly threads?: number;
  /** How many examples of each kind of change the report keeps (default 5). */
  readonly examples?: number;
  /** How many skipped lines the report lists by number (default 20). */
  readonly skippedLinesShown?: number;
  /** How many records each thread evaluates at the same time (default 4). */
  readonly concurrency?: number;
  /** How many lines go to a thread at once (default 64); each thread holds at most two batches. */
  readonly batchSize?: number;
  /** How long a call the record holds as aborted may wait for the evaluation to abort, in milliseconds (default 1000). */
  readonly timeoutMs?: number;
  /**
   * Told of every non-blank line once it is done with, in completion order — which, across threads, is
   * not the order of the file (each result carries its `line`). When set, the threads send back the new
   * audit record of every replayed line too, which costs time.
   */
  readonly onLine?: (replay: LineReplay) => void;
  /** @internal The module each thread runs; default: `replay-thread.js` beside this module in the build. */
  readonly threadScript?: URL | string;
}

const BATCHES_PER_THREAD = 2;

const REPLAY_THREADS: ThreadPoolWording = { error: ReplayThreadError, name: 'replay', jobs: 'batch(es) of lines', outcome: 'No report was made', rerun: 'the replay' };

/** The catalog under the directories, read and checked in full; one with errors throws a `SmartTaskError` with its issues. */
function catalogUnder(catalogDirectories: readonly string[], base: string): Catalog {
  const loaded = loadCatalogFromDirectories(
    catalogDirectories.map((directory) => resolve(base, directory)),
    { base },
  );
  if (loaded.ok) return loaded.value;
  throw new SmartTaskError(
    `The catalog under ${catalogDirectories.join(', ')} has issues; fix them (smart-task validate lists them) before replaying`,
    loaded.issues.filter((found) => found.severity === 'error'),
  );
}

/**
 * Replays audit records like `replayAuditRecords` (from `@smart-task/core/audit`), spread over worker
 * threads: the catalog is loaded and checked once, here (or given loaded), and sent to each thread as
 * data; this thread reads the lines in order and hands batches of them to the threads, which replay them
 * with the same code; the results are counted here into one report, identical to the report of a replay
 * in one thread (counts, and examples kept by line number). At most two batches per thread are in flight
 * and no line is read while they are, so memory stays flat. A catalog with errors throws a
 * `SmartTaskError` with its issues before any thread starts. A thread that fails — it throws or stops —
 * rejects the replay with a `ReplayThreadError`: there is no partial report. The vocabulary is the
 * built-in one (a thread cannot receive functions).
 *
 * @example
 * const report = await replayAuditRecordsInThreads(readFileLines('decisions.jsonl'), { catalogDirectories: ['packages/schemas', 'packages/rules'], threads: 2 });
 */
export async function replayAuditRecordsInThreads(lines: AsyncIterable<string> | Iterable<string>, options: ThreadedReplayOptions): Promise<ImpactReport> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_REPLAY_CONCURRENCY));
  const catalog = options.catalog ?? catalogUnder(options.catalogDirectories, options.base ?? process.cwd());
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  if (threads === 1) {
    return replayAuditRecords(lines, {
      catalog,
      concurrency,
      ...timeout,
      ...(options.examples !== undefined && { examples: options.examples }),
      ...(options.skippedLinesShown !== undefined && { skippedLinesShown: options.skippedLinesShown }),
      ...(options.onLine && { onLine: options.onLine }),
    });
  }

  const tally = new ImpactTally(options.examples ?? 5, options.skippedLinesShown ?? 20);
  const { onLine } = options;
  const setup: ReplayThreadSetup = { catalog, concurrency, withRecords: onLine !== undefined, ...timeout };
  const pool = new ThreadPool<ReplayBatch, ReplayBatchDone>({
    threads,
    jobsPerThread: BATCHES_PER_THREAD,
    script: options.threadScript ?? builtThreadScript('replay-thread.js', import.meta.url, REPLAY_THREADS),
    setup,
    wording: REPLAY_THREADS,
    onAnswer: (results) => {
      for (const result of results) {
        tally.lineReplayed(result);
        // With onLine set, the threads send every replayed line with its record: a LineReplay.
        onLine?.(result as LineReplay);
      }
    },
  });
  try {
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? 64));
    let batch: NumberedLine[] = [];
    for await (const line of countedLines(lines, tally)) {
      batch.push(line);
      if (batch.length < batchSize) continue;
      await pool.submit(batch);
      batch = [];
    }
    if (batch.length > 0) await pool.submit(batch);
    await pool.finish();
  } finally {
    await pool.close();
  }
  return tally.report();
}
