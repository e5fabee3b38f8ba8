import type { Catalog } from '../catalog/catalog.js';
import type { NumberedLine } from '../replay/replay-lines.js';
import type { TalliedLine } from '../replay/impact-report.js';

/** What a replay thread is started with (`workerData`). */
export interface ReplayThreadSetup {
  /** The catalog the main thread loaded and checked, as data (a copy): the thread compiles its rule sets as it meets them. */
  readonly catalog: Catalog;
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
