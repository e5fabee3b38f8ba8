import type { LifecycleEvent, LifecycleEventType, LifecycleRequest, RequestState, SubmitEvent } from '../../src/entries/lifecycle.js';
import type { OperationRecord, PlannedOperation } from '../../src/index.js';
import { DEFAULT_RETRY_POLICY, applyEvent, openRequest } from '../../src/entries/lifecycle.js';
import { AZIENDA_CF, TASK, azienda, revocaData } from '../support/revoca.js';

/** The instant every test lifecycle starts: 10 March 2026, 09:00 in Rome. */
export const T0 = Date.parse('2026-03-10T08:00:00.000Z');

/** `T0` plus `ms`, as an ISO date-time. */
export const at = (ms: number): string => new Date(T0 + ms).toISOString();

/** A SUBMIT event for the revoca of DEL-001 by the azienda, at `T0`. */
export function submitEvent(overrides: Partial<SubmitEvent> = {}): SubmitEvent {
  return {
    type: 'SUBMIT',
    at: at(0),
    actor: { kind: 'requester', cf: AZIENDA_CF },
    protocollo: 'INPS.7000.2026.0001',
    taskId: TASK,
    title: { it: 'Revoca delega intermediario', en: "Revocation of an intermediary's delega" },
    subject: azienda,
    data: revocaData,
    retryPolicy: DEFAULT_RETRY_POLICY,
    notifications: { channel: 'EMAIL', address: 'rossi@example.it' },
    ...overrides,
  };
}

/** The two operations of an accepted revoca, as a decision plans them. */
export const PLANNED: readonly PlannedOperation[] = ['revoca-delega', 'notifica-intermediario'].map((id) => ({
  id,
  action: id === 'revoca-delega' ? 'revocaDelega' : 'notificaIntermediario',
  params: { delegaId: 'DEL-001' },
  idempotencyKey: `INPS.7000.2026.0001:${id}`,
  description: { it: `Operazione ${id}.`, en: `Operation ${id}.` },
  quoted: {},
}));

/** The record of planned operation `index` as the action port confirmed it. */
export function performedRecord(index: number): OperationRecord {
  const planned = PLANNED[index] as PlannedOperation;
  return { id: planned.id, action: planned.action, params: planned.params, idempotencyKey: planned.idempotencyKey, description: planned.description, status: 'PERFORMED', durationMs: 3 };
}

/** A representative event of each type, at `when`. */
export function eventOf(type: LifecycleEventType, when: string): LifecycleEvent {
  switch (type) {
    case 'SUBMIT':
      return submitEvent({ at: when });
    case 'START_ISTRUTTORIA':
      return { type, at: when, actor: { kind: 'system' } };
    case 'RECORD_DECISION':
      return {
        type,
        at: when,
        actor: { kind: 'system' },
        verdict: 'NON_ACCOLTA',
        reasons: [{ code: 'NA-DELEGA-NON-ATTIVA', ruleId: 'DEL-RI-01', message: { it: 'La delega non è attiva.', en: 'The delega is not active.' }, summary: { it: 'La delega non è attiva.', en: 'The delega is not active.' } }],
        warnings: [],
        operations: [],
      };
    case 'RECORD_TECHNICAL_FAILURE':
      return { type, at: when, actor: { kind: 'system' }, code: 'PORT_UNAVAILABLE', message: 'deleghe: service unavailable', retryable: true };
    case 'START_OPERATIONS':
      return { type, at: when, actor: { kind: 'system' } };
    case 'RECORD_OPERATION':
      return { type, at: when, actor: { kind: 'system' }, operation: performedRecord(0) };
    case 'RECORD_OPERATION_FAILURE':
      return { type, at: when, actor: { kind: 'system' }, code: 'OPERATION_FAILED', message: 'revocaDelega: service unavailable', operation: 'revoca-delega', retryable: true };
    case 'CLOSE_BY_OPERATOR':
      return { type, at: when, actor: { kind: 'operator', operatorId: 'OP-7000-12' }, verdict: 'ACCOLTA', motivazione: 'Verificata la delega: revoca registrata.' };
    case 'WITHDRAW':
      return { type, at: when, actor: { kind: 'requester', cf: AZIENDA_CF } };
  }
}

/** Applies events one second apart, starting one second after `T0`. */
export function replay(request: LifecycleRequest, ...events: ((when: string) => LifecycleEvent)[]): LifecycleRequest {
  return events.reduce((current, event, index) => applyEvent(current, event(at((index + 1) * 1000))), request);
}

const start = (when: string) => eventOf('START_ISTRUTTORIA', when);
const failure =
  (retryable: boolean) =>
  (when: string): LifecycleEvent => ({ ...(eventOf('RECORD_TECHNICAL_FAILURE', when) as Extract<LifecycleEvent, { type: 'RECORD_TECHNICAL_FAILURE' }>), retryable });
const decision =
  (verdict: 'ACCOLTA' | 'NON_ACCOLTA') =>
  (when: string): LifecycleEvent => ({ ...(eventOf('RECORD_DECISION', when) as Extract<LifecycleEvent, { type: 'RECORD_DECISION' }>), verdict });
/** An ACCOLTA that commits to the two {@link PLANNED} operations. */
export const acceptedWithOperations = (when: string): LifecycleEvent => ({ ...(decision('ACCOLTA')(when) as Extract<LifecycleEvent, { type: 'RECORD_DECISION' }>), reasons: [], operations: PLANNED });
const operationFailure = (when: string) => eventOf('RECORD_OPERATION_FAILURE', when);

/** A request brought to each state through legal events only. */
export const requestIn: { readonly [S in RequestState]: () => LifecycleRequest } = {
  SUBMITTED: () => openRequest(submitEvent()),
  IN_ISTRUTTORIA: () => replay(openRequest(submitEvent()), start),
  RETRY_SCHEDULED: () => replay(openRequest(submitEvent()), start, failure(true)),
  OPERATIONS_IN_PROGRESS: () => replay(openRequest(submitEvent()), start, acceptedWithOperations),
  OPERATIONS_RETRY_SCHEDULED: () => replay(openRequest(submitEvent()), start, acceptedWithOperations, operationFailure),
  IN_CARICO_SEDE: () => replay(openRequest(submitEvent()), start, failure(false)),
  ACCOLTA: () => replay(openRequest(submitEvent()), start, decision('ACCOLTA')),
  NON_ACCOLTA: () => replay(openRequest(submitEvent()), start, decision('NON_ACCOLTA')),
  RITIRATA: () => replay(openRequest(submitEvent()), (when) => eventOf('WITHDRAW', when)),
};
