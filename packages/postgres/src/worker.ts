import { isSmartTaskError, type Logger } from '@smart-task/core';
import { listAllRequests, type LifecycleRequest, type LifecycleStep, type RequestLifecycle, type RequestRepository, type RequestState, type Submission } from '@smart-task/core/lifecycle';
import type PgBoss from 'pg-boss';
import type { RequestLock } from './request-lock.js';

/** The pg-boss queues of Smart-Task: one job per step due on a request, and the periodic sweep. */
export const SMART_TASK_QUEUES = {
  /** `{ protocollo }`: do what is due for the request ({@link RequestLifecycle.advance}). */
  request: 'smart-task-request',
  /** Finds what has no job (a lost job, a stopped worker, a due notice) and queues it. */
  sweep: 'smart-task-sweep',
} as const;

/** Options of {@link startSmartTaskWorker}. */
export interface SmartTaskWorkerOptions {
  /** A started pg-boss ({@link openJobQueue}) on the database of the requests. */
  readonly boss: PgBoss;
  /** The host's lifecycle, on the same repository and outbox. */
  readonly lifecycle: RequestLifecycle;
  readonly repository: RequestRepository;
  /** {@link createAdvisoryRequestLock} on a server, {@link createInProcessRequestLock} on the embedded database. */
  readonly lock: RequestLock;
  /**
   * After how long a step that was never followed by another counts as left by a stopped worker
   * (default 5 minutes). Keep it well above the longest istruttoria (port deadlines included).
   */
  readonly staleAfterMs?: number;
  /** How often the sweep runs, across all workers (default every 30 seconds). */
  readonly sweepEverySeconds?: number;
  /** Request jobs this process runs at once (default 4). */
  readonly concurrency?: number;
  /** How often an idle worker asks for jobs, in seconds (default 2; pg-boss allows down to 0.5). */
  readonly pollingIntervalSeconds?: number;
  /** Told of jobs that failed (they are retried by pg-boss). */
  readonly logger?: Logger;
}

/** What one sweep found and queued. */
export interface SweepReport {
  /** Requests with a step due and no worker on it: a retry due, a step left by a stopped worker, a job lost. */
  readonly queued: readonly string[];
  /** Notices delivered (or retried) from the outbox. */
  readonly notices: number;
}

/** A running worker. */
export interface SmartTaskWorker {
  /** Runs a sweep now (the periodic one runs by itself). */
  sweep(): Promise<SweepReport>;
  /** Stops taking new jobs; `boss.stop()` (the host's, after this) waits for the running ones. */
  stop(): Promise<void>;
}

const DEFAULTS = { staleAfterMs: 5 * 60_000, sweepEverySeconds: 30, concurrency: 4, pollingIntervalSeconds: 2 } as const;

/** States in which a request may have a step due without a job: filed and never started, or a step left half-way. */
const WAITING_STATES: readonly RequestState[] = ['SUBMITTED', 'IN_ISTRUTTORIA', 'OPERATIONS_IN_PROGRESS'];

/** Creates the queues if they are missing; safe to call from every worker at start. */
export async function prepareSmartTaskQueues(boss: PgBoss): Promise<void> {
  // A job does what is due for one request. Policy `short`: at most one job per request waits to
  // start (its singletonKey is the protocollo), so sweeps and follow-ups never pile up duplicates; one
  // whose worker died stays active until it expires, and the sweep queues another meanwhile.
  await boss.createQueue(SMART_TASK_QUEUES.request, { name: SMART_TASK_QUEUES.request, policy: 'short', retryLimit: 20, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 * 60 });
  await boss.createQueue(SMART_TASK_QUEUES.sweep, { name: SMART_TASK_QUEUES.sweep, retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60 });
}

/** Queues the job that does what is due for a request, at `after` (now when absent); nothing when one is already waiting. */
export async function queueRequestJob(boss: PgBoss, protocollo: string, after?: Date): Promise<void> {
  await boss.send(SMART_TASK_QUEUES.request, { protocollo }, { singletonKey: protocollo, ...(after && { startAfter: after }) });
}

/**
 * Files a request for the workers: protocolled and saved `SUBMITTED` by the host (the requester gets
 * their protocol number at once), then a job runs the istruttoria. A host that stops between the two
 * leaves the request to the sweep, once it is stale.
 *
 * @example
 * const { request } = await submitToWorkers(lifecycle, boss, { taskId, subject, data });
 */
export async function submitToWorkers(lifecycle: RequestLifecycle, boss: PgBoss, submission: Submission): Promise<LifecycleStep> {
  const step = await lifecycle.submit(submission, { istruttoria: 'deferred' });
  await queueRequestJob(boss, step.request.protocollo);
  return step;
}

