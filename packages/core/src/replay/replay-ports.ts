import type { AuditPortCall, AuditRecord } from '../audit/audit-record.js';
import { canonicalJson } from '../json/canonical-hash.js';
import { portCallKey } from '../evaluate/port-call-key.js';
import { PortError, type ActionOutcome, type ActionPort, type DataPort, type PortCallContext } from '../port.js';

/** A data-port call by fact and parameters. */
export interface PortCallKey {
  readonly fact: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Thrown by a replay port for a call the record does not answer; the evaluation ends as a technical failure. */
export class ReplayMissError extends PortError {
  constructor(readonly call: PortCallKey) {
    super(`the audit record has no answer for ${call.fact}(${canonicalJson(call.params)}): the rules read data the recorded decision did not`, 'ERROR', false);
  }
}

/** A data port answering from an audit record. */
export interface ReplayDataPort extends DataPort {
  /** The calls the record could not answer, in order: the rules read data the recorded evaluation did not. */
  readonly missing: readonly PortCallKey[];
  /** True when the record has the call but only as aborted (no answer was ever received). */
  wasAbortedInRecord(fact: string, params: Readonly<Record<string, unknown>>): boolean;
}

const PORT_ERROR_CODES: Readonly<Record<NonNullable<AuditPortCall['errorCode']>, PortError['code']>> = {
  PORT_UNAVAILABLE: 'UNAVAILABLE',
  PORT_TIMEOUT: 'TIMEOUT',
  PORT_ERROR: 'ERROR',
};

/**
 * True when both have the same names with the same primitive values (`===`): then their port-call keys
 * are equal too, without building them. False says nothing — the keys decide.
 */
function sameParamValues(recorded: Readonly<Record<string, unknown>>, asked: Readonly<Record<string, unknown>>): boolean {
  let names = 0;
  for (const name in asked) {
    const value = asked[name];
    if (value === undefined) continue;
    if (typeof value === 'object' || recorded[name] !== value) return false;
    names += 1;
  }
  for (const name in recorded) if (recorded[name] !== undefined) names -= 1;
  return names === 0;
}

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Creates a data port that answers every call with what the audit record says the port answered: the
 * same response (also one that broke the port contract; one refused before validation, recorded without
 * its response, is answered with `NaN`, which the engine refuses the same way), the same error with its code and
 * retryability, and — for a call recorded as aborted — no answer until the evaluation aborts. A call the
 * record does not hold fails with a {@link ReplayMissError} and is listed in `missing`: never a silent
 * `undefined`. (A call the engine started ahead and never read — a fact only a text quotes — is listed
 * too: what the rules needed is a miss that the result's `portCalls` also holds.)
 *
 * @example
 * const dataPort = createReplayPort(record);
 * await engine.evaluate(record.taskId, requestOf(record), { clock, ports: { dataPort, actionPort: createReplayActionPort(record) } });
 * if (dataPort.missing.length > 0) console.log('the rules now need', dataPort.missing);
 */
export function createReplayPort(record: Pick<AuditRecord, 'portCalls'>): ReplayDataPort {
  const recordedCall = (fact: string, params: Readonly<Record<string, unknown>>): AuditPortCall | undefined => {
    let key: string | undefined;
    for (const call of record.portCalls) {
      if (call.fact !== fact) continue;
      if (sameParamValues(call.params, params)) return call;
      key ??= portCallKey(fact, params);
      if (portCallKey(call.fact, call.params) === key) return call;
    }
    return undefined;
  };
  const missing: PortCallKey[] = [];
  return {
    missing,
    wasAbortedInRecord: (fact, params) => recordedCall(fact, params)?.outcome === 'ABORTED',
    async fetch(fact: string, params: Readonly<Record<string, unknown>>, context: PortCallContext): Promise<unknown> {
      const recorded = recordedCall(fact, params);
      if (!recorded) {
        const call = { fact, params };
        missing.push(call);
        throw new ReplayMissError(call);
      }
      switch (recorded.outcome) {
        case 'OK':
          return recorded.response;
        case 'CONTRACT_VIOLATION':
          // Recorded without its response when it was refused before validation (too large, not JSON): NaN is refused the same way.
          return 'response' in recorded ? recorded.response : Number.NaN;
        case 'ABORTED':
          return whenAborted(context.signal);
        case 'ERROR':
        case 'TIMEOUT':
          throw new PortError(recorded.error ?? `${fact} failed`, PORT_ERROR_CODES[recorded.errorCode ?? 'PORT_ERROR'], recorded.retryable ?? true);
      }
    },
  };
}

/**
 * Creates an action port that touches nothing: an operation the record lists gets the recorded status
 * (`PERFORMED` when recorded before it was performed) and details, the operation whose failure ended the recorded evaluation fails again the same way, and
 * any other operation (one the new rules perform) is reported `PERFORMED`.
 */
export function createReplayActionPort(record: Pick<AuditRecord, 'outcome'>): ActionPort {
  const performed = new Map(record.outcome.operations.map((operation) => [operation.id, operation]));
  const { error, retryable } = record.outcome;
  return {
    async perform(call): Promise<ActionOutcome> {
      const recorded = performed.get(call.operationId);
      // A record written at the decision lists its operations before they were performed: they are confirmed as they would be.
      if (recorded) return { status: recorded.status ?? 'PERFORMED', ...(recorded.details !== undefined && { details: recorded.details }) };
      if (error?.code === 'OPERATION_FAILED' && error.operation === call.operationId) throw new PortError(error.message, 'ERROR', retryable ?? true);
      return { status: 'PERFORMED' };
    },
  };
}
