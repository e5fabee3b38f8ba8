import { toAuditRecord, type AuditRecord } from '../audit/audit-record.js';
import type { Catalog } from '../catalog/catalog.js';
import { createEngine, type SmartTaskEngine } from '../engine.js';
import { isSmartTaskError } from '../errors.js';
import { portCallKey } from '../evaluate/port-call-key.js';
import { PortError, type ActionPort, type DataPort } from '../port.js';
import type { VocabularyExtensions } from '../vocabulary/vocabulary.js';
import { compareOutcomes, type OutcomeChanges } from './compare-outcomes.js';
import { createReplayActionPort, createReplayPort, type PortCallKey } from './replay-ports.js';

/** A record evaluated again: what changed, and the new record. */
export interface ReplayedRecord {
  readonly status: 'replayed';
  readonly requestId: string;
  readonly taskId: string;
  /** Empty when verdict, reasons, warnings and operations are the same. */
  readonly changes: OutcomeChanges;
  /** True when the rule set, the request schema or the port contract differ from the record's (by hash). */
  readonly rulesChanged: boolean;
  /** The audit record of the replay. */
  readonly replay: AuditRecord;
}

/** A record that cannot be evaluated again with the current catalog. */
export interface NotReplayableRecord {
  readonly status: 'not-replayable';
  readonly requestId: string;
  readonly taskId: string;
  /** A short, stable cause for counting: `needs fact "deleghe"`, `request data no longer valid`, `cancelled by the host`. */
  readonly cause: string;
  /** The details: the call or the validation issue. */
  readonly detail: string;
  /**
   * True when the catalog the record is replayed with is the reason (it reads a fact the record lacks, or
   * refuses the recorded request); false when the record itself has no outcome to compare (cancelled).
   */
  readonly becauseOfRules: boolean;
}

/** What replaying one record gives. */
export type RecordReplayResult = ReplayedRecord | NotReplayableRecord;

/** Options of {@link createRecordReplayer}. */
export interface RecordReplayerOptions {
  readonly catalog: Catalog;
  /** Operators and fact helpers the rule sets name besides the built-in ones. */
  readonly vocabulary?: VocabularyExtensions;
  /**
   * How long a call the record holds as aborted may wait for the evaluation to abort, in milliseconds
   * (default 1000). Every other answer comes from memory at once.
   */
  readonly timeoutMs?: number;
}

/** Replays audit records one at a time or concurrently, with the engines compiled once. */
export interface RecordReplayer {
  /** True when the catalog has the record's task. */
  hasTask(taskId: string): boolean;
  /** Evaluates the record again at its own clock, in its time zone, with its recorded port answers. */
  replay(record: AuditRecord): Promise<RecordReplayResult>;
}

const noPort = (): never => {
  throw new PortError('a replay evaluates with the ports of its record only', 'ERROR', false);
};
const unusedDataPort: DataPort = { fetch: async () => noPort() };
const unusedActionPort: ActionPort = { perform: async () => noPort() };

const sameRules = (record: AuditRecord, replay: AuditRecord) =>
  record.ruleSet?.hash === replay.ruleSet?.hash && record.ruleSet?.requestSchemaHash === replay.ruleSet?.requestSchemaHash && record.ruleSet?.portContractHash === replay.ruleSet?.portContractHash;

const describeCall = (call: PortCallKey) => `${call.fact}(${JSON.stringify(call.params)})`;

/**
 * Creates a replayer over a catalog: one compiled engine per time zone met (planned tasks included,
 * since a recorded decision of a planned task was made where the host had enabled it). A replay never
 * reaches a real port: answers come from the record, operations are simulated.
 */
export function createRecordReplayer(options: RecordReplayerOptions): RecordReplayer {
  const engines = new Map<string, SmartTaskEngine>();
  const engineIn = (timeZone: string): SmartTaskEngine => {
    let engine = engines.get(timeZone);
    if (!engine) {
      engine = createEngine({
        catalog: options.catalog,
        dataPort: unusedDataPort,
        actionPort: unusedActionPort,
        plannedTasks: 'all',
        timeZone,
        timeoutMs: options.timeoutMs ?? 1000,
        ...(options.vocabulary && { vocabulary: options.vocabulary }),
      });
      engines.set(timeZone, engine);
    }
    return engine;
  };

  return {
    hasTask: (taskId) => options.catalog.tasks.has(taskId),
    async replay(record) {
      const { requestId, taskId } = record;
      const notReplayable = (cause: string, detail: string, becauseOfRules = true): NotReplayableRecord => ({ status: 'not-replayable', requestId, taskId, cause, detail, becauseOfRules });
      // The host's cancellation cannot happen again: replayed to its end, such a record would show as a changed outcome.
      if (record.outcome.kind === 'technical-failure' && record.outcome.error?.code === 'ABORTED') {
        return notReplayable('cancelled by the host', `the recorded evaluation was cancelled by the host before it ended (${record.outcome.error.message}): it has no outcome to compare`, false);
      }
      const dataPort = createReplayPort(record);
      const evaluatedAt = new Date(record.clock.evaluatedAt);
      let result;
      try {
        result = await engineIn(record.clock.timeZone).evaluate(
          taskId,
          { requestId, subject: record.subject, data: record.request, submittedAt: record.clock.submittedAt },
          { clock: { now: () => evaluatedAt }, ports: { dataPort, actionPort: createReplayActionPort(record) } },
        );
      } catch (error) {
        if (!isSmartTaskError(error)) throw error;
        const first = error.issues[0];
        const cause = first?.code === 'INVALID_REQUEST' ? 'request data no longer valid' : `refused: ${first?.code ?? 'unknown'}`;
        return notReplayable(cause, error.issues.map((found) => `${found.pointer || '/'}: ${found.message}`).join('; '));
      }
      // A call started ahead that the rules then did not read (a fact only a text quotes) needs nothing.
      const read = dataPort.missing.length > 0 ? new Set(result.portCalls.map((call) => portCallKey(call.fact, call.params))) : undefined;
      const missing = read && dataPort.missing.find((call) => read.has(portCallKey(call.fact, call.params)));
      if (missing) return notReplayable(`needs fact "${missing.fact}"`, `the rules read ${describeCall(missing)}, which the record does not hold`);
      const stalled = result.portCalls.find((call) => call.outcome === 'TIMEOUT' && dataPort.wasAbortedInRecord(call.fact, call.params));
      if (stalled) return notReplayable(`needs fact "${stalled.fact}"`, `the rules read ${describeCall(stalled)}, which the recorded evaluation aborted before it answered`);
      const replay = toAuditRecord(result);
      return { status: 'replayed', requestId, taskId, changes: compareOutcomes(record.outcome, replay.outcome), rulesChanged: !sameRules(record, replay), replay };
    },
  };
}
