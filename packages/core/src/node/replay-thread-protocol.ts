import type { NumberedLine } from '../replay/replay-lines.js';
import type { TalliedLine } from '../replay/impact-report.js';

/** What a replay thread is started with (`workerData`). */
export interface ReplayThreadSetup {
  /** The catalog directories, absolute; each thread reads and compiles the catalog itself. */
  readonly directories: readonly string[];
  /** The directory the catalog's file names are relative to. */
  readonly base: string;
  /** How many records the thread evaluates at once. */
  readonly concurrency: number;
  readonly timeoutMs?: number;
  /** Send back the new audit record of each replayed line (only when someone reads it: it is the bulk of a result). */
  readonly withRecords: boolean;
}

/** A job of a replay thread: a batch of lines. */
export type ReplayBatch = readonly NumberedLine[];

/** A replay thread's answer: what happened to each line of a batch, in completion order. */
export type ReplayBatchDone = readonly TalliedLine[];