function isMovedOn(error: unknown): boolean {
  const code = isSmartTaskError(error) ? error.issues[0]?.code : undefined;
  return code === 'VERSION_CONFLICT' || code === 'ILLEGAL_TRANSITION';
}

/**
 * Starts a worker in this process: it runs request jobs (each under the request's lock, so no request
 * is worked on by two workers at once), queues the retry a step scheduled as a job that starts when
 * it is due, and takes its turn at the sweep, which queues what has no job and delivers due notices.
 * Start as many as needed, in as many processes and machines, on one PostgreSQL server.
 *
 * @example
 * const store = await openSmartTaskStore({ connectionString });
 * const boss = await openJobQueue({ connectionString });
 * const lifecycle = createRequestLifecycle({ engine, repository: store.repository, outbox: store.outbox, recordEvaluation: store.auditStore.record, nextProtocollo, notifications });
 * const worker = await startSmartTaskWorker({ boss, lifecycle, repository: store.repository, lock: createAdvisoryRequestLock(store.pool) });
 * process.on('SIGTERM', async () => { await worker.stop(); await boss.stop(); await store.close(); });
 */
export async function startSmartTaskWorker(options: SmartTaskWorkerOptions): Promise<SmartTaskWorker> {
  const { boss, lifecycle, repository, lock, logger } = options;
  const staleAfterMs = options.staleAfterMs ?? DEFAULTS.staleAfterMs;
  const sweepEverySeconds = options.sweepEverySeconds ?? DEFAULTS.sweepEverySeconds;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? DEFAULTS.pollingIntervalSeconds;
  await prepareSmartTaskQueues(boss);

  /** Queues the next job a request's state calls for: its retry, when it is due. */
  const queueWhatFollows = async (request: LifecycleRequest | undefined): Promise<void> => {
    if (request?.retry) await queueRequestJob(boss, request.protocollo, new Date(request.retry.nextAttemptAt));
  };

  const runRequestJob = async (protocollo: string): Promise<void> => {
    const release = await lock.tryLock(protocollo);
    if (!release) return; // another worker holds it and queues what follows
    let after: LifecycleRequest | undefined;
    try {
      const step = await lifecycle.advance(protocollo, { staleAfterMs });
      after = step?.request;
    } catch (error) {
      if (!isMovedOn(error)) throw error; // pg-boss retries the job
    } finally {
      await release();
    }
    await queueWhatFollows(after ?? (await repository.get(protocollo)));
  };

  const sweep = async (): Promise<SweepReport> => {
    const now = Date.now();
    const waiting = await listAllRequests(repository, { states: WAITING_STATES, sortBy: 'updatedAt' });
    const due = await listAllRequests(repository, { retryDueBy: new Date(now).toISOString(), sortBy: 'updatedAt' });
    const queued = [...waiting.filter((request) => Date.parse(request.updatedAt) <= now - staleAfterMs), ...due].map((request) => request.protocollo);
    for (const protocollo of new Set(queued)) await queueRequestJob(boss, protocollo);
    let notices = 0;
    for (let delivered = await lifecycle.deliverDueNotices(); delivered.length > 0; delivered = await lifecycle.deliverDueNotices()) {
      notices += delivered.length;
      if (delivered.length < 100) break;
    }
    return { queued: [...new Set(queued)], notices };
  };

  const workerIds: string[] = [];
  for (let index = 0; index < (options.concurrency ?? DEFAULTS.concurrency); index += 1) {
    let id: string | undefined;
    // eslint-disable-next-line prefer-const -- declared apart on purpose: the handler reads `id` and may run before boss.work resolves, when a const would still be in its temporal dead zone and throw.
    id = await boss.work<{ protocollo: string }>(SMART_TASK_QUEUES.request, { pollingIntervalSeconds }, async ([job]) => {
      if (!job) return;
      await runRequestJob(job.data.protocollo);
      // A poller that found work asks again at once instead of after its polling interval.
      if (id !== undefined) boss.notifyWorker(id);
    });
    workerIds.push(id);
  }
  workerIds.push(await boss.work(SMART_TASK_QUEUES.sweep, { pollingIntervalSeconds }, async () => void (await sweep())));

  // Every worker offers a sweep each period; pg-boss keeps one per period across all of them.
  const offerSweep = () => boss.sendThrottled(SMART_TASK_QUEUES.sweep, {}, {}, sweepEverySeconds).catch((error: unknown) => logger?.warn('smart-task: sweep not queued', { error: String(error) }));
  await offerSweep();
  const timer = setInterval(() => void offerSweep(), sweepEverySeconds * 1000);
  timer.unref();

  return {
    sweep,
    async stop() {
      clearInterval(timer);
      for (const id of workerIds) await boss.offWork({ id });
    },
  };
}
