import type { LocalizedText } from '@smart-task/schemas';

/**
 * The texts of the views, by code: the requester-facing label and summary of each outcome (the one
 * source of "Accolta" / "Non accolta" / "In lavorazione", which the state labels reuse), and the
 * sentences of the summary of a request as the Sede operator sees it.
 */
export const VIEW_TEXTS = {
  'outcome.ACCOLTA.label': { it: 'Accolta', en: 'Accepted' },
  'outcome.ACCOLTA_IN_ESECUZIONE.label': { it: 'Accolta, operazioni in corso', en: 'Accepted, operations in progress' },
  'outcome.NON_ACCOLTA.label': { it: 'Non accolta', en: 'Not accepted' },
  'outcome.IN_LAVORAZIONE.label': { it: 'In lavorazione', en: 'In progress' },
  'outcome.ACCOLTA.summary': {
    it: 'La richiesta è stata accolta: le operazioni elencate sono state eseguite.',
    en: 'The request was accepted: the operations listed were performed.',
  },
  'outcome.ACCOLTA_IN_ESECUZIONE.summary': {
    it: 'La richiesta è stata accolta: le operazioni elencate sono state eseguite e le altre saranno completate a breve, senza che tu debba fare nulla.',
    en: 'The request was accepted: the operations listed were performed and the others will be completed shortly, with nothing for you to do.',
  },
  'outcome.NON_ACCOLTA.summary': {
    it: 'La richiesta non è stata accolta per i motivi elencati. Puoi presentarne una nuova dopo aver sistemato quanto indicato.',
    en: 'The request was not accepted for the reasons listed. You can file a new one once you have dealt with them.',
  },
  'outcome.IN_LAVORAZIONE.summary': {
    it: "La richiesta è in lavorazione: non è stato possibile completare la verifica automatica e riceverai l'esito appena disponibile.",
    en: 'The request is being processed: the automatic review could not be completed and you will be told the outcome as soon as it is available.',
  },
  'operatorView.noOutcome': { it: 'Nessun esito registrato.', en: 'No outcome recorded.' },
  'operatorView.decidedByIstruttoria': {
    it: "Esito {verdict} registrato dall'istruttoria automatizzata il {at}.",
    en: 'Outcome {verdict} recorded by the automated istruttoria on {at}.',
  },
  'operatorView.decidedByOperator': { it: 'Esito {verdict} registrato da un operatore il {at}.', en: 'Outcome {verdict} recorded by an operator on {at}.' },
  'operatorView.operations': { it: '{done} di {all} operazioni eseguite.', en: '{done} of {all} operation(s) performed.' },
  'operatorView.pending': { it: 'Da completare: {ids}.', en: 'Still to do: {ids}.' },
  'operatorView.lastFailure': { it: 'Ultimo errore tecnico: {code} — {message}', en: 'Last technical failure: {code} — {message}' },
} satisfies Readonly<Record<string, LocalizedText>>;
