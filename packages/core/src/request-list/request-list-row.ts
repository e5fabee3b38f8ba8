import type { Verdict } from '../evaluate/decision.js';
import type { RequestRepository } from './request-repository.js';
import type { LifecycleRequest, RequestState } from '../requests/request-state.js';
import { stateLabel, visibleStateOf, type VisibleState } from '../requests/state-labels.js';
import { textIn, type MessageLocale } from '../text/message-locale.js';
import { builtInMessages, type Messages } from '../messages/messages.js';
import { checkRequestQuery, type RequestPage, type RequestQuery } from './request-query.js';

/**
 * The colour token of a Smart-Task row in "Lista Richieste", by state. Every token starts with
 * `smart-task`, so one host rule (`[class^="smart-task"]`) gives Smart-Task rows their distinct colour
 * and the suffix can shade them by state. The library names tokens; the host owns the colours.
 */
export const REQUEST_LIST_COLOR_TOKENS: { readonly [S in RequestState]: string } = {
  SUBMITTED: 'smart-task--aperta',
  IN_ISTRUTTORIA: 'smart-task--aperta',
  RETRY_SCHEDULED: 'smart-task--aperta',
  OPERATIONS_IN_PROGRESS: 'smart-task--in-esecuzione',
  OPERATIONS_RETRY_SCHEDULED: 'smart-task--in-esecuzione',
  IN_CARICO_SEDE: 'smart-task--in-carico',
  ACCOLTA: 'smart-task--accolta',
  NON_ACCOLTA: 'smart-task--non-accolta',
  RITIRATA: 'smart-task--ritirata',
};

/** One row of the host's "Lista Richieste" table. Holds no request data and no reasons: open the request for those. */
export interface RequestListRow {
  readonly protocollo: string;
  readonly task: { readonly id: string; readonly title: string };
  readonly matricola: string;
  readonly state: RequestState;
  readonly stateLabel: string;
  /** aperta / in carico / chiusa, as Comunicazione bidirezionale has always shown it. */
  readonly visibleState: VisibleState;
  readonly submittedAt: string;
  readonly updatedAt: string;
  /** The verdict once closed with one; `null` while open or when withdrawn. */
  readonly outcome: Verdict | null;
  readonly decidedBy: 'istruttoria' | 'operator' | null;
  /** Always true: marks the row as a Smart-Task request among the host's other requests. */
  readonly smartTask: true;
  /** See {@link REQUEST_LIST_COLOR_TOKENS}. */
  readonly colorToken: string;
}

/** The list row of one request, in `locale`, its state label from `messages` (default: the built-in table). */
export function toRequestListRow(request: LifecycleRequest, locale: MessageLocale = 'it', messages: Messages = builtInMessages()): RequestListRow {
  return {
    protocollo: request.protocollo,
    task: { id: request.taskId, title: textIn(request.title, locale) },
    matricola: request.subject.matricola,
    state: request.state,
    stateLabel: stateLabel(request.state, locale, messages),
    visibleState: visibleStateOf(request.state),
    submittedAt: request.submittedAt,
    updatedAt: request.updatedAt,
    outcome: request.outcome?.verdict ?? null,
    decidedBy: request.outcome?.decidedBy ?? null,
    smartTask: true,
    colorToken: REQUEST_LIST_COLOR_TOKENS[request.state],
  };
}

/**
 * One page of "Lista Richieste": asks the repository (filters, newest first, pagination) and turns each
 * request into a row.
 *
 * @example
 * const page = await listRequestRows(repository, { matricola: '1234567860', states: ['NON_ACCOLTA'], page: 1, pageSize: 20 });
 */
export async function listRequestRows(repository: RequestRepository, query: RequestQuery = {}, locale: MessageLocale = 'it', messages: Messages = builtInMessages()): Promise<RequestPage<RequestListRow>> {
  checkRequestQuery(query);
  const page = await repository.list(query);
  return { ...page, items: page.items.map((request) => toRequestListRow(request, locale, messages)) };
}
