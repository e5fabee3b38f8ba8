import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What the threads of a pool are called in its errors, and the error class they are thrown as. */
export interface ThreadPoolWording {
  /** The class of every failure of the pool, e.g. `ReplayThreadError`. */
  readonly error: new (message: string, options?: ErrorOptions) => Error;
  /** What the threads do: `replay` → `replay thread 1 of 2 failed: …`. */
  readonly name: string;
  /** What a job is, counted: `batch(es) of lines`. */
  readonly jobs: string;
  /** What a failure leaves the caller with: `No report was made`. */
  readonly outcome: string;
  /** What to run again: `the replay`. */
  readonly rerun: string;
}

/** Options of a {@link ThreadPool}. */
export interface ThreadPoolOptions<Job, Answer> {
  /** How many worker threads to start (this thread, with `local`, comes on top). */
  readonly threads: number;
  /** How many jobs each thread may hold at once (one in work, the next ones waiting). */
  readonly jobsPerThread: number;
  /** The module each thread runs (see {@link builtThreadScript}); it answers every job with one message, through `answerJobs`. */
  readonly script: URL | string;
  /** What every thread is started with (`workerData`). */
  readonly setup: unknown;
  readonly wording: ThreadPoolWording;
  /** Told of each answer as it comes; an error it throws fails the pool. */
  readonly onAnswer: (answer: Answer) => void;
  /**
   * Runs jobs in this thread too, beside the worker threads, one at a time: a thread that has what the
   * jobs need ready (a compiled catalog) works instead of waiting. An error it throws fails the pool.
   */
  readonly local?: (job: Job) => Promise<Answer>;
}

/** `<file>` beside the module of `base` (`import.meta.url`), as the build lays it out; a missing file is the wording's error, which says to build or to use one thread. */
export function builtThreadScript(file: string, base: string, wording: ThreadPoolWording): URL {
  const script = new URL(`./${file}`, base);
  if (!existsSync(fileURLToPath(script))) {
    throw new wording.error(`cannot start ${wording.name} threads: ${fileURLToPath(script)} is missing. Threads run the built module: build @smart-task/core (pnpm build), or run ${wording.rerun} with threads: 1.`);
  }
  return script;
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

/** The message of what a thread threw; a value that is no Error (or lost its message crossing threads) gets a sentence that says so. */
function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  if (typeof message === 'string' && message !== '') return message;
  return typeof error === 'object' ? 'it threw something that is not an Error, or whose message was lost on the way from the thread' : String(error);
}

/** A place that takes jobs: a worker thread, or this thread when the pool has `local`. */
interface Place {
  readonly worker?: Worker;
  /** Jobs sent and not answered yet. */
  pending: number;
}

/**
 * Worker threads that answer jobs, with a bounded number of jobs in flight per thread: {@link submit}
 * waits for a free place, so the caller prepares no further job meanwhile. The first failure — a
 * thread's error or exit, an error of `onAnswer` or of `local` — rejects every wait that follows.
 */
export class ThreadPool<Job, Answer> {
  private readonly places: Place[] = [];
  private failure: { readonly error: unknown } | undefined;
  private waiting: (() => void)[] = [];
  private closing = false;
  /** The jobs of this thread, run one after the other. */
  private localQueue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ThreadPoolOptions<Job, Answer>) {
    // This thread first: with places equally busy, it takes the job (it is ready; a new thread is still starting).
    if (options.local) this.places.push({ pending: 0 });
    const { threads, wording } = options;
    // Threads are numbered from 1, this one first when it takes jobs too.
    const first = this.places.length + 1;
    const total = this.places.length + threads;
    for (let number = first; number <= total; number += 1) {
      const worker = new Worker(options.script, { workerData: options.setup, execArgv: threadExecArgv() });
      const place: Place = { worker, pending: 0 };
      const thread = `${wording.name} thread ${number} of ${total}`;
      worker.on('message', (answer: Answer) => this.answered(place, answer));
      worker.on('error', (error) => this.fail(new wording.error(`${thread} failed: ${messageOf(error)}. ${wording.outcome}: fix the cause and run ${wording.rerun} again.`, { cause: error })));
      worker.on('messageerror', (error) => this.fail(new wording.error(`${thread} sent a message that could not be read: ${error.message}.`, { cause: error })));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new wording.error(`${thread} stopped (exit code ${code}) with ${place.pending} ${wording.jobs} unanswered. ${wording.outcome}: run ${wording.rerun} again, or with --threads 1 to see the error in this process.`));
      });
      this.places.push(place);
    }
  }

  /** Sends a job to the place with the fewest jobs in flight, once one has a free place. */
  async submit(job: Job): Promise<void> {
    const { jobsPerThread, local } = this.options;
    await this.until(() => this.places.some((place) => place.pending < jobsPerThread));
    const place = this.places.reduce((least, candidate) => (candidate.pending < least.pending ? candidate : least));
    place.pending += 1;
    if (place.worker) {
      place.worker.postMessage(job);
      return;
    }
    const run = local as (job: Job) => Promise<Answer>;
    this.localQueue = this.localQueue.then(async () => {
      if (this.failure) {
        place.pending -= 1;
        return;
      }
      let answer: Answer;
      try {
        answer = await run(job);
      } catch (error) {
        place.pending -= 1;
        this.fail(error);
        return;
      }
      this.answered(place, answer);
      // A job here may never wait for anything but promises: let the threads' answers in before the next one.
      await new Promise<void>((resume) => setImmediate(resume));
    });
  }

  /** Resolves once every job sent has been answered. */
  finish(): Promise<void> {
    return this.until(() => this.places.every((place) => place.pending === 0));
  }

  /** Stops the worker threads (a job of this thread in progress ends on its own). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.places.flatMap((place) => (place.worker ? [place.worker.terminate()] : [])));
  }

  private answered(place: Place, answer: Answer): void {
    place.pending -= 1;
    if (!this.failure) {
      try {
        this.options.onAnswer(answer);
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
