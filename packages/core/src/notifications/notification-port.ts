import type { NotificationMessage } from './notification-message.js';

/**
 * Delivers notices (e-mail gateway, PEC provider, SMS gateway). Called from the notification outbox,
 * after the state the notice announces is saved, within a deadline: a failure or a hang is retried
 * later and never changes or holds the request.
 *
 * An attempt that never reported back (its deadline ran out, or its process stopped between the
 * gateway's answer and the outbox) may have been delivered. Before such a notice is tried again the
 * outbox asks {@link NotificationPort.wasSent}, when the port has it, and sends only if the gateway
 * has no notice with that id: no notice is sent twice. A port without `wasSent` gets the notice again
 * (at least once) and should drop the second copy by `message.id`, the notice's stable id.
 *
 * @example
 * const notifications: NotificationPort = {
 *   send: (message, { signal }) => mailer.send(message.to, message.subject, message.body, { headers: { 'Message-ID': message.id }, signal }),
 *   wasSent: (messageId, { signal }) => mailer.hasMessage(messageId, { signal }),
 * };
 */
export interface NotificationPort {
  /** Hands the notice to the gateway; resolves once the gateway has accepted it. */
  send(message: NotificationMessage, context: { readonly signal: AbortSignal }): Promise<void>;
  /**
   * True when the gateway has accepted a notice with this id (`NotificationMessage.id`). Asked, within
   * the same deadline as `send`, before a notice whose earlier attempt never reported back is sent
   * again; a failure here counts as a failed attempt, and nothing is sent.
   */
  wasSent?(messageId: string, context: { readonly signal: AbortSignal }): Promise<boolean>;
}
