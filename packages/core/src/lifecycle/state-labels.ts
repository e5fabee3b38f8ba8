import type { Locale } from '@smart-task/schemas';
import { OUTCOME_LABELS } from '../views/views.js';
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

/**
 * The outcome labels are the contributor view's ({@link OUTCOME_LABELS}): a retry waiting to run is
 * "In lavorazione" there too. An accepted request whose operations run or wait to be resumed says so,
 * whether or not a retry is waiting: the verdict is final, the effects are on their way.
 */
const LABELS: { readonly [L in Locale]: { readonly [S in RequestState]: string } } = {
  it: {
    SUBMITTED: 'Inviata',
    IN_ISTRUTTORIA: 'In istruttoria',
    RETRY_SCHEDULED: OUTCOME_LABELS.it.IN_LAVORAZIONE,
    OPERATIONS_IN_PROGRESS: OUTCOME_LABELS.it.ACCOLTA_IN_ESECUZIONE,
    OPERATIONS_RETRY_SCHEDULED: OUTCOME_LABELS.it.ACCOLTA_IN_ESECUZIONE,
    IN_CARICO_SEDE: 'In carico alla Sede',
    ACCOLTA: OUTCOME_LABELS.it.ACCOLTA,
    NON_ACCOLTA: OUTCOME_LABELS.it.NON_ACCOLTA,
    RITIRATA: 'Ritirata',
  },
  en: {
    SUBMITTED: 'Submitted',
    IN_ISTRUTTORIA: 'Under review',
    RETRY_SCHEDULED: OUTCOME_LABELS.en.IN_LAVORAZIONE,
    OPERATIONS_IN_PROGRESS: OUTCOME_LABELS.en.ACCOLTA_IN_ESECUZIONE,
    OPERATIONS_RETRY_SCHEDULED: OUTCOME_LABELS.en.ACCOLTA_IN_ESECUZIONE,
    IN_CARICO_SEDE: 'With the INPS office',
    ACCOLTA: OUTCOME_LABELS.en.ACCOLTA,
    NON_ACCOLTA: OUTCOME_LABELS.en.NON_ACCOLTA,
    RITIRATA: 'Withdrawn',
  },
};

/** The legacy user-visible state (aperta, in carico, chiusa) of a lifecycle state. */
export function visibleStateOf(state: RequestState): VisibleState {
  return VISIBLE[state];
}

/** The requester-facing name of a state, in `locale`. A retry waiting to run shows as "In lavorazione", like a technical failure in the contributor view. */
export function stateLabel(state: RequestState, locale: Locale = 'it'): string {
  return LABELS[locale][state];
}
