import type { MessageLocale } from '../text/message-locale.js';
import type { NotificationChannel } from '../requests/notification-preference.js';

/** The moments the requester is told about: protocol, outcome, hand-over to the Sede, operator's closure, withdrawal. */
export const NOTIFICATION_KINDS = ['PROTOCOLLATA', 'ESITO_DISPONIBILE', 'PRESA_IN_CARICO_SEDE', 'CHIUSA_DA_OPERATORE', 'RITIRATA'] as const;

/** A kind of notification; see {@link NOTIFICATION_KINDS}. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notice, ready to send. */
export interface NotificationMessage {
  /**
   * `<protocollo>#<history step>`: the same notice keeps its id when its delivery is retried, so a
   * gateway that may have delivered an unconfirmed attempt can drop the second copy.
   */
  readonly id: string;
  readonly kind: NotificationKind;
  readonly channel: NotificationChannel;
  readonly to: string;
  readonly locale: MessageLocale;
  readonly protocollo: string;
  /** The subject line (e-mail and PEC); absent for SMS. */
  readonly subject?: string;
  /** Plain text; for SMS at most 160 GSM-7 characters. */
  readonly body: string;
}
