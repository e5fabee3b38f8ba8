// The entry of a replay thread (started by replay-thread-pool.ts, built as dist/replay-thread.js): reads
// and compiles the catalog once, then replays each batch of lines it is sent with the same code as an
// in-process replay, and sends back what happened to every line. Any error ends the thread: the pool
// turns it into a failed replay, never a partial report.
import { parentPort, workerData } from 'node:worker_threads';
import { replayNumberedLines } from '../replay/replay-lines.js';
import type { TalliedLine } from '../replay/impact-report.js';
import { createRecordReplayer } from '../replay/replay-record.js';
import { loadCatalogFromDirectories } from './read-catalog.js';
import type { ReplayBatch, ReplayBatchDone, ReplayThreadSetup } from './replay-thread-protocol.js';

const setup = workerData as ReplayThreadSetup;
const port = parentPort;
if (!port) throw new Error('replay-thread.js runs as a worker thread of replayAuditRecordsInThreads, not on its own.');

const loaded = loadCatalogFromDirectories(setup.directories, { base: setup.base });
if (!loaded.ok) {
  const errors = loaded.issues.filter((found) => found.severity === 'error');
  throw new Error(`the catalog under ${setup.directories.join(', ')} has ${errors.length === 1 ? 'an issue' : `${errors.length} issues`} (${errors[0]?.file}: ${errors[0]?.message}); run smart-task validate for all of them`);
}
const replayer = createRecordReplayer({ catalog: loaded.value, ...(setup.timeoutMs !== undefined && { timeoutMs: setup.timeoutMs }) });

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
