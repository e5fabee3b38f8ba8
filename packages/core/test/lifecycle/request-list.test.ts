import { describe, expect, it } from 'vitest';
import type { LifecycleRequest, RequestState } from '../../src/entries/lifecycle.js';
import type { Subject } from '../../src/index.js';
import { MAX_COUNTED_REQUESTS, REQUEST_LIST_COLOR_TOKENS, REQUEST_STATES, applyEvent, createInMemoryRequestRepository, listAllRequests, listRequestRows, openRequest, selectRequests, toRequestListRow } from '../../src/entries/lifecycle.js';
import { SmartTaskError } from '../../src/index.js';
import { azienda } from '../support/revoca.js';
import { eventOf, submitEvent } from './support.js';

const PEC_TITLE = { it: 'Variazione indirizzo PEC aziendale', en: 'Change of the company PEC address' };
const altraAzienda: Subject = { ...azienda, matricola: '7654321012' };

/** A request filed at `submittedAt`, moved on by `steps` events each one minute apart. */
function filed(protocollo: string, submittedAt: string, options: { subject?: Subject; pec?: boolean; steps?: ('START_ISTRUTTORIA' | 'RECORD_DECISION' | 'WITHDRAW')[] } = {}): LifecycleRequest {
  const subject = options.subject ?? azienda;
  let request = openRequest(submitEvent({ protocollo, at: submittedAt, subject, actor: { kind: 'requester', cf: subject.cf }, ...(options.pec && { taskId: 'variazione-indirizzo-pec-aziendale', title: PEC_TITLE }) }));
  (options.steps ?? []).forEach((type, index) => {
    request = applyEvent(request, eventOf(type, new Date(Date.parse(submittedAt) + (index + 1) * 60_000).toISOString()));
  });
  return request;
}

async function repositoryWith(...requests: LifecycleRequest[]) {
  const repository = createInMemoryRequestRepository();
  for (const request of requests) await repository.save(request);
  return repository;
}

