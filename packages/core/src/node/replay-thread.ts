// The entry of a replay thread (started by replay-in-threads.ts, built as dist/replay-thread.js): takes
// the catalog the main thread loaded and checked (nothing is read or checked again here), then replays each batch of lines it is sent with the same code as an
// in-process replay, and sends back what happened to every line. Any error ends the thread: the pool
// turns it into a failed replay, never a partial report.
import { replayNumberedLines } from '../replay/replay-lines.js';
import type { TalliedLine } from '../replay/impact-report.js';
import { createRecordReplayer } from '../replay/replay-record.js';
import type { ReplayBatch, ReplayBatchDone, ReplayThreadSetup } from './replay-thread-protocol.js';
import { answerJobs, threadSetup } from './thread-jobs.js';

const setup = threadSetup<ReplayThreadSetup>('replay-thread.js', 'replayAuditRecordsInThreads');

const replayer = createRecordReplayer({ catalog: setup.catalog, ...(setup.timeoutMs !== undefined && { timeoutMs: setup.timeoutMs }) });

answerJobs(async (lines: ReplayBatch): Promise<ReplayBatchDone> => {
  const results: TalliedLine[] = [];
  await replayNumberedLines(lines, replayer, setup.concurrency, (replay) => {
    if (replay.status !== 'replayed' || setup.withRecords) results.push(replay);
    else {
      const { replay: _record, ...counted } = replay;
      results.push(counted);
    }
  });
  return results;
});
