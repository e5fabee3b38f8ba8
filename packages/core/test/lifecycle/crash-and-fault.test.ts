import { AsyncLocalStorage } from 'node:async_hooks';
import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import type { CasesDocument, PortFixture, Subject } from '@smart-task/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/entries/audit.js';
import type { LifecycleRequest, NotificationMessage, NotificationOutbox, RequestLifecycle, RequestRepository, RetryPolicy } from '../../src/entries/lifecycle.js';
import { SCHEDULED_STATES, createInMemoryNotificationOutbox, createInMemoryRequestRepository, createRequestLifecycle, isFinalState, toOperatorRequestView } from '../../src/entries/lifecycle.js';
import { createEngine, loadCatalog } from '../../src/index.js';
import { mergeFixtures } from '../../src/entries/testing.js';
import { toAuditRecord } from '../../src/entries/audit.js';
import type { ActionPort, DataPort } from '../../src/port.js';
import { FakeBackOffice, never, type OperationFault } from '../support/back-office.js';

/**
 * The crash-and-fault suite: every case of the catalog that ends ACCOLTA with operations, driven
 * through the lifecycle with a stateful back office (an operation changes what the data port answers
 * next) and a fault at each step — before and after each operation: a throw, a hang past the deadline,
 * a bad outcome, a process crash (the in-flight call abandoned, a new lifecycle over the same storage),
 * the storage failing to save the operation; for the whole request: the audit store failing once, the
 * notification gateway hanging, a crash while deciding; and a fault that never clears (hand-over to the
 * Sede). Each is driven to its end by the scheduler alone, and must end with the fault-free verdict,
 * every operation taking effect exactly once, nothing read after an effect, and every notice delivered once.
 */

const loaded = loadCatalog([...catalogDocuments, ...caseDocuments]);
if (!loaded.ok) throw new Error('the bundled catalog does not load');
const catalog = loaded.value;

/** Deadline of each port call: the hangs and crashes cost this much real time. */
const TIMEOUT_MS = 250;
/** Generous, so that a busy machine's slow answers (retried like any fault) never exhaust the attempts. */
const RETRIES: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, factor: 1, maxDelayMs: 1_000 };
const STALE_AFTER_MS = 5_000;
const ROUND_MS = 10_000;
const NOTICE_PREFERENCE = { channel: 'EMAIL', address: 'titolare@example.it' } as const;

/** One accepted case of the catalog, with what its fault-free run planned. */
interface AcceptedCase {
  readonly taskId: string;
  readonly caseId: string;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly fixture: PortFixture;
  /** The engine's clock for the case (the built-in fact `today`). */
  readonly now: string;
  /** When the lifecycle files it. */
  readonly submittedAt: string;
}

/** A fault of a scenario: one at an operation, or one of the whole request. */
type Fault = OperationFault | { readonly kind: 'audit-fails-once' | 'notification-hangs' | 'crash-while-deciding' };

/**
 * The engine's clock for the scenario that is running: each case has its own `now`, and the scenarios of
 * several cases run side by side (their port waits overlap), so the clock follows the async context.
 */
const caseNow = new AsyncLocalStorage<Date>();
const worlds = new Map<string, { backOffice: FakeBackOffice; crashWhileDeciding: (() => void) | undefined }>();
const routedData: DataPort = {
  fetch: (fact, params, context) => {
    const world = worlds.get(context.requestId);
    if (!world) throw new Error(`no world for ${context.requestId}`);
    if (world.crashWhileDeciding) {
      const crash = world.crashWhileDeciding;
      world.crashWhileDeciding = undefined;
      crash();
      return never();
    }
    return world.backOffice.dataPort.fetch(fact, params, context);
  },
};
const routedActions: ActionPort = { perform: (call, context) => (worlds.get(context.requestId) as { backOffice: FakeBackOffice }).backOffice.actionPort.perform(call, context) };
const engine = createEngine({ catalog, dataPort: routedData, actionPort: routedActions, clock: { now: () => caseNow.getStore() ?? new Date() }, plannedTasks: 'all', timeoutMs: TIMEOUT_MS });

