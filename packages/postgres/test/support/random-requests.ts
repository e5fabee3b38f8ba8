import fc from 'fast-check';
import { REQUEST_STATES, applyEvent, eventsAllowedIn, openRequest } from '@smart-task/core/lifecycle';
import type { LifecycleEvent, LifecycleEventType, LifecycleRequest, RequestQuery } from '@smart-task/core/lifecycle';
import type { Subject } from '@smart-task/core';
import { PLANNED, performedRecord, submitEvent } from '../../../core/test/lifecycle/support.js';
import { azienda } from '../../../core/test/support/revoca.js';

/** Requesters of the generated requests: two matricole, two requesters, two soggetti. */
export const SUBJECTS: readonly Subject[] = [
  azienda,
  { ...azienda, matricola: '7654321012' },
  { cf: 'VRDLGU75C12F205G', profilo: 'INTERMEDIARIO', soggettoCf: azienda.soggettoCf, matricola: azienda.matricola },
  { cf: 'VRDLGU75C12F205G', profilo: 'INTERMEDIARIO', soggettoCf: '98765430013', matricola: '7654321012' },
];

export const TASKS = ['revoca-delega-intermediario', 'variazione-indirizzo-pec-aziendale'] as const;

const MINUTE = 60_000;

/**
 * Instants where "which day in Rome" is easy to get wrong: the midnights around the two daylight-saving
 * changes of 2026 (29 March, 25 October) and the changes themselves, each with the millisecond before.
 */
export const DST_EDGES_ROME: readonly number[] = [
  '2026-03-28T23:00:00.000Z', // 29 March, 00:00 CET
  '2026-03-29T01:00:00.000Z', // 03:00 CEST: clocks jump forward
  '2026-03-29T22:00:00.000Z', // 30 March, 00:00 CEST
  '2026-10-24T22:00:00.000Z', // 25 October, 00:00 CEST
  '2026-10-25T01:00:00.000Z', // 02:00 CET: clocks go back, 02:00–03:00 happens twice
  '2026-10-25T23:00:00.000Z', // 26 October, 00:00 CET
].flatMap((iso) => [Date.parse(iso) - 1, Date.parse(iso)]);

/** The same, for New York (8 March and 1 November 2026). */
export const DST_EDGES_NEW_YORK: readonly number[] = ['2026-03-08T05:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T04:00:00.000Z', '2026-10-31T04:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-02T05:00:00.000Z'].flatMap((iso) => [
  Date.parse(iso) - 1,
  Date.parse(iso),
]);

/** An instant near one of `edges`: on it, or up to a day and a half either side, on a minute. */
export const instantNear = (edges: readonly number[]) =>
  fc.oneof(
    fc.constantFrom(...edges),
    fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -36 * 60, max: 36 * 60 })).map(([edge, minutes]) => edge + minutes * MINUTE),
  );

/**
 * How an instant is written: as `toISOString` does, with a +01:00 / +02:00 offset, or with
 * microseconds (which the database must cut to the millisecond, as `Date.parse` does).
 */
