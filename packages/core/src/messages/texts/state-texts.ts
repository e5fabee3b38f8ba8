import type { LocalizedText } from '@smart-task/schemas';
import { VIEW_TEXTS } from './view-texts.js';

/**
 * The requester-facing name of each request state, by code. A retry waiting to run shows as
 * "In lavorazione", like a technical failure in the contributor view; an accepted request whose
 * operations run or wait to be resumed says so, whether or not a retry is waiting: the verdict is final,
 * the effects are on their way. Those states take their built-in texts from the outcome labels; a host
 * that rewords an outcome label rewords the matching state labels too (they are codes of their own).
 */
export const STATE_TEXTS = {
  'state.SUBMITTED': { it: 'Inviata', en: 'Submitted' },
  'state.IN_ISTRUTTORIA': { it: 'In istruttoria', en: 'Under review' },
  'state.RETRY_SCHEDULED': VIEW_TEXTS['outcome.IN_LAVORAZIONE.label'],
  'state.OPERATIONS_IN_PROGRESS': VIEW_TEXTS['outcome.ACCOLTA_IN_ESECUZIONE.label'],
  'state.OPERATIONS_RETRY_SCHEDULED': VIEW_TEXTS['outcome.ACCOLTA_IN_ESECUZIONE.label'],
  'state.IN_CARICO_SEDE': { it: 'In carico alla Sede', en: 'With the INPS office' },
  'state.ACCOLTA': VIEW_TEXTS['outcome.ACCOLTA.label'],
  'state.NON_ACCOLTA': VIEW_TEXTS['outcome.NON_ACCOLTA.label'],
  'state.RITIRATA': { it: 'Ritirata', en: 'Withdrawn' },
} satisfies Readonly<Record<string, LocalizedText>>;