/** What the storage answers to the save the `record-save-fails` fault refuses. */
const SAVE_FAILURE = 'database unavailable: the save was not committed';

/** The storage every process of one scenario shares: requests, audit records, the notice outbox. */
interface Storage {
  readonly repository: RequestRepository;
  readonly outbox: ReturnType<typeof createInMemoryNotificationOutbox>;
  readonly audit: AuditRecord[];
  readonly delivered: NotificationMessage[];
  failNextSave: boolean;
}

/** A host process: a lifecycle over the shared storage, which stops reaching it once killed. */
interface HostProcess {
  readonly lifecycle: RequestLifecycle;
  kill(): void;
  readonly alive: () => boolean;
}

function startProcess(storage: Storage, clock: { now(): Date }, fault: Fault | undefined, protocollo: string): HostProcess {
  let alive = true;
  const guard = <T>(work: () => Promise<T>): Promise<T> => (alive ? work() : Promise.reject(new Error('this host process has stopped')));
  const repository: RequestRepository = {
    get: (id) => guard(() => storage.repository.get(id)),
    list: (query) => guard(() => storage.repository.list(query)),
    save: (request) =>
      guard(() => {
        if (!storage.failNextSave) return storage.repository.save(request);
        storage.failNextSave = false;
        return Promise.reject(new Error(SAVE_FAILURE));
      }),
  };
  const outbox: NotificationOutbox = {
    add: (entries) => guard(() => storage.outbox.add(entries)),
    claim: (claim) => guard(() => storage.outbox.claim(claim)),
    update: (entry) => guard(() => storage.outbox.update(entry)),
  };
  const hung = new Set<string>();
  let auditFailures = fault?.kind === 'audit-fails-once' ? 1 : 0;
  const lifecycle = createRequestLifecycle({
    engine,
    repository,
    outbox,
    clock,
    retryPolicy: RETRIES,
    noticeRetryPolicy: RETRIES,
    noticeTimeoutMs: TIMEOUT_MS,
    nextProtocollo: () => protocollo,
    recordEvaluation: (result) =>
      guard(async () => {
        if (auditFailures > 0) {
          auditFailures -= 1;
          throw new Error('audit store unavailable');
        }
        storage.audit.push(toAuditRecord(result));
        return `audit-${storage.audit.length}`;
      }),
    notifications: {
      send: (message) =>
        guard(async () => {
          if (fault?.kind === 'notification-hangs' && !hung.has(message.id)) {
            hung.add(message.id);
            return never<void>();
          }
          storage.delivered.push(message);
        }),
      // The gateway's status lookup: what makes a notice sent once, not at least once, when a process
      // stops between the gateway's answer and the outbox (docs/guide/lifecycle.md, "Sent once").
      wasSent: (messageId) => guard(async () => storage.delivered.some((message) => message.id === messageId)),
    },
  });
  return { lifecycle, kill: () => void (alive = false), alive: () => alive };
}

/** True when a scheduler call or the Sede has something to do with the request: what "not stuck" means. */
function hasNextStep(request: LifecycleRequest): boolean {
  if (isFinalState(request.state) || request.state === 'IN_CARICO_SEDE') return true;
  if (SCHEDULED_STATES.has(request.state)) return request.retry !== undefined;
  return ['SUBMITTED', 'IN_ISTRUTTORIA', 'OPERATIONS_IN_PROGRESS'].includes(request.state); // recoverInterrupted, once stale
}

/** What one scenario ended with. */
interface ScenarioEnd {
  readonly request: LifecycleRequest;
  readonly backOffice: FakeBackOffice;
  readonly storage: Storage;
  readonly crashes: number;
  readonly stuck: readonly string[];
  readonly protocollo: string;
}

let sequence = 0;

/** Files the case through the lifecycle with `fault`, then lets the scheduler alone drive it to its end, with the engine's clock at the case's `now`. */
function runScenario(accepted: AcceptedCase, plannedIds: readonly string[], fault: Fault | undefined): Promise<ScenarioEnd> {
  return caseNow.run(new Date(accepted.now), () => driveScenario(accepted, plannedIds, fault));
}

/** How many cases have their scenarios in flight at once: their waits (deadlines of 250 ms) overlap. */
const CASES_IN_FLIGHT = 4;

