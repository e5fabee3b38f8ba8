import { Worker } from 'node:worker_threads';
import type { TalliedLine } from '../replay/impact-report.js';
import type { NumberedLine } from '../replay/replay-lines.js';
import type { ReplayBatch, ReplayBatchDone, ReplayThreadSetup } from './replay-thread-protocol.js';

/** A replay thread that failed — it threw, could not load the catalog, or stopped — so the replay has no report. */
export class ReplayThreadError extends Error {
  override readonly name = 'ReplayThreadError';
}

/** Options of a {@link ReplayThreadPool}. */
export interface ReplayThreadPoolOptions {
  readonly threads: number;
  /** How many batches each thread may hold at once (one in work, the next ones waiting). */
  readonly batchesPerThread: number;
  /** The module each thread runs: `replay-thread.js` of the build. */
  readonly script: URL | string;
  readonly setup: ReplayThreadSetup;
  /** Told of the results of each batch as it is answered; an error it throws fails the pool. */
  readonly onResults: (results: readonly TalliedLine[]) => void;
}

/**
 * The Node options of this process that a thread takes too: all of them (loaders, conditions, …) but
 * `--input-type`, which Node refuses in a thread (it is given with `--eval`, e.g. `node --input-type=module -e …`).
 */
function threadExecArgv(): string[] {
  const kept: string[] = [];
  for (let index = 0; index < process.execArgv.length; index += 1) {
    const arg = process.execArgv[index] as string;
    if (arg === '--input-type') index += 1;
    else if (!arg.startsWith('--input-type=')) kept.push(arg);
  }
  return kept;
}

interface ReplayThread {
  readonly worker: Worker;
  readonly number: number;
  /** Batches sent and not answered yet. */
  pending: number;
}

/**
 * Worker threads that replay batches of lines, with a bounded number of batches in flight per thread:
 * {@link submit} waits for a free place, so the caller reads no further meanwhile. The first failure —
 * a thread's error or exit, or an error of `onResults` — rejects every wait that follows.
 */
export class ReplayThreadPool {
  private readonly threads: ReplayThread[] = [];
  private failure: { readonly error: unknown } | undefined;
  private waiting: (() => void)[] = [];
  private closing = false;
  private batches = 0;

  constructor(private readonly options: ReplayThreadPoolOptions) {
    for (let number = 1; number <= options.threads; number += 1) {
      const worker = new Worker(options.script, { workerData: options.setup, execArgv: threadExecArgv() });
      const thread: ReplayThread = { worker, number, pending: 0 };
      worker.on('message', (done: ReplayBatchDone) => this.answered(thread, done));
      worker.on('error', (error) => this.fail(new ReplayThreadError(`replay thread ${number} of ${options.threads} failed: ${error.message ?? String(error)}. No report was made: fix the cause and run the replay again.`, { cause: error })));
      worker.on('messageerror', (error) => this.fail(new ReplayThreadError(`replay thread ${number} of ${options.threads} sent a message that could not be read: ${error.message}.`, { cause: error })));
      worker.on('exit', (code) => {
        if (!this.closing)
          this.fail(
            new ReplayThreadError(
              `replay thread ${number} of ${options.threads} stopped (exit code ${code}) with ${thread.pending} batch(es) of lines unanswered. No report was made: run the replay again, or with --threads 1 to see the error in this process.`,
            ),
          );
      });
      this.threads.push(thread);
    }
  }

  /** Sends a batch to the thread with the fewest batches in flight, once one has a free place. */
  async submit(lines: readonly NumberedLine[]): Promise<void> {
    const { batchesPerThread } = this.options;
    await this.until(() => this.threads.some((thread) => thread.pending < batchesPerThread));
    const thread = this.threads.reduce((least, candidate) => (candidate.pending < least.pending ? candidate : least));
    thread.pending += 1;
    this.batches += 1;
    thread.worker.postMessage({ batch: this.batches, lines } satisfies ReplayBatch);
  }

  /** Resolves once every batch sent has been answered. */
  finish(): Promise<void> {
    return this.until(() => this.threads.every((thread) => thread.pending === 0));
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private answered(thread: ReplayThread, done: ReplayBatchDone): void {
    thread.pending -= 1;
    if (!this.failure) {
      try {
        this.options.onResults(done.results);
      } catch (error) {
        this.fail(error);
      }
    }
    this.wake();
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!this.failure && !ready()) await new Promise<void>((resume) => this.waiting.push(resume));
    if (this.failure) throw this.failure.error;
  }
}
