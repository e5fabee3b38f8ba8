import { builtInMessages, type Messages } from '../messages/messages.js';
import type { MessageLocale } from '../text/message-locale.js';
import type { RequestState } from './request-state.js';

/**
 * The state as the requester has always seen a Comunicazione bidirezionale: `APERTA` (filed, being
 * reviewed or waiting to be retried), `IN_CARICO` (with a Sede operator), `CHIUSA` (with an esito, or
 * withdrawn).
 */
export type VisibleState = 'APERTA' | 'IN_CARICO' | 'CHIUSA';

const VISIBLE: { readonly [S in RequestState]: VisibleState } = {
  SUBMITTED: 'APERTA',
  IN_ISTRUTTORIA: 'APERTA',
  RETRY_SCHEDULED: 'APERTA',
  OPERATIONS_IN_PROGRESS: 'APERTA',
  OPERATIONS_RETRY_SCHEDULED: 'APERTA',
  IN_CARICO_SEDE: 'IN_CARICO',
  ACCOLTA: 'CHIUSA',
  NON_ACCOLTA: 'CHIUSA',
  RITIRATA: 'CHIUSA',
};

/** The legacy user-visible state (aperta, in carico, chiusa) of a lifecycle state. */
export function visibleStateOf(state: RequestState): VisibleState {
  return VISIBLE[state];
}

/**
 * The requester-facing name of a state, in `locale` (message `state.<STATE>`; `messages` defaults to the
 * built-in table, a locale it lacks to Italian). A retry waiting to run shows as "In lavorazione", like a
 * technical failure in the contributor view.
 *
 * @example
 * stateLabel('IN_CARICO_SEDE', 'en'); // 'With the INPS office'
 * stateLabel('ACCOLTA', 'de', engine.messages); // the host's German label, else 'Accolta'
 */
export function stateLabel(state: RequestState, locale: MessageLocale = 'it', messages: Messages = builtInMessages()): string {
  return messages.format(`state.${state}`, undefined, locale);
}