/** `work` for every item, at most `limit` at a time, the results in the items' order. */
async function mapInBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += limit) results.push(...(await Promise.all(items.slice(start, start + limit).map(work))));
  return results;
}

async function driveScenario(accepted: AcceptedCase, plannedIds: readonly string[], fault: Fault | undefined): Promise<ScenarioEnd> {
  const protocollo = `INPS.7000.2026.${String((sequence += 1)).padStart(6, '0')}`;
  const storage: Storage = { repository: createInMemoryRequestRepository(), outbox: createInMemoryNotificationOutbox(), audit: [], delivered: [], failNextSave: false };
  let now = Date.parse(accepted.submittedAt);
  const clock = { now: () => new Date(now) };
  let current = startProcess(storage, clock, fault, protocollo);
  let crashes = 0;
  let onCrash: () => void = () => undefined;
  const crash = () => {
    crashes += 1;
    current.kill();
    onCrash();
  };
  /**
   * One call of the current process, until it ends or the process crashes meanwhile (the call then never
   * answers); a crashed process is replaced by a new one over the same storage, as a host is restarted.
   * `failed` says what a rejected call means: the scheduler's next tick picks the request up.
   */
  const callUntilDoneOrCrash = async (call: (lifecycle: RequestLifecycle) => Promise<unknown>, failed: (error: unknown, process: HostProcess) => void) => {
    const process = current;
    const crashed = new Promise<void>((resolve) => (onCrash = resolve));
    await Promise.race([
      call(process.lifecycle).then(
        () => undefined,
        (error: unknown) => failed(error, process),
      ),
      crashed,
    ]);
    if (!current.alive()) current = startProcess(storage, clock, fault, protocollo);
  };
  const operationFault = fault && 'index' in fault ? fault : undefined;
  const backOffice = new FakeBackOffice(accepted.fixture, plannedIds, operationFault, crash, () => void (storage.failNextSave = true));
  worlds.set(protocollo, { backOffice, crashWhileDeciding: fault?.kind === 'crash-while-deciding' ? crash : undefined });

  await callUntilDoneOrCrash(
    (lifecycle) => lifecycle.submit({ taskId: accepted.taskId, subject: accepted.subject, data: accepted.data, notifications: NOTICE_PREFERENCE }),
    () => undefined, // a crashed process's call, or a save that failed: the scheduler picks the request up
  );

  const stuck: string[] = [];
  for (let round = 0; round < 40; round += 1) {
    const request = (await storage.repository.get(protocollo)) as LifecycleRequest;
    const noticesPending = storage.outbox.all().some((entry) => entry.status === 'PENDING');
    if ((isFinalState(request.state) || request.state === 'IN_CARICO_SEDE') && !noticesPending) break;
    if (!hasNextStep(request)) stuck.push(`${request.state} at round ${round}`);
    now += ROUND_MS;
    // The fault usually strikes in `submit`; on a busy machine a port answer slower than the deadline makes
    // the first attempt a retry, and the fault strikes in a scheduler tick instead: the process crashes in
    // it, or the injected save failure rejects it. As with a host's scheduler, the next tick (of a
    // restarted process) goes on; any other rejection fails the test. What the request ends with is checked below.
    await callUntilDoneOrCrash(
      (lifecycle) => lifecycle.runDueWork({ staleAfterMs: STALE_AFTER_MS }),
      (error, process) => {
        if (process.alive() && !(error instanceof Error && error.message === SAVE_FAILURE)) throw error;
      },
    );
  }
  worlds.delete(protocollo);
  return { request: (await storage.repository.get(protocollo)) as LifecycleRequest, backOffice, storage, crashes, stuck, protocollo };
}

const OPERATION_FAULTS: readonly Pick<OperationFault, 'kind' | 'moment'>[] = [
  ...(['throw', 'hang', 'crash'] as const).flatMap((kind) => (['before', 'after'] as const).map((moment) => ({ kind, moment }))),
  { kind: 'bad-outcome', moment: 'after' },
  { kind: 'record-save-fails', moment: 'after' },
];

