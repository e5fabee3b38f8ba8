// The entry of a replay thread (started by replay-thread-pool.ts, built as dist/replay-thread.js): takes
// the catalog the main thread loaded and checked (nothing is read or checked again here), then replays each batch of lines it is sent with the same code as an
// in-process replay, and sends back what happened to every line. Any error ends the thread: the pool
// turns it into a failed replay, never a partial report.
import { parentPort, workerData } from 'node:worker_threads';
import { replayNumberedLines } from '../replay/replay-lines.js';
import type { TalliedLine } from '../replay/impact-report.js';
import { createRecordReplayer } from '../replay/replay-record.js';
import type { ReplayBatch, ReplayBatchDone, ReplayThreadSetup } from './replay-thread-protocol.js';

const setup = workerData as ReplayThreadSetup;
const port = parentPort;
if (!port) throw new Error('replay-thread.js runs as a worker thread of replayAuditRecordsInThreads, not on its own.');

const replayer = createRecordReplayer({ catalog: setup.catalog, ...(setup.timeoutMs !== undefined && { timeoutMs: setup.timeoutMs }) });

port.on('message', ({ batch, lines }: ReplayBatch) => {
  const results: TalliedLine[] = [];
  replayNumberedLines(lines, replayer, setup.concurrency, (replay) => {
    if (replay.status !== 'replayed' || setup.withRecords) results.push(replay);
    else {
      const { replay: _record, ...counted } = replay;
      results.push(counted);
    }
  }).then(
    () => port.postMessage({ batch, results } satisfies ReplayBatchDone),
    (error: unknown) => {
      // Thrown outside the promise, so that the thread ends with an 'error' event the pool reports.
      setImmediate(() => {
        throw error;
      });
    },
  );
});
