import { describe, expect, it } from 'vitest';
import type { LifecycleEvent, LifecycleEventType, LifecycleRequest, RequestState } from '../../src/entries/lifecycle.js';
import { DEFAULT_RETRY_POLICY, LIFECYCLE_EVENT_TYPES, REQUEST_STATES, applyEvent, eventsAllowedIn, isFinalState, openRequest } from '../../src/entries/lifecycle.js';
import { SmartTaskError } from '../../src/index.js';
import { AZIENDA_CF, INTERMEDIARIO_CF } from '../support/revoca.js';
import { PLANNED, acceptedWithOperations, at, eventOf, performedRecord, replay, requestIn, submitEvent } from './support.js';

/**
 * Every state × every event, decided by hand: the state the representative event leads to, or
 * `refused`. A new state or event type does not compile until it has a row and a column here.
 */
const R = 'refused' as const;
const EXPECTED: { readonly [S in RequestState]: { readonly [E in LifecycleEventType]: RequestState | 'refused' } } = {
  SUBMITTED: { SUBMIT: R, START_ISTRUTTORIA: 'IN_ISTRUTTORIA', RECORD_DECISION: R, RECORD_TECHNICAL_FAILURE: R, START_OPERATIONS: R, RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: R, WITHDRAW: 'RITIRATA' },
  IN_ISTRUTTORIA: { SUBMIT: R, START_ISTRUTTORIA: R, RECORD_DECISION: 'NON_ACCOLTA', RECORD_TECHNICAL_FAILURE: 'RETRY_SCHEDULED', START_OPERATIONS: R, RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: R, WITHDRAW: R },
  RETRY_SCHEDULED: { SUBMIT: R, START_ISTRUTTORIA: 'IN_ISTRUTTORIA', RECORD_DECISION: R, RECORD_TECHNICAL_FAILURE: R, START_OPERATIONS: R, RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: R, WITHDRAW: 'RITIRATA' },
  OPERATIONS_IN_PROGRESS: {
    SUBMIT: R,
    START_ISTRUTTORIA: R,
    RECORD_DECISION: R,
    RECORD_TECHNICAL_FAILURE: R,
    START_OPERATIONS: R,
    RECORD_OPERATION: 'OPERATIONS_IN_PROGRESS',
    RECORD_OPERATION_FAILURE: 'OPERATIONS_RETRY_SCHEDULED',
    CLOSE_BY_OPERATOR: R,
    WITHDRAW: R,
  },
  OPERATIONS_RETRY_SCHEDULED: { SUBMIT: R, START_ISTRUTTORIA: R, RECORD_DECISION: R, RECORD_TECHNICAL_FAILURE: R, START_OPERATIONS: 'OPERATIONS_IN_PROGRESS', RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: R, WITHDRAW: R },
  IN_CARICO_SEDE: { SUBMIT: R, START_ISTRUTTORIA: R, RECORD_DECISION: R, RECORD_TECHNICAL_FAILURE: R, START_OPERATIONS: R, RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: 'ACCOLTA', WITHDRAW: 'RITIRATA' },
  ACCOLTA: { SUBMIT: R, START_ISTRUTTORIA: R, RECORD_DECISION: R, RECORD_TECHNICAL_FAILURE: R, START_OPERATIONS: R, RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: R, WITHDRAW: R },
  NON_ACCOLTA: { SUBMIT: R, START_ISTRUTTORIA: R, RECORD_DECISION: R, RECORD_TECHNICAL_FAILURE: R, START_OPERATIONS: R, RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: R, WITHDRAW: R },
  RITIRATA: { SUBMIT: R, START_ISTRUTTORIA: R, RECORD_DECISION: R, RECORD_TECHNICAL_FAILURE: R, START_OPERATIONS: R, RECORD_OPERATION: R, RECORD_OPERATION_FAILURE: R, CLOSE_BY_OPERATOR: R, WITHDRAW: R },
};

