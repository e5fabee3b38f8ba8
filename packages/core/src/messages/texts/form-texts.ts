import type { LocalizedText } from '@smart-task/schemas';

/**
 * The composed form's own texts, by code: the notice of a choice with nothing to choose from, what an
 * unavailable form tells the contributor (never an archive, fact or code), and the provenance of the
 * values taken from the requester's own profile and position.
 */
export const FORM_TEXTS = {
  'form.NO_OPTIONS': {
    it: 'Non ci sono elementi da scegliere: al momento la richiesta non può essere presentata.',
    en: 'There is nothing to choose from: the request cannot be filed at the moment.',
  },
  'form.unavailable.TRY_LATER': {
    it: 'Al momento non è possibile preparare il modulo perché alcuni dati non sono raggiungibili. Riprova più tardi.',
    en: 'The form cannot be prepared right now because some data cannot be reached. Please try again later.',
  },
  'form.unavailable.ASK_SEDE': {
    it: 'Al momento non è possibile preparare il modulo. Riprova più tardi; se il problema continua, rivolgiti alla tua Sede INPS.',
    en: 'The form cannot be prepared right now. Please try again later; if the problem persists, contact your INPS office.',
  },
  'form.unavailable.NOT_IN_FORCE': {
    it: 'Questa richiesta non è disponibile oggi: riprova più tardi o rivolgiti alla tua Sede INPS.',
    en: 'This request is not available today: try again later or contact your INPS office.',
  },
  'form.known.subjectSource': { it: 'Cassetto previdenziale: profilo e posizione selezionati', en: 'Cassetto previdenziale: selected profile and position' },
} satisfies Readonly<Record<string, LocalizedText>>;
