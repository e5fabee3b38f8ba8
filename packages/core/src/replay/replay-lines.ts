import type { SkipCause } from './impact-report.js';
import { readRecordLine } from './read-record-line.js';
import type { RecordReplayer, RecordReplayResult } from './replay-record.js';

/** What happened to one line of the records file. */
export type LineReplay = { readonly line: number; readonly status: 'skipped'; readonly cause: SkipCause; readonly problem: string } | (RecordReplayResult & { readonly line: number });

/**
 * How many records a replay evaluates at once by default. The recorded answers come from memory, so
 * more at once buys no waiting time back and costs CPU (about 8% per record at 16, measured against 4
 * on a 2-core machine); a few at once keep a record whose new rules wait on a call the record holds
 * as aborted (up to `timeoutMs`) from stopping the others.
 */
export const DEFAULT_REPLAY_CONCURRENCY = 4;

/** A non-blank line of a records file, with its number in the file (1-based). */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

const replayFailed = (record: { readonly requestId: string; readonly taskId: string }, error: unknown): RecordReplayResult => ({
  status: 'not-replayable',
  requestId: record.requestId,
  taskId: record.taskId,
  cause: 'replay failed',
  detail: (error as Error)?.message ?? String(error),
  becauseOfRules: true,
});

/**
 * Replays numbered lines with a replayer: each line is parsed and checked (or skipped, with its cause)
 * and its record evaluated again, at most `concurrency` at once; the next line is pulled only when a
 * place is free. `done` is told of every line in completion order. An error thrown by `done` stops the
 * pulling; it is rethrown once the records in evaluation are settled.
 */
export async function replayNumberedLines(lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>, replayer: RecordReplayer, concurrency: number, done: (replay: LineReplay) => void): Promise<void> {
  let inFlight = 0;
  let placeFreed: (() => void) | undefined;
  let listenerError: { readonly error: unknown } | undefined;
  const tell = (replay: LineReplay) => {
    try {
      done(replay);
    } catch (error) {
      listenerError ??= { error };
    }
  };
  const settled = () => {
    inFlight -= 1;
    placeFreed?.();
  };

  for await (const { line, text } of lines) {
    const parsed = readRecordLine(text);
    if ('cause' in parsed || !replayer.hasTask(parsed.record.taskId)) {
      const skip = 'cause' in parsed ? parsed : { cause: 'unknown-task' as const, problem: `unknown task ${JSON.stringify(parsed.record.taskId)}: the catalog has no such task` };
      tell({ line, status: 'skipped', cause: skip.cause, problem: skip.problem });
    } else {
      const { record } = parsed;
      inFlight += 1;
      void replayer
        .replay(record)
        .catch((error: unknown) => replayFailed(record, error))
        .then((result) => tell({ ...result, line }))
        .finally(settled);
      while (inFlight >= concurrency) await new Promise<void>((resolve) => (placeFreed = resolve));
    }
    if (listenerError) break;
  }
  while (inFlight > 0) await new Promise<void>((resolve) => (placeFreed = resolve));
  if (listenerError) throw listenerError.error;
}