/** An hour after T0: later than every event of `requestIn` and than any scheduled retry. */
const LATER = at(3_600_000);

function thrown(action: () => unknown): SmartTaskError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SmartTaskError);
    return error as SmartTaskError;
  }
  throw new Error('expected a SmartTaskError, nothing was thrown');
}

describe('the lifecycle state machine', () => {
  it('has a decision for every state and every event', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...REQUEST_STATES].sort());
    for (const state of REQUEST_STATES) expect(Object.keys(EXPECTED[state]).sort()).toEqual([...LIFECYCLE_EVENT_TYPES].sort());
    expect(Object.keys(requestIn).sort()).toEqual([...REQUEST_STATES].sort());
  });

  describe.each(REQUEST_STATES.map((state) => [state]))('from %s', (state) => {
    const allowed = LIFECYCLE_EVENT_TYPES.filter((type) => EXPECTED[state][type] !== 'refused');

    it('builds the request in that state through legal events', () => {
      expect(requestIn[state]().state).toBe(state);
    });

    it(`accepts exactly ${allowed.join(', ') || 'nothing'}`, () => {
      expect(eventsAllowedIn(state)).toEqual(allowed);
      expect(isFinalState(state)).toBe(allowed.length === 0);
    });

    it.each(LIFECYCLE_EVENT_TYPES.map((type) => [type]))('%s', (type) => {
      const before = requestIn[state]();
      const event = eventOf(type, LATER);
      const expected = EXPECTED[state][type];
      if (expected === 'refused') {
        const error = thrown(() => applyEvent(before, event));
        expect(error.issues[0]?.code).toBe('ILLEGAL_TRANSITION');
        expect(error.message).toContain(`is ${state}`);
        expect(error.message).toContain(`event ${type}`);
        for (const name of allowed) expect(error.message).toContain(name);
        if (allowed.length === 0) expect(error.message).toContain(`none (${state} is final)`);
        return;
      }
      const after = applyEvent(before, event);
      expect(after.state).toBe(expected);
      expect(after.history).toHaveLength(before.history.length + 1);
      expect(after.history.at(-1)).toEqual({ event, from: state, to: expected });
      expect(after.updatedAt).toBe(LATER);
      expect(before.state).toBe(state);
      expect(before.history).toHaveLength(after.history.length - 1);
    });
  });

  it('refuses an unknown event type and lists the real ones', () => {
    const error = thrown(() => applyEvent(requestIn.SUBMITTED(), { type: 'APPROVE', at: LATER, actor: { kind: 'system' } } as unknown as LifecycleEvent));
    expect(error.message).toContain('event APPROVE (not a lifecycle event: use one of SUBMIT, START_ISTRUTTORIA');
    expect(error.message).toContain('Allowed from SUBMITTED: START_ISTRUTTORIA, WITHDRAW');
  });
});

describe('lifecycle requests are immutable', () => {
  it('returns deeply frozen values and leaves the input and the event untouched', () => {
    const submitted = openRequest(submitEvent());
    const event = eventOf('START_ISTRUTTORIA', LATER);
    const started = applyEvent(submitted, event);
    expect(Object.isFrozen(submitted)).toBe(true);
    expect(Object.isFrozen(started)).toBe(true);
    expect(Object.isFrozen(started.history.at(-1)?.event)).toBe(true);
    expect(Object.isFrozen(started.subject)).toBe(true);
    expect(Object.isFrozen(event)).toBe(false);
    expect(() => {
      (started as { state: string }).state = 'ACCOLTA';
    }).toThrow(TypeError);
    expect(submitted.state).toBe('SUBMITTED');
    expect(started.subject).toBe(submitted.subject);
  });

  it('opens a request at version 0 with the submission as its first history entry', () => {
    const request = openRequest(submitEvent());
    expect(request).toMatchObject({ protocollo: 'INPS.7000.2026.0001', state: 'SUBMITTED', version: 0, attempts: 0, submittedAt: at(0), updatedAt: at(0) });
    expect(request.history).toEqual([{ event: expect.objectContaining({ type: 'SUBMIT', actor: { kind: 'requester', cf: AZIENDA_CF } }), from: null, to: 'SUBMITTED' }]);
  });
});

