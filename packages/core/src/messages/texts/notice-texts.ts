import type { LocalizedText } from '@smart-task/schemas';

/**
 * The texts of notices (e-mail, PEC, SMS), by code. Placeholders: `{protocollo}`, `{titolo}` (task
 * title), `{esito}` (state label), `{data}` (submission date and time), `{motivi}` (reason summaries
 * or the operator's motivazione); every `notice.*` text may use all five. No text names the requester
 * or shows data they did not give. An SMS text is fitted to 160 GSM-7 characters by shortening
 * `{motivi}`, then `{titolo}`. `reason.genericSummary` stands for a reason whose rule set is not known.
 */
export const NOTICE_TEXTS = {
  'notice.PROTOCOLLATA.subject': { it: 'Smart-Task {protocollo}: richiesta ricevuta', en: 'Smart-Task {protocollo}: request received' },
  'notice.PROTOCOLLATA.lead': {
    it: "la tua richiesta Smart-Task «{titolo}» è stata protocollata con il numero {protocollo} il {data}. L'istruttoria automatizzata è in corso: riceverai l'esito appena disponibile.",
    en: 'your Smart-Task request "{titolo}" was registered with protocol number {protocollo} on {data}. The automatic review is under way: you will be told the outcome as soon as it is available.',
  },
  'notice.PROTOCOLLATA.sms': {
    it: "INPS Smart-Task {titolo}: richiesta protocollata con n. {protocollo}. Riceverai l'esito appena disponibile.",
    en: 'INPS Smart-Task {titolo}: request registered as no. {protocollo}. You will be told the outcome when available.',
  },
  'notice.ESITO_DISPONIBILE.subject': { it: 'Smart-Task {protocollo}: {esito}', en: 'Smart-Task {protocollo}: {esito}' },
  'notice.ESITO_DISPONIBILE.lead': {
    it: 'la tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) è stata esaminata. Esito: {esito}.',
    en: 'your Smart-Task request "{titolo}" (protocol {protocollo}) has been reviewed. Outcome: {esito}.',
  },
  'notice.ESITO_DISPONIBILE.sms': {
    it: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Dettagli nel Cassetto.',
    en: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Details in the Cassetto.',
  },
  'notice.PRESA_IN_CARICO_SEDE.subject': { it: 'Smart-Task {protocollo}: in carico alla Sede INPS', en: 'Smart-Task {protocollo}: with the INPS office' },
  'notice.PRESA_IN_CARICO_SEDE.lead': {
    it: 'la lavorazione automatica della tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) non si è potuta completare per un problema tecnico. Un operatore della Sede INPS la esaminerà e la chiuderà con un esito: non devi presentarla di nuovo.',
    en: 'the automatic processing of your Smart-Task request "{titolo}" (protocol {protocollo}) could not be completed because of a technical problem. An operator of the INPS office (Sede) will review it and close it with an outcome: you do not need to file it again.',
  },
  'notice.PRESA_IN_CARICO_SEDE.sms': {
    it: 'INPS Smart-Task {protocollo} ({titolo}): in carico alla Sede INPS per un problema tecnico. Non serve ripresentarla.',
    en: 'INPS Smart-Task {protocollo} ({titolo}): passed to the INPS office after a technical problem. No need to file again.',
  },
  'notice.CHIUSA_DA_OPERATORE.subject': { it: 'Smart-Task {protocollo}: {esito}', en: 'Smart-Task {protocollo}: {esito}' },
  'notice.CHIUSA_DA_OPERATORE.lead': {
    it: 'la tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) è stata esaminata da un operatore della Sede INPS. Esito: {esito}.',
    en: 'your Smart-Task request "{titolo}" (protocol {protocollo}) has been reviewed by an operator of the INPS office (Sede). Outcome: {esito}.',
  },
  'notice.CHIUSA_DA_OPERATORE.sms': {
    it: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Dettagli nel Cassetto.',
    en: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Details in the Cassetto.',
  },
  'notice.RITIRATA.subject': { it: 'Smart-Task {protocollo}: richiesta ritirata', en: 'Smart-Task {protocollo}: request withdrawn' },
  'notice.RITIRATA.lead': {
    it: 'la tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) è stata ritirata come hai chiesto e non sarà esaminata.',
    en: 'your Smart-Task request "{titolo}" (protocol {protocollo}) was withdrawn as you asked and will not be reviewed.',
  },
  'notice.RITIRATA.sms': {
    it: 'INPS Smart-Task {protocollo} ({titolo}): richiesta ritirata come hai chiesto.',
    en: 'INPS Smart-Task {protocollo} ({titolo}): request withdrawn as you asked.',
  },
  'notice.greeting': { it: 'Gentile utente,', en: 'Dear user,' },
  'notice.reasonsHeading': { it: 'Motivi:', en: 'Reasons:' },
  'notice.motivazioneHeading': { it: 'Motivazione:', en: 'Explanation:' },
  'notice.details': {
    it: 'Il dettaglio è nel Cassetto previdenziale, in Comunicazioni > Lista Richieste.',
    en: 'The details are in the Cassetto previdenziale, under Comunicazioni > Lista Richieste.',
  },
  'notice.closing.EMAIL': { it: 'Messaggio generato automaticamente: non rispondere.', en: 'This message was generated automatically: please do not reply.' },
  'notice.closing.PEC': {
    it: 'Messaggio inviato alla casella PEC indicata nei tuoi contatti, generato automaticamente: non rispondere.',
    en: 'This message was sent to the PEC address in your contacts and generated automatically: please do not reply.',
  },
  'reason.genericSummary': { it: 'Un requisito della richiesta non è soddisfatto.', en: 'A requirement of the request is not met.' },
} satisfies Readonly<Record<string, LocalizedText>>;