const WRITINGS = [
  (ms: number) => new Date(ms).toISOString(),
  (ms: number) => `${new Date(ms + 60 * MINUTE).toISOString().slice(0, 23)}+01:00`,
  (ms: number) => `${new Date(ms + 120 * MINUTE).toISOString().slice(0, 23)}+02:00`,
  (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}987Z`,
];

/** The calendar day (`YYYY-MM-DD`) around an instant, a day either side. */
export const dayNear = (edges: readonly number[]) => fc.tuple(fc.constantFrom(...edges), fc.integer({ min: -1, max: 1 })).map(([edge, days]) => new Date(edge + days * 86_400_000).toISOString().slice(0, 10));

/**
 * Protocolli that sort differently by UTF-16 unit and by code point (`Ｚ` U+FF3A against `😀`
 * U+1F600), beside plain ones: ties on the date must break the same way in memory and in SQL.
 */
const PROTOCOLLI = ['INPS.7000.2026.0001', 'INPS.7000.2026.0002', 'INPS.7000.2026.0010', 'INPS.7000.2026.0100', 'inps.7000.2026.0003', 'INPS.7000.2026.Ｚ', 'INPS.7000.2026.😀', 'INPS.7000.2026.é', 'P-1', 'P-10', 'P-2'];

/** The event of `type` for `request` at `at` (or at its scheduled retry, when later); `choice` picks among the variants. */
function eventFor(request: LifecycleRequest, type: LifecycleEventType, at: number, choice: number): LifecycleEvent {
  const when = new Date(Math.max(at, request.retry ? Date.parse(request.retry.nextAttemptAt) : at)).toISOString();
  const system = { kind: 'system' } as const;
  const retryable = choice % 3 !== 0;
  switch (type) {
    case 'START_ISTRUTTORIA':
    case 'START_OPERATIONS':
      return { type, at: when, actor: system };
    case 'RECORD_DECISION':
      return choice % 2 === 0
        ? { type, at: when, actor: system, verdict: 'ACCOLTA', reasons: [], warnings: [], operations: PLANNED, auditRecordId: `audit-${choice}` }
        : { type, at: when, actor: system, verdict: 'NON_ACCOLTA', reasons: [{ code: 'NA-X', ruleId: 'R-1', message: { it: 'No.', en: 'No.' }, summary: { it: 'No.', en: 'No.' } }], warnings: [], operations: [] };
    case 'RECORD_TECHNICAL_FAILURE':
      return { type, at: when, actor: system, code: 'PORT_UNAVAILABLE', message: 'deleghe: service unavailable', retryable };
    case 'RECORD_OPERATION':
      return { type, at: when, actor: system, operation: performedRecord(request.operations.length) };
    case 'RECORD_OPERATION_FAILURE':
      return { type, at: when, actor: system, code: 'OPERATION_FAILED', message: 'revocaDelega: service unavailable', operation: 'revoca-delega', retryable };
    case 'CLOSE_BY_OPERATOR':
      return { type, at: when, actor: { kind: 'operator', operatorId: 'OP-7000-12' }, verdict: choice % 2 === 0 ? 'ACCOLTA' : 'NON_ACCOLTA', motivazione: 'Verificato.' };
    case 'WITHDRAW':
    case 'SUBMIT':
      return { type: 'WITHDRAW', at: when, actor: { kind: 'requester', cf: request.subject.cf } };
  }
}

/** A request filed at `submittedMs`, then moved on by one event per step (minutes to hours apart), as far as its state allows. */
export function requestFrom(
  protocollo: string,
  subject: Subject,
  taskId: string,
  submittedMs: number,
  writing: number,
  steps: readonly { readonly afterMinutes: number; readonly choice: number }[],
  data: Readonly<Record<string, unknown>> = { delegaId: 'DEL-001' },
): LifecycleRequest {
  const write = WRITINGS[writing % WRITINGS.length] as (ms: number) => string;
  let request = openRequest(submitEvent({ protocollo, subject, taskId, actor: { kind: 'requester', cf: subject.cf }, at: write(submittedMs), data }));
  let at = submittedMs;
  for (const step of steps) {
    // Withdrawals one time in five, so that most requests go on to the other states.
    const allowed = eventsAllowedIn(request.state).filter((type) => type !== 'WITHDRAW' || step.choice % 5 === 0);
    const type = allowed[step.choice % Math.max(allowed.length, 1)];
    if (type === undefined) break;
    at += step.afterMinutes * MINUTE;
    try {
      request = applyEvent(request, eventFor(request, type, at, step.choice));
    } catch {
      break; // an event the request refuses (a withdrawal after a verdict): its life ends here
    }
  }
  return request;
}

/** Requests with distinct protocolli, filed near `edges`, in every state. */
export const requestsNear = (edges: readonly number[], maxLength = 14) =>
  fc.uniqueArray(
    fc
      .record({
        protocollo: fc.constantFrom(...PROTOCOLLI),
        subject: fc.constantFrom(...SUBJECTS),
        taskId: fc.constantFrom(...TASKS),
        submittedMs: instantNear(edges),
        writing: fc.nat(),
        steps: fc.array(fc.record({ afterMinutes: fc.integer({ min: 0, max: 900 }), choice: fc.nat() }), { maxLength: 6 }),
      })
      .map(({ protocollo, subject, taskId, submittedMs, writing, steps }) => requestFrom(protocollo, subject, taskId, submittedMs, writing, steps)),
    { selector: (request) => request.protocollo, maxLength },
  );

/** Two days near `edges`, mostly in order (a range), sometimes reversed (a range to refuse). */
const daysNear = (edges: readonly number[]) => fc.tuple(dayNear(edges), dayNear(edges), fc.integer({ min: 0, max: 9 })).map(([a, b, reversed]): [string, string] => (a <= b === reversed > 0 ? [a, b] : [b, a]));

/** Each filter of a query, on the generated values (some matching nothing). */
const filtersNear = (edges: readonly number[]) => ({
  matricola: fc.constantFrom(...SUBJECTS.map((subject) => subject.matricola), '0000000000').map((matricola) => ({ matricola })),
  taskId: fc.constantFrom(...TASKS).map((taskId) => ({ taskId })),
  requesterCf: fc.constantFrom(...SUBJECTS.map((subject) => subject.cf)).map((requesterCf) => ({ requesterCf })),
  soggettoCf: fc.constantFrom(...SUBJECTS.map((subject) => subject.soggettoCf)).map((soggettoCf) => ({ soggettoCf })),
  states: fc.subarray([...REQUEST_STATES]).map((states) => ({ states })),
  submittedFrom: dayNear(edges).map((submittedFrom) => ({ submittedFrom })),
  submittedTo: dayNear(edges).map((submittedTo) => ({ submittedTo })),
  submittedRange: daysNear(edges).map(([submittedFrom, submittedTo]) => ({ submittedFrom, submittedTo })),
  updatedRange: daysNear(edges).map(([updatedFrom, updatedTo]) => ({ updatedFrom, updatedTo })),
  retryDueBy: instantNear(edges).map((ms) => ({ retryDueBy: new Date(ms).toISOString() })),
});

/** Queries of "Lista Richieste": up to two filters over the generated values, a sort and a page; some it must refuse. */
export const queriesNear = (edges: readonly number[]): fc.Arbitrary<RequestQuery> => {
  const filters = filtersNear(edges);
  const names = Object.keys(filters) as (keyof typeof filters)[];
  return fc
    .tuple(
      fc.subarray(names, { maxLength: 2 }).chain((chosen) => fc.tuple(...chosen.map((name) => filters[name] as fc.Arbitrary<RequestQuery>))),
      fc.record({ sortBy: fc.constantFrom('submittedAt' as const, 'updatedAt' as const), page: fc.integer({ min: 1, max: 4 }), pageSize: fc.integer({ min: 1, max: 6 }) }, { requiredKeys: [] }),
    )
    .map(([chosen, order]) => Object.assign({}, ...chosen, order) as RequestQuery);
};