function faultsFor(plannedIds: readonly string[]): Fault[] {
  const perOperation = plannedIds.flatMap((_id, index) => OPERATION_FAULTS.map((fault) => ({ ...fault, index })));
  return [...perOperation, { kind: 'audit-fails-once' }, { kind: 'notification-hangs' }, { kind: 'crash-while-deciding' }];
}

const label = (fault: Fault) => ('index' in fault ? `${fault.kind} ${fault.moment} operation ${fault.index}` : fault.kind);

function acceptedCases(): AcceptedCase[] {
  const found: AcceptedCase[] = [];
  for (const task of catalog.tasks.values()) {
    for (const { document } of task.cases) {
      const cases = document as CasesDocument;
      for (const testCase of cases.cases) {
        if (testCase.expect.verdict !== 'ACCOLTA' || testCase.expect.technicalFailure) continue;
        const now = testCase.now ?? cases.now;
        if (!now) continue;
        found.push({
          taskId: task.id,
          caseId: testCase.id,
          subject: (testCase.subject ?? cases.subject) as Subject,
          data: testCase.data,
          fixture: mergeFixtures(cases.fixture, testCase.fixture),
          now,
          submittedAt: testCase.submittedAt ?? now,
        });
      }
    }
  }
  return found;
}

describe('crash and fault: decide once, perform exactly once, across the whole catalog', () => {
  const baselines: { accepted: AcceptedCase; planned: LifecycleRequest['plannedOperations']; protocollo: string }[] = [];
  /** A plan as recorded for `protocollo`: the fault-free plan with its request id in the keys (and any parameter that quotes it). */
  const planFor = (planned: LifecycleRequest['plannedOperations'], from: string, to: string) => JSON.parse(JSON.stringify(planned).split(from).join(to)) as LifecycleRequest['plannedOperations'];

  beforeAll(async () => {
    const accepted = acceptedCases();
    const ends = await mapInBatches(accepted, CASES_IN_FLIGHT, (one) => runScenario(one, [], undefined));
    ends.forEach(({ request, protocollo }, index) => {
      if (request.state === 'ACCOLTA' && request.plannedOperations.length > 0) baselines.push({ accepted: accepted[index] as AcceptedCase, planned: request.plannedOperations, protocollo });
    });
  }, 600_000);

  it('every accepted case with operations, every failure point: the fault-free verdict, each operation once, no read after an effect, each notice once', async () => {
    expect(baselines.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let scenarios = 0;
    let crashes = 0;
    const runs = await mapInBatches(baselines, CASES_IN_FLIGHT, async ({ accepted, planned: faultFree, protocollo: faultFreeProtocollo }) => {
      const plannedIds = faultFree.map((operation) => operation.id);
      const ends = await Promise.all(faultsFor(plannedIds).map(async (fault) => ({ fault, end: await runScenario(accepted, plannedIds, fault) })));
      return { accepted, faultFree, faultFreeProtocollo, plannedIds, ends };
    });
    for (const { accepted, faultFree, faultFreeProtocollo, plannedIds, ends } of runs) {
      for (const { fault, end } of ends) {
        scenarios += 1;
        crashes += end.crashes;
        const where = `${accepted.taskId}/${accepted.caseId} ${label(fault)}`;
        const { request, backOffice, storage } = end;
        const planned = planFor(faultFree, faultFreeProtocollo, end.protocollo);
        if (request.state !== 'ACCOLTA' || request.outcome?.decidedBy !== 'istruttoria') failures.push(`${where}: ended ${request.state} (${request.lastFailure?.code ?? ''} ${request.lastFailure?.message ?? ''})`);
        const effects = backOffice.effectCounts(planned);
        if (effects.some((count) => count !== 1)) failures.push(`${where}: effects per operation ${JSON.stringify(effects)}, expected each exactly once`);
        if ([...backOffice.effects.values()].reduce((sum, count) => sum + count, 0) !== planned.length) failures.push(`${where}: effects outside the plan ${JSON.stringify([...backOffice.effects])}`);
        if (backOffice.readsAfterEffect > 0) failures.push(`${where}: ${backOffice.readsAfterEffect} data-port read(s) after an operation took effect (decided again)`);
        if (JSON.stringify(request.plannedOperations) !== JSON.stringify(planned)) failures.push(`${where}: the recorded plan differs from the fault-free one`);
        if (request.operations.map((operation) => operation.id).join() !== plannedIds.join()) failures.push(`${where}: recorded operations ${request.operations.map((operation) => operation.id).join()}`);
        if (end.stuck.length > 0) failures.push(`${where}: left without a next step: ${end.stuck.join('; ')}`);
        const decisions = storage.audit.filter((record) => record.outcome.kind === 'decision');
        const last = decisions.at(-1);
        if (decisions.length !== 1 || last?.outcome.verdict !== 'ACCOLTA' || last.outcome.operations.map((operation) => operation.id).join() !== plannedIds.join()) {
          failures.push(`${where}: ${decisions.length} decision audit record(s), the last ${last?.outcome.verdict} with ${last?.outcome.operations.map((operation) => operation.id).join()}`);
        }
        if (request.outcome?.decidedBy === 'istruttoria' && request.outcome.auditRecordId !== `audit-${storage.audit.indexOf(last as AuditRecord) + 1}`) failures.push(`${where}: the outcome names audit record ${request.outcome.auditRecordId}`);
        const sent = storage.delivered.map((message) => message.id);
        if (new Set(sent).size !== sent.length) failures.push(`${where}: a notice delivered twice ${JSON.stringify(sent)}`);
        const kinds = storage.delivered.map((message) => message.kind).sort();
        if (kinds.join() !== 'ESITO_DISPONIBILE,PROTOCOLLATA') failures.push(`${where}: notices delivered ${kinds.join()}`);
        if (storage.outbox.all().some((entry) => entry.status !== 'SENT'))
          failures.push(
            `${where}: notices left ${storage.outbox
              .all()
              .map((entry) => entry.status)
              .join()}`,
          );
      }
    }
    console.log(`crash-and-fault: ${scenarios} scenarios over ${baselines.length} accepted cases with operations (${crashes} simulated process crashes): ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(scenarios).toBeGreaterThan(200);
  }, 900_000);

  it('a fault that never clears: the request goes to the Sede with its decision and what was done, and the operator view says so', async () => {
    let checked = 0;
    const lastOf = (planned: LifecycleRequest['plannedOperations']) => planned.length - 1;
    const ends = await mapInBatches(baselines, CASES_IN_FLIGHT, ({ accepted, planned }) =>
      runScenario(
        accepted,
        planned.map((operation) => operation.id),
        { kind: 'throw', moment: 'after', index: lastOf(planned), persistent: true },
      ),
    );
    for (const [index, { accepted, planned: faultFree, protocollo: faultFreeProtocollo }] of baselines.entries()) {
      const plannedIds = faultFree.map((operation) => operation.id);
      const last = lastOf(faultFree);
      const { request, backOffice, protocollo } = ends[index] as ScenarioEnd;
      const planned = planFor(faultFree, faultFreeProtocollo, protocollo);
      expect(request.plannedOperations).toEqual(planned);
      expect(request.state, `${accepted.taskId}/${accepted.caseId}`).toBe('IN_CARICO_SEDE');
      expect(request.outcome).toMatchObject({ verdict: 'ACCOLTA', decidedBy: 'istruttoria' });
      expect(request.operations.map((operation) => operation.id)).toEqual(plannedIds.slice(0, last));
      expect(backOffice.effectCounts(planned)).toEqual(plannedIds.map(() => 1)); // the last took effect unconfirmed, once
      expect(backOffice.readsAfterEffect).toBe(0);
      const view = toOperatorRequestView(request, 'en');
      expect(view.decision).toMatchObject({ verdict: 'ACCOLTA' });
      expect(view.operationsPerformed.map((operation) => operation.id)).toEqual(plannedIds.slice(0, last));
      expect(view.operationsPending.map((operation) => operation.id)).toEqual([plannedIds[last]]);
      expect(view.summary).toContain(`${last} of ${plannedIds.length} operation(s) performed`);
      checked += 1;
    }
    expect(checked).toBe(baselines.length);
  }, 600_000);
});