describe('Lista Richieste', () => {
  const requests = [
    filed('P-0001', '2026-03-01T09:00:00+01:00'),
    filed('P-0002', '2026-03-02T09:00:00+01:00', { pec: true, steps: ['START_ISTRUTTORIA', 'RECORD_DECISION'] }),
    filed('P-0003', '2026-03-03T09:00:00+01:00', { subject: altraAzienda, steps: ['WITHDRAW'] }),
    filed('P-0004', '2026-03-09T23:30:00Z'), // 10 March in Rome
    filed('P-0005', '2026-03-10T10:00:00+01:00', { steps: ['START_ISTRUTTORIA'] }),
  ];

  it('rows carry protocollo, task, matricola, state, dates, outcome, the Smart-Task marker and a colour token', async () => {
    const page = await listRequestRows(await repositoryWith(...requests), { matricola: azienda.matricola, taskId: 'variazione-indirizzo-pec-aziendale' });
    expect(page.items).toEqual([
      {
        protocollo: 'P-0002',
        task: { id: 'variazione-indirizzo-pec-aziendale', title: 'Variazione indirizzo PEC aziendale' },
        matricola: azienda.matricola,
        state: 'NON_ACCOLTA',
        stateLabel: 'Non accolta',
        visibleState: 'CHIUSA',
        submittedAt: '2026-03-02T09:00:00+01:00',
        updatedAt: '2026-03-02T08:02:00.000Z',
        outcome: 'NON_ACCOLTA',
        decidedBy: 'istruttoria',
        smartTask: true,
        colorToken: 'smart-task--non-accolta',
      },
    ]);
  });

  it('lists newest first, by submission or by last update', async () => {
    const repository = await repositoryWith(...requests);
    expect((await listRequestRows(repository)).items.map((row) => row.protocollo)).toEqual(['P-0005', 'P-0004', 'P-0003', 'P-0002', 'P-0001']);
    const touched = applyEvent(requests[0] as LifecycleRequest, eventOf('START_ISTRUTTORIA', '2026-03-11T08:00:00.000Z'));
    await repository.save({ ...touched, version: 1 });
    expect((await listRequestRows(repository, { sortBy: 'updatedAt' })).items.map((row) => row.protocollo)).toEqual(['P-0001', 'P-0005', 'P-0004', 'P-0003', 'P-0002']);
  });

  it('filters by matricola, task and state', async () => {
    const repository = await repositoryWith(...requests);
    const ids = async (query: Parameters<typeof listRequestRows>[1]) => (await listRequestRows(repository, query)).items.map((row) => row.protocollo);
    expect(await ids({ matricola: '7654321012' })).toEqual(['P-0003']);
    expect(await ids({ taskId: 'revoca-delega-intermediario' })).toEqual(['P-0005', 'P-0004', 'P-0003', 'P-0001']);
    expect(await ids({ states: ['SUBMITTED', 'IN_ISTRUTTORIA'] })).toEqual(['P-0005', 'P-0004', 'P-0001']);
    expect(await ids({ states: ['RITIRATA'], matricola: azienda.matricola })).toEqual([]);
    expect(await ids({ requesterCf: azienda.cf, soggettoCf: azienda.soggettoCf, states: ['RITIRATA'] })).toEqual(['P-0003']);
  });

  it('filters by submission and update dates, inclusive, as calendar days in Rome', async () => {
    const repository = await repositoryWith(...requests);
    const ids = async (query: Parameters<typeof listRequestRows>[1]) => (await listRequestRows(repository, query)).items.map((row) => row.protocollo);
    expect(await ids({ submittedFrom: '2026-03-10' })).toEqual(['P-0005', 'P-0004']);
    expect(await ids({ submittedFrom: '2026-03-02', submittedTo: '2026-03-03' })).toEqual(['P-0003', 'P-0002']);
    expect(await ids({ submittedTo: '2026-03-09' })).toEqual(['P-0003', 'P-0002', 'P-0001']);
    expect(await ids({ updatedFrom: '2026-03-10', updatedTo: '2026-03-10' })).toEqual(['P-0005', 'P-0004']);
  });

  it('paginates: page, size, total and page count', async () => {
    const many = Array.from({ length: 45 }, (_, index) => filed(`P-${String(index + 1).padStart(4, '0')}`, new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString()));
    const repository = await repositoryWith(...many);
    const first = await listRequestRows(repository, { pageSize: 20 });
    expect(first).toMatchObject({ total: 45, page: 1, pageSize: 20, pageCount: 3 });
    expect(first.items[0]?.protocollo).toBe('P-0045');
    const last = await listRequestRows(repository, { pageSize: 20, page: 3 });
    expect(last.items.map((row) => row.protocollo)).toEqual(['P-0005', 'P-0004', 'P-0003', 'P-0002', 'P-0001']);
    expect((await listRequestRows(repository, { pageSize: 20, page: 4 })).items).toEqual([]);
    expect((await listRequestRows(repository)).items).toHaveLength(20);
  });

  it('pages by cursor: each page continues strictly after the last, total counts the whole list', async () => {
    const many = Array.from({ length: 7 }, (_, index) => filed(`P-${String(index + 1).padStart(4, '0')}`, new Date(Date.UTC(2026, 0, 1) + Math.floor(index / 2) * 3_600_000).toISOString()));
    const repository = await repositoryWith(...many);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRequestRows(repository, { pageSize: 3, ...(cursor !== undefined && { cursor }) });
      expect(page).toMatchObject({ total: 7, page: 1, pageSize: 3, pageCount: 3 });
      seen.push(...page.items.map((row) => row.protocollo));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(['P-0007', 'P-0006', 'P-0005', 'P-0004', 'P-0003', 'P-0002', 'P-0001']);
    expect((await listRequestRows(repository, { pageSize: 7 })).nextCursor).toBeUndefined();
    const byPage = await listRequestRows(repository, { pageSize: 3, page: 2 });
    expect((await listRequestRows(repository, { pageSize: 3, cursor: byPage.nextCursor as string })).items.map((row) => row.protocollo)).toEqual(['P-0001']);
  });

  it('counts a long list up to 10,000 and says so; every request is still reached by cursor', async () => {
    const many = Array.from({ length: MAX_COUNTED_REQUESTS + 3 }, (_, index) => filed(`P-${String(index + 1).padStart(6, '0')}`, new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString()));
    const page = selectRequests(many, { pageSize: 200 });
    expect(page).toMatchObject({ total: MAX_COUNTED_REQUESTS, totalIsCapped: true, pageCount: 50 });
    expect(selectRequests(many.slice(0, MAX_COUNTED_REQUESTS), { pageSize: 200 })).not.toHaveProperty('totalIsCapped');
    expect(selectRequests(many, { matricola: azienda.matricola, page: 51, pageSize: 200 }).items).toHaveLength(3); // pages past the count still answer
    const all = await listAllRequests(await repositoryWith(...many), {});
    expect(all).toHaveLength(MAX_COUNTED_REQUESTS + 3);
    expect(all.at(-1)?.protocollo).toBe('P-000001');
  });

  it('breaks ties of the same time by protocollo compared by code point, as a database does', async () => {
    const sameTime = '2026-03-10T09:00:00+01:00';
    const repository = await repositoryWith(filed('P-\u{1F600}', sameTime), filed('P-\uFF3A', sameTime), filed('P-Z', sameTime));
    expect((await listRequestRows(repository)).items.map((row) => row.protocollo)).toEqual(['P-\u{1F600}', 'P-\uFF3A', 'P-Z']);
  });

  it('refuses a query it cannot answer, saying how to fix it', async () => {
    const repository = await repositoryWith(...requests);
    const refusal = (query: Parameters<typeof listRequestRows>[1]) =>
      listRequestRows(repository, query).then(
        () => undefined,
        (error: unknown) => error as SmartTaskError,
      );
    expect((await refusal({ submittedFrom: '10/03/2026' }))?.message).toContain('"submittedFrom" must be a date YYYY-MM-DD, such as 2026-03-10; found "10/03/2026"');
    expect((await refusal({ submittedFrom: '2026-03-10', submittedTo: '2026-03-01' }))?.message).toContain('swap them');
    expect((await refusal({ states: ['CHIUSA' as RequestState] }))?.message).toContain('Unknown state "CHIUSA"');
    expect((await refusal({ page: 0 }))?.issues[0]).toMatchObject({ code: 'INVALID_REQUEST_QUERY', pointer: '/page' });
    expect((await refusal({ pageSize: 1000 }))?.message).toContain('"pageSize" must be an integer from 1 to 200; found 1000');
    const cursor = (await listRequestRows(repository, { pageSize: 1 })).nextCursor as string;
    expect((await refusal({ cursor, page: 2 }))?.issues[0]).toMatchObject({ code: 'INVALID_REQUEST_QUERY', pointer: '/page' });
    expect((await refusal({ cursor, sortBy: 'updatedAt' }))?.message).toContain('The cursor continues a list sorted by submittedAt, but the query sorts by updatedAt');
    expect((await refusal({ cursor: 'eyJub3QiOiJhIGN1cnNvciJ9' }))?.message).toContain('is not a cursor of this list. Pass the "nextCursor" of the previous page as it is');
  });

  it('every state has a colour token under the smart-task prefix, and the row localises its labels', () => {
    for (const state of REQUEST_STATES) expect(REQUEST_LIST_COLOR_TOKENS[state]).toMatch(/^smart-task--[a-z-]+$/);
    expect(new Set(Object.values(REQUEST_LIST_COLOR_TOKENS))).toEqual(new Set(['smart-task--aperta', 'smart-task--in-esecuzione', 'smart-task--in-carico', 'smart-task--accolta', 'smart-task--non-accolta', 'smart-task--ritirata']));
    expect(toRequestListRow(requests[2] as LifecycleRequest, 'en')).toMatchObject({ task: { title: "Revocation of an intermediary's delega" }, stateLabel: 'Withdrawn', visibleState: 'CHIUSA', outcome: null, colorToken: 'smart-task--ritirata' });
  });
});
