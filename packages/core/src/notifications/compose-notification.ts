import { DEFAULT_TIME_ZONE } from '../calendar/iso-dates.js';
import type { HistoryEntry, LifecycleRequest } from '../requests/request-state.js';
import { stateLabel } from '../requests/state-labels.js';
import { textIn, type MessageLocale } from '../text/message-locale.js';
import { builtInMessages, type Messages } from '../messages/messages.js';
import { gsm7Length, toGsm7, truncateGsm7 } from './gsm7.js';
import type { NotificationKind, NotificationMessage } from './notification-message.js';
import { withholdOtherTaxCodes } from './reason-summary.js';

/** The most GSM-7 characters one SMS holds. */
export const SMS_MAX_LENGTH = 160;

/** Options of {@link composeNotification}. */
export interface ComposeNotificationOptions {
  /** Zone of the submission time shown in the notice; defaults to Europe/Rome. */
  readonly timeZone?: string;
  /**
   * The texts of notices and state labels (`notice.*`, `state.*`); defaults to the built-in table. The
   * lifecycle passes its own (`createRequestLifecycle({ messages })`, else `engine.messages`).
   */
  readonly messages?: Messages;
}

/**
 * The notice a history step calls for: protocol, outcome (once the request is closed with it: an
 * accepted request when its last operation is performed), hand-over to the Sede, operator's closure,
 * withdrawal; none for the others.
 */
export function notificationKindOf(entry: HistoryEntry): NotificationKind | undefined {
  switch (entry.event.type) {
    case 'SUBMIT':
      return 'PROTOCOLLATA';
    case 'RECORD_DECISION':
    case 'RECORD_OPERATION':
      return entry.to === 'ACCOLTA' || entry.to === 'NON_ACCOLTA' ? 'ESITO_DISPONIBILE' : undefined;
    case 'RECORD_TECHNICAL_FAILURE':
    case 'RECORD_OPERATION_FAILURE':
      return entry.to === 'IN_CARICO_SEDE' ? 'PRESA_IN_CARICO_SEDE' : undefined;
    case 'CLOSE_BY_OPERATOR':
      return 'CHIUSA_DA_OPERATORE';
    case 'WITHDRAW':
      return 'RITIRATA';
    default:
      return undefined;
  }
}

function formatDateTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** What the notice says about why: the reasons' summaries of a rejection, or the operator's motivazione. */
function motiviOf(request: LifecycleRequest, kind: NotificationKind, locale: MessageLocale): readonly string[] {
  const outcome = request.outcome;
  if (kind === 'ESITO_DISPONIBILE' && outcome?.decidedBy === 'istruttoria') return outcome.reasons.map((reason) => textIn(reason.summary, locale));
  if (kind === 'CHIUSA_DA_OPERATORE' && outcome?.decidedBy === 'operator') return [withholdOtherTaxCodes(outcome.motivazione, [request.subject.cf, request.subject.soggettoCf])];
  return [];
}

/** Fills the SMS text within 160 GSM-7 characters: whole reasons while they fit, else the first one cut, else a shorter title. */
function fitSms(fill: (values: Readonly<Record<string, string>>) => string, values: Readonly<Record<string, string>>, motivi: readonly string[]): string {
  const render = (filled: Readonly<Record<string, string>>) => toGsm7(fill(filled)).replace(/ {2,}/g, ' ').trim();
  const length = (text: string) => gsm7Length(text) ?? Number.POSITIVE_INFINITY;
  const withoutMotivi = { ...values, motivi: '' };
  const room = SMS_MAX_LENGTH - length(render(withoutMotivi)) - 1;
  let chosen = '';
  for (const line of motivi.map(toGsm7)) {
    const next = chosen === '' ? line : `${chosen} ${line}`;
    if (length(next) > room) break;
    chosen = next;
  }
  if (chosen === '' && motivi.length > 0 && room >= 20) chosen = truncateGsm7(toGsm7(motivi[0] as string), room);
  const text = render({ ...values, motivi: chosen });
  if (length(text) <= SMS_MAX_LENGTH) return text;
  const titleRoom = SMS_MAX_LENGTH - length(render({ ...withoutMotivi, titolo: '' }));
  return truncateGsm7(render({ ...withoutMotivi, titolo: truncateGsm7(toGsm7(values.titolo ?? ''), Math.max(0, titleRoom)) }), SMS_MAX_LENGTH);
}

/**
 * Writes the notice of `kind` for a request, on the channel and in the language of the requester's
 * preference; `undefined` when the requester gave none. It carries the protocollo, the task title, the
 * state or outcome and, for a rejection or an operator's closure, a short summary of why — never
 * values read from INPS archives, nor anyone's tax code but the requester's and the soggetto's.
 *
 * @example
 * const message = composeNotification(request, 'ESITO_DISPONIBILE');
 * if (message) await notificationPort.send(message);
 */
export function composeNotification(request: LifecycleRequest, kind: NotificationKind, options: ComposeNotificationOptions = {}): NotificationMessage | undefined {
  return composeNotificationFor(request, request.history.length - 1, kind, options);
}

/** The id of the notice of history step `step` (0-based) of a request: `<protocollo>#<step>`. */
export function noticeIdOf(protocollo: string, step: number): string {
  return `${protocollo}#${step}`;
}

function composeNotificationFor(request: LifecycleRequest, step: number, kind: NotificationKind, options: ComposeNotificationOptions): NotificationMessage | undefined {
  const preference = request.notifications;
  if (!preference) return undefined;
  const locale = preference.locale ?? 'it';
  const messages = options.messages ?? builtInMessages();
  const motivi = motiviOf(request, kind, locale);
  const values: Record<string, string> = {
    protocollo: request.protocollo,
    titolo: textIn(request.title, locale),
    esito: stateLabel(request.state, locale, messages),
    data: formatDateTime(request.submittedAt, options.timeZone ?? DEFAULT_TIME_ZONE),
    motivi: motivi.join(' '),
  };
  const base = { id: noticeIdOf(request.protocollo, step), kind, channel: preference.channel, to: preference.address, locale, protocollo: request.protocollo };
  if (preference.channel === 'SMS') return { ...base, body: fitSms((filled) => messages.format(`notice.${kind}.sms`, filled, locale), values, motivi) };
  const text: Messages['format'] = (code) => messages.format(code, values, locale);
  const why = motivi.length === 0 ? [] : [text(kind === 'CHIUSA_DA_OPERATORE' ? 'notice.motivazioneHeading' : 'notice.reasonsHeading'), ...motivi.map((line) => `- ${line}`), ''];
  const body = [text('notice.greeting'), '', text(`notice.${kind}.lead`), '', ...why, text('notice.details'), '', text(`notice.closing.${preference.channel}`)].join('\n');
  return { ...base, subject: text(`notice.${kind}.subject`), body };
}

/** The notice for the request's latest history step, if that step calls for one and the requester gave a preference. */
export function composeLatestNotification(request: LifecycleRequest, options: ComposeNotificationOptions = {}): NotificationMessage | undefined {
  const step = request.history.length - 1;
  const latest = request.history[step];
  const kind = latest && notificationKindOf(latest);
  return kind && composeNotificationFor(request, step, kind, options);
}
