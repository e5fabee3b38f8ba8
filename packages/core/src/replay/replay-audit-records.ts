import { ImpactTally, type ImpactReport } from './impact-report.js';
import { recordText } from './read-record-line.js';
import { DEFAULT_REPLAY_CONCURRENCY, replayNumberedLines, type LineReplay, type NumberedLine } from './replay-lines.js';
import { createRecordReplayer, type RecordReplayerOptions } from './replay-record.js';

export type { LineReplay } from './replay-lines.js';

/** Options of {@link replayAuditRecords}. */
export interface ReplayOptions extends RecordReplayerOptions {
  /** How many examples of each kind of change the report keeps (default 5). */
  readonly examples?: number;
  /** How many skipped lines the report lists by number (default 20). */
  readonly skippedLinesShown?: number;
  /** How many records are evaluated at the same time (default 4); no more lines are read meanwhile. */
  readonly concurrency?: number;
  /** Told of every line once it is done with, in completion order (e.g. to write the details somewhere). */
  readonly onLine?: (replay: LineReplay) => void;
}

/**
 * Replays audit records — one JSON record per line, as `toAuditRecord` writes them — against a catalog
 * and returns the impact report: what changed in verdicts, reasons, warnings and operations, which
 * records could not be replayed and why, which lines were skipped. Lines are pulled from `lines` one at
 * a time and at most `concurrency` records are in evaluation at once, so memory stays flat whatever the
 * number of records; the report keeps counts and the first examples only.
 *
 * @example
 * // on Node: import { readFileLines } from '@smart-task/core/node'
 * const report = await replayAuditRecords(readFileLines('decisions.jsonl'), { catalog });
 * console.log(report.verdicts.byTransition);
 */
export async function replayAuditRecords(lines: AsyncIterable<string> | Iterable<string>, options: ReplayOptions): Promise<ImpactReport> {
  const tally = new ImpactTally(options.examples ?? 5, options.skippedLinesShown ?? 20);
  const replayer = createRecordReplayer(options);
  await replayNumberedLines(countedLines(lines, tally), replayer, Math.max(1, Math.floor(options.concurrency ?? DEFAULT_REPLAY_CONCURRENCY)), (replay) => {
    tally.lineReplayed(replay);
    options.onLine?.(replay);
  });
  return tally.report();
}

/** The non-blank lines with their numbers; every line read, blank or not, is counted in `tally`. */
export async function* countedLines(lines: AsyncIterable<string> | Iterable<string>, tally: ImpactTally): AsyncGenerator<NumberedLine> {
  let line = 0;
  for await (const read of lines) {
    line += 1;
    const text = recordText(read);
    tally.lineRead(text === undefined);
    if (text !== undefined) yield { line, text };
  }
}
