import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../catalog/catalog.js';
import type { Result } from '../errors.js';

/**
 * In a thread module of a `ThreadPool`: what the pool started the thread with (`workerData`). Throws
 * when the module is run on its own, not as a worker thread of `startedBy`.
 */
export function threadSetup<Setup>(module: string, startedBy: string): Setup {
  if (!parentPort) throw new Error(`${module} runs as a worker thread of ${startedBy}, not on its own.`);
  return workerData as Setup;
}

/**
 * In a thread module of a `ThreadPool`: answers every job the pool sends with one message, the value
 * `answer` resolves to. An error of `answer` ends the thread, which the pool turns into its failure.
 */
export function answerJobs<Job, Answer>(answer: (job: Job) => Promise<Answer>): void {
  const port = parentPort;
  if (!port) throw new Error('answerJobs runs in a worker thread of a ThreadPool.');
  port.on('message', (job: Job) => {
    answer(job).then(
      (result) => port.postMessage(result),
      (error: unknown) => {
        // Thrown outside the promise, so that the thread ends with an 'error' event the pool reports.
        setImmediate(() => {
          throw error;
        });
      },
    );
  });
}

/**
 * In a thread module: the catalog the thread loaded, or an error naming its first issue (`the catalog
 * under … has 2 issues (file: message); …`), which ends the thread.
 */
export function loadedCatalog(loaded: Result<Catalog>, what: string): Catalog {
  if (loaded.ok) return loaded.value;
  const errors = loaded.issues.filter((found) => found.severity === 'error');
  throw new Error(`${what} has ${errors.length === 1 ? 'an issue' : `${errors.length} issues`} (${errors[0]?.file}: ${errors[0]?.message}); run smart-task validate for all of them`);
}
