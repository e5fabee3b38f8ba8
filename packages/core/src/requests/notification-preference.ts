import type { MessageLocale } from '../text/message-locale.js';

/** The channels a requester can choose for notices about their requests. */
export const NOTIFICATION_CHANNELS = ['EMAIL', 'PEC', 'SMS'] as const;

/** A notification channel; see {@link NOTIFICATION_CHANNELS}. */
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** How the requester wants to be told, as the host knows it from their contacts. */
export interface NotificationPreference {
  readonly channel: NotificationChannel;
  /** E-mail address, PEC address or mobile number, as the requester gave it. */
  readonly address: string;
  /**
   * The language of the notices; defaults to Italian. A locale the host added to the message table
   * (see `HostLocales`) is written with the host's texts, Italian where they lack one.
   */
  readonly locale?: MessageLocale;
}