describe('events are checked before they apply', () => {
  const codeOf = (action: () => unknown) => thrown(action).issues[0];

  it('refuses an event earlier than the last one', () => {
    const started = replay(openRequest(submitEvent()), (when) => eventOf('START_ISTRUTTORIA', when));
    const found = codeOf(() => applyEvent(started, eventOf('RECORD_TECHNICAL_FAILURE', at(500))));
    expect(found).toMatchObject({ code: 'INVALID_EVENT', pointer: '/event/at' });
    expect(found?.message).toContain('history only moves forward');
  });

  it('refuses a time that is not an ISO date-time with offset', () => {
    expect(codeOf(() => applyEvent(requestIn.SUBMITTED(), eventOf('START_ISTRUTTORIA', '10/03/2026 10:00')))?.message).toContain('found "10/03/2026 10:00"');
    expect(codeOf(() => openRequest(submitEvent({ at: '2026-03-10T09:00:00' })))?.pointer).toBe('/event/at');
  });

  it('refuses a time that does not exist, which Date.parse would roll over', () => {
    for (const impossible of ['2026-02-31T10:00:00Z', '2026-03-10T24:00:00Z', '2026-03-10T10:60:00+01:00', '2026-03-10T10:00:00+25:00']) {
      expect(codeOf(() => openRequest(submitEvent({ at: impossible })))).toMatchObject({ code: 'INVALID_EVENT', pointer: '/event/at' });
      expect(codeOf(() => applyEvent(requestIn.SUBMITTED(), eventOf('START_ISTRUTTORIA', impossible)))?.pointer).toBe('/event/at');
    }
  });

  it('refuses an event earlier than the last one by less than a millisecond', () => {
    const started = applyEvent(openRequest(submitEvent()), eventOf('START_ISTRUTTORIA', '2026-03-10T08:00:01.0009Z'));
    expect(codeOf(() => applyEvent(started, eventOf('RECORD_TECHNICAL_FAILURE', '2026-03-10T08:00:01.0005+00:00')))?.message).toContain('history only moves forward');
    expect(applyEvent(started, eventOf('RECORD_TECHNICAL_FAILURE', '2026-03-10T09:00:01.0009+01:00')).state).toBe('RETRY_SCHEDULED');
  });

  it('refuses an event caused by the wrong actor', () => {
    const found = codeOf(() => applyEvent(requestIn.IN_CARICO_SEDE(), { ...eventOf('CLOSE_BY_OPERATOR', LATER), actor: { kind: 'system' } } as LifecycleEvent));
    expect(found).toMatchObject({ code: 'INVALID_EVENT', pointer: '/event/actor' });
    expect(found?.message).toContain('CLOSE_BY_OPERATOR is caused by the operator');
    expect(codeOf(() => applyEvent(requestIn.IN_CARICO_SEDE(), { ...eventOf('CLOSE_BY_OPERATOR', LATER), actor: { kind: 'operator', operatorId: '' } } as LifecycleEvent))?.pointer).toBe('/event/actor/operatorId');
  });

  it('an operator must give a motivazione and a real verdict', () => {
    const close = eventOf('CLOSE_BY_OPERATOR', LATER) as Extract<LifecycleEvent, { type: 'CLOSE_BY_OPERATOR' }>;
    expect(codeOf(() => applyEvent(requestIn.IN_CARICO_SEDE(), { ...close, motivazione: '  ' }))?.pointer).toBe('/event/motivazione');
    expect(codeOf(() => applyEvent(requestIn.IN_CARICO_SEDE(), { ...close, verdict: 'IN_LAVORAZIONE' as 'ACCOLTA' }))?.message).toContain('"verdict" must be one of ACCOLTA, NON_ACCOLTA');
  });

  it('closes with the operator, the verdict and the motivazione recorded', () => {
    const closed = applyEvent(requestIn.IN_CARICO_SEDE(), { ...(eventOf('CLOSE_BY_OPERATOR', LATER) as Extract<LifecycleEvent, { type: 'CLOSE_BY_OPERATOR' }>), verdict: 'NON_ACCOLTA' });
    expect(closed.state).toBe('NON_ACCOLTA');
    expect(closed.outcome).toEqual({ verdict: 'NON_ACCOLTA', decidedBy: 'operator', at: LATER, operatorId: 'OP-7000-12', motivazione: 'Verificata la delega: revoca registrata.' });
  });

  it('records an ACCOLTA decision of the istruttoria with its audit record id', () => {
    const decided = applyEvent(requestIn.IN_ISTRUTTORIA(), { type: 'RECORD_DECISION', at: LATER, actor: { kind: 'system' }, verdict: 'ACCOLTA', reasons: [], warnings: [], operations: [], auditRecordId: 'audit-42' });
    expect(decided.state).toBe('ACCOLTA');
    expect(decided.outcome).toEqual({ verdict: 'ACCOLTA', decidedBy: 'istruttoria', at: LATER, reasons: [], warnings: [], auditRecordId: 'audit-42' });
  });

  it('an ACCOLTA with operations keeps its verdict while they run, and closes when the last one is recorded', () => {
    const running = requestIn.OPERATIONS_IN_PROGRESS();
    expect(running).toMatchObject({ state: 'OPERATIONS_IN_PROGRESS', operationAttempts: 1, plannedOperations: PLANNED, operations: [], outcome: { verdict: 'ACCOLTA', decidedBy: 'istruttoria' } });
    const first = applyEvent(running, { type: 'RECORD_OPERATION', at: LATER, actor: { kind: 'system' }, operation: performedRecord(0) });
    expect(first.state).toBe('OPERATIONS_IN_PROGRESS');
    const done = applyEvent(first, { type: 'RECORD_OPERATION', at: LATER, actor: { kind: 'system' }, operation: performedRecord(1) });
    expect(done).toMatchObject({ state: 'ACCOLTA', operations: [performedRecord(0), performedRecord(1)] });
  });

  it('records the planned operations in order, each once', () => {
    const running = requestIn.OPERATIONS_IN_PROGRESS();
    expect(codeOf(() => applyEvent(running, { type: 'RECORD_OPERATION', at: LATER, actor: { kind: 'system' }, operation: performedRecord(1) }))?.message).toContain(
      'The next pending operation of request INPS.7000.2026.0001 is "revoca-delega"; found "notifica-intermediario"',
    );
    const first = applyEvent(running, { type: 'RECORD_OPERATION', at: LATER, actor: { kind: 'system' }, operation: performedRecord(0) });
    expect(codeOf(() => applyEvent(first, { type: 'RECORD_OPERATION', at: LATER, actor: { kind: 'system' }, operation: performedRecord(0) }))?.pointer).toBe('/event/operation');
  });

  it('refuses a NON_ACCOLTA that would perform operations', () => {
    const found = codeOf(() => applyEvent(requestIn.IN_ISTRUTTORIA(), { ...(acceptedWithOperations(LATER) as Extract<LifecycleEvent, { type: 'RECORD_DECISION' }>), verdict: 'NON_ACCOLTA' }));
    expect(found).toMatchObject({ code: 'INVALID_EVENT', pointer: '/event/operations' });
  });

  it('operations that keep failing go to the Sede with the decision and what was done', () => {
    let request = applyEvent(requestIn.OPERATIONS_IN_PROGRESS(), { type: 'RECORD_OPERATION', at: at(10_000), actor: { kind: 'system' }, operation: performedRecord(0) });
    for (let attempt = 1; request.state !== 'IN_CARICO_SEDE'; attempt += 1) {
      request = applyEvent(request, eventOf('RECORD_OPERATION_FAILURE', at(attempt * 3_600_000)));
      if (request.state === 'OPERATIONS_RETRY_SCHEDULED') request = applyEvent(request, eventOf('START_OPERATIONS', request.retry?.nextAttemptAt ?? ''));
    }
    expect(request).toMatchObject({ operationAttempts: DEFAULT_RETRY_POLICY.maxAttempts, outcome: { verdict: 'ACCOLTA' }, operations: [performedRecord(0)], plannedOperations: PLANNED, lastFailure: { code: 'OPERATION_FAILED' } });
  });

  it('only the requester who filed may withdraw', () => {
    const found = codeOf(() => applyEvent(requestIn.RETRY_SCHEDULED(), { type: 'WITHDRAW', at: LATER, actor: { kind: 'requester', cf: INTERMEDIARIO_CF } }));
    expect(found).toMatchObject({ code: 'INVALID_EVENT', pointer: '/event/actor/cf' });
    expect(found?.message).toContain(`"${INTERMEDIARIO_CF}" did not file it`);
  });

  it('refuses a withdrawal once a decision is recorded, also when it went to the Sede', () => {
    let handedOver = applyEvent(requestIn.OPERATIONS_IN_PROGRESS(), { type: 'RECORD_OPERATION', at: LATER, actor: { kind: 'system' }, operation: performedRecord(0) });
    handedOver = applyEvent(handedOver, { ...(eventOf('RECORD_OPERATION_FAILURE', LATER) as Extract<LifecycleEvent, { type: 'RECORD_OPERATION_FAILURE' }>), retryable: false });
    expect(handedOver.state).toBe('IN_CARICO_SEDE');
    const found = codeOf(() => applyEvent(handedOver, eventOf('WITHDRAW', LATER)));
    expect(found?.message).toContain('cannot be withdrawn: ACCOLTA was recorded (1 of its 2 operation(s) confirmed)');
  });

  it('opens only a well-formed submission', () => {
    expect(codeOf(() => openRequest(submitEvent({ protocollo: '' })))?.pointer).toBe('/event/protocollo');
    expect(codeOf(() => openRequest(submitEvent({ actor: { kind: 'requester', cf: INTERMEDIARIO_CF } })))?.message).toContain('must be the subject\'s "cf"');
    expect(codeOf(() => openRequest(submitEvent({ notifications: { channel: 'FAX' as 'SMS', address: '06 1234' } })))?.message).toContain('among EMAIL, PEC, SMS');
    expect(codeOf(() => openRequest(submitEvent({ retryPolicy: { maxAttempts: 0, baseDelayMs: 1000, factor: 2, maxDelayMs: 5000 } })))).toMatchObject({ code: 'INVALID_LIFECYCLE_OPTION', pointer: '/retryPolicy' });
  });

  it('keeps the previous states of a request in its history', () => {
    const closed = applyEvent(requestIn.IN_CARICO_SEDE(), eventOf('CLOSE_BY_OPERATOR', LATER));
    expect(closed.history.map((entry: LifecycleRequest['history'][number]) => `${entry.from ?? '∅'}→${entry.to} ${entry.event.type}/${entry.event.actor.kind}`)).toEqual([
      '∅→SUBMITTED SUBMIT/requester',
      'SUBMITTED→IN_ISTRUTTORIA START_ISTRUTTORIA/system',
      'IN_ISTRUTTORIA→IN_CARICO_SEDE RECORD_TECHNICAL_FAILURE/system',
      'IN_CARICO_SEDE→ACCOLTA CLOSE_BY_OPERATOR/operator',
    ]);
  });
});
