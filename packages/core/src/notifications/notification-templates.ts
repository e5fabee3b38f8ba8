import type { Locale } from '@smart-task/schemas';
import type { NotificationChannel, NotificationKind } from './notification-message.js';

/**
 * The it/en texts of notices. Placeholders: `{protocollo}`, `{titolo}` (task title), `{esito}` (state
 * label), `{data}` (submission date and time), `{motivi}` (reason summaries or the operator's
 * motivazione). No template names the requester or shows data they did not give.
 */

/** The texts of one kind of notice in one language. */
export interface NoticeTemplate {
  /** Subject line of e-mail and PEC. */
  readonly subject: string;
  /** The paragraph of e-mail and PEC after the greeting. */
  readonly lead: string;
  /** The whole SMS (fitted to 160 GSM-7 characters by shortening `{motivi}`, then `{titolo}`). */
  readonly sms: string;
}

/** Texts every long-form notice shares. */
export interface NoticeFrame {
  readonly greeting: string;
  readonly reasonsHeading: string;
  readonly motivazioneHeading: string;
  readonly details: string;
  readonly closing: Readonly<Record<Exclude<NotificationChannel, 'SMS'>, string>>;
}

/** Every kind of notice, in Italian and English. */
export const NOTICE_TEMPLATES: { readonly [L in Locale]: { readonly [K in NotificationKind]: NoticeTemplate } } = {
  it: {
    PROTOCOLLATA: {
      subject: 'Smart-Task {protocollo}: richiesta ricevuta',
      lead: 'la tua richiesta Smart-Task «{titolo}» è stata protocollata con il numero {protocollo} il {data}. L\'istruttoria automatizzata è in corso: riceverai l\'esito appena disponibile.',
      sms: 'INPS Smart-Task {titolo}: richiesta protocollata con n. {protocollo}. Riceverai l\'esito appena disponibile.',
    },
    ESITO_DISPONIBILE: {
      subject: 'Smart-Task {protocollo}: {esito}',
      lead: 'la tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) è stata esaminata. Esito: {esito}.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Dettagli nel Cassetto.',
    },
    PRESA_IN_CARICO_SEDE: {
      subject: 'Smart-Task {protocollo}: in carico alla Sede INPS',
      lead: 'la lavorazione automatica della tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) non si è potuta completare per un problema tecnico. Un operatore della Sede INPS la esaminerà e la chiuderà con un esito: non devi presentarla di nuovo.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): in carico alla Sede INPS per un problema tecnico. Non serve ripresentarla.',
    },
    CHIUSA_DA_OPERATORE: {
      subject: 'Smart-Task {protocollo}: {esito}',
      lead: 'la tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) è stata esaminata da un operatore della Sede INPS. Esito: {esito}.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Dettagli nel Cassetto.',
    },
    RITIRATA: {
      subject: 'Smart-Task {protocollo}: richiesta ritirata',
      lead: 'la tua richiesta Smart-Task «{titolo}» (protocollo {protocollo}) è stata ritirata come hai chiesto e non sarà esaminata.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): richiesta ritirata come hai chiesto.',
    },
  },
  en: {
    PROTOCOLLATA: {
      subject: 'Smart-Task {protocollo}: request received',
      lead: 'your Smart-Task request "{titolo}" was registered with protocol number {protocollo} on {data}. The automatic review is under way: you will be told the outcome as soon as it is available.',
      sms: 'INPS Smart-Task {titolo}: request registered as no. {protocollo}. You will be told the outcome when available.',
    },
    ESITO_DISPONIBILE: {
      subject: 'Smart-Task {protocollo}: {esito}',
      lead: 'your Smart-Task request "{titolo}" (protocol {protocollo}) has been reviewed. Outcome: {esito}.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Details in the Cassetto.',
    },
    PRESA_IN_CARICO_SEDE: {
      subject: 'Smart-Task {protocollo}: with the INPS office',
      lead: 'the automatic processing of your Smart-Task request "{titolo}" (protocol {protocollo}) could not be completed because of a technical problem. An operator of the INPS office (Sede) will review it and close it with an outcome: you do not need to file it again.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): passed to the INPS office after a technical problem. No need to file again.',
    },
    CHIUSA_DA_OPERATORE: {
      subject: 'Smart-Task {protocollo}: {esito}',
      lead: 'your Smart-Task request "{titolo}" (protocol {protocollo}) has been reviewed by an operator of the INPS office (Sede). Outcome: {esito}.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): {esito}. {motivi} Details in the Cassetto.',
    },
    RITIRATA: {
      subject: 'Smart-Task {protocollo}: request withdrawn',
      lead: 'your Smart-Task request "{titolo}" (protocol {protocollo}) was withdrawn as you asked and will not be reviewed.',
      sms: 'INPS Smart-Task {protocollo} ({titolo}): request withdrawn as you asked.',
    },
  },
};

/** Greeting, headings and closings of long-form notices, in Italian and English. */
export const NOTICE_FRAME: { readonly [L in Locale]: NoticeFrame } = {
  it: {
    greeting: 'Gentile utente,',
    reasonsHeading: 'Motivi:',
    motivazioneHeading: 'Motivazione:',
    details: 'Il dettaglio è nel Cassetto previdenziale, in Comunicazioni > Lista Richieste.',
    closing: {
      EMAIL: 'Messaggio generato automaticamente: non rispondere.',
      PEC: 'Messaggio inviato alla casella PEC indicata nei tuoi contatti, generato automaticamente: non rispondere.',
    },
  },
  en: {
    greeting: 'Dear user,',
    reasonsHeading: 'Reasons:',
    motivazioneHeading: 'Explanation:',
    details: 'The details are in the Cassetto previdenziale, under Comunicazioni > Lista Richieste.',
    closing: {
      EMAIL: 'This message was generated automatically: please do not reply.',
      PEC: 'This message was sent to the PEC address in your contacts and generated automatically: please do not reply.',
    },
  },
};
