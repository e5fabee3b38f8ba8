import { callWithDeadline } from '../evaluate/call-with-deadline.js';
import { describeThrown } from '../evaluate/port-failure.js';
import type { Clock, Logger } from '../port.js';
import type { NotificationPort } from './notification-port.js';
import { canRetryAfter, retryDelayMs, type RetryPolicy } from '../requests/retry-policy.js';
import type { NotificationOutbox, OutboxClaim, OutboxEntry } from './notification-outbox.js';

/** How notices are delivered from the outbox. */
export interface NoticeDelivery {
  readonly outbox: NotificationOutbox;
  readonly port: NotificationPort;
  readonly clock: Clock;
  /** Deadline of one attempt, in milliseconds. */
  readonly timeoutMs: number;
  readonly retryPolicy: RetryPolicy;
  readonly logger?: Logger | undefined;
}

/** The entry delivered now. */
function sentEntry(entry: OutboxEntry, delivery: NoticeDelivery): OutboxEntry {
  const { lastError: _lastError, ...rest } = entry;
  return { ...rest, status: 'SENT', sentAt: delivery.clock.now().toISOString() };
}

/** True when the port can say, and says, that the gateway has accepted this notice already. */
async function gatewayHas(entry: OutboxEntry, delivery: NoticeDelivery, signal: AbortSignal): Promise<boolean> {
  const wasSent = delivery.port.wasSent?.bind(delivery.port);
  return wasSent !== undefined && callWithDeadline(signal, delivery.timeoutMs, (s) => wasSent(entry.id, { signal: s }));
}

/**
 * One delivery attempt of a claimed notice, within the deadline; the entry as it stands after it. The
 * claim started attempt `attempts`: when an earlier one exists (it failed, or never reported back) the
 * gateway is asked first; past the policy's last attempt nothing is sent.
 */
async function attempt(entry: OutboxEntry, delivery: NoticeDelivery): Promise<OutboxEntry> {
  const controller = new AbortController();
  const { attempts } = entry;
  try {
    if (attempts > 1 && (await gatewayHas(entry, delivery, controller.signal))) {
      delivery.logger?.debug('smart-task: notification found with the gateway, not sent again', { id: entry.id, protocollo: entry.message.protocollo, kind: entry.message.kind, attempts });
      return sentEntry(entry, delivery);
    }
    if (attempts > delivery.retryPolicy.maxAttempts) throw new Error(`its last attempt (${delivery.retryPolicy.maxAttempts}) never reported back`);
    await callWithDeadline(controller.signal, delivery.timeoutMs, (signal) => delivery.port.send(entry.message, { signal }));
    return sentEntry(entry, delivery);
  } catch (error) {
    controller.abort(error);
    const at = delivery.clock.now();
    const retry = canRetryAfter(delivery.retryPolicy, attempts);
    delivery.logger?.warn(retry ? 'smart-task: notification not sent, will retry' : 'smart-task: notification abandoned', {
      id: entry.id,
      protocollo: entry.message.protocollo,
      kind: entry.message.kind,
      channel: entry.message.channel,
      attempts,
      error: describeThrown(error),
    });
    return {
      ...entry,
      status: retry ? 'PENDING' : 'ABANDONED',
      nextAttemptAt: retry ? new Date(at.getTime() + retryDelayMs(delivery.retryPolicy, attempts)).toISOString() : entry.nextAttemptAt,
      lastError: describeThrown(error),
    };
  }
}

/**
 * Claims the due notices (with a lease of twice the deadline, so that a stopped worker's claim runs
 * out), tries each once within the deadline, concurrently, and stores how it went: `SENT`, `PENDING`
 * again with the next attempt's time, or `ABANDONED` after the policy's last attempt (logged). A notice
 * tried before is first looked up with the gateway when the port has `wasSent`, and not sent again if
 * the gateway has it.
 */
export async function deliverNotices(delivery: NoticeDelivery, claim: Pick<OutboxClaim, 'limit' | 'ids'>): Promise<OutboxEntry[]> {
  const now = delivery.clock.now();
  const claimed = await delivery.outbox.claim({ ...claim, now: now.toISOString(), leaseUntil: new Date(now.getTime() + 2 * delivery.timeoutMs).toISOString() });
  return Promise.all(
    claimed.map(async (entry) => {
      const next = await attempt(entry, delivery);
      await delivery.outbox.update(next);
      return next;
    }),
  );
}
