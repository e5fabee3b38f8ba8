import type { NotificationMessage } from './notification-message.js';

/** Where a notice stands: waiting to be delivered (or retried), delivered, or given up after its last attempt. */
export type OutboxStatus = 'PENDING' | 'SENT' | 'ABANDONED';

/** One notice in the outbox, with its delivery attempts. */
export interface OutboxEntry {
  /** The notice's id (`NotificationMessage.id`). */
  readonly id: string;
  readonly message: NotificationMessage;
  readonly status: OutboxStatus;
  /** When the lifecycle queued it (ISO date-time). */
  readonly queuedAt: string;
  /** Delivery attempts started so far: each claim starts one, so an attempt whose worker stopped is counted too. */
  readonly attempts: number;
  /** When it may be claimed next: due at once when queued, later after a failure or while claimed. */
  readonly nextAttemptAt: string;
  readonly sentAt?: string;
  readonly lastError?: string;
}

/** What {@link NotificationOutbox.claim} takes. */
export interface OutboxClaim {
  /** Entries due by this time (ISO date-time)... */
  readonly now: string;
  /** ...are claimed until this time: no other claim returns them before it (a worker that stops leaves them to the next). */
  readonly leaseUntil: string;
  readonly limit: number;
  /** Only these entries, when given (the notices a lifecycle call has just queued). */
  readonly ids?: readonly string[];
}

/**
 * Keeps the notices the lifecycle queues until they are delivered, so that a gateway that fails or
 * hangs never holds a request: the state is saved first, the notice queued, and delivery is tried with a
 * deadline and retried later. A database adapter keeps it in a table beside the requests.
 *
 * @example
 * const lifecycle = createRequestLifecycle({ engine, repository, nextProtocollo, notifications, outbox: createInMemoryNotificationOutbox() });
 */
export interface NotificationOutbox {
  /** Adds entries; an entry whose id is already there is left as it is (queuing twice sends once). */
  add(entries: readonly OutboxEntry[]): Promise<void>;
  /**
   * Claims up to `limit` `PENDING` entries due by `now`, oldest first, starting an attempt on each:
   * `attempts` goes up by one and `nextAttemptAt` moves to `leaseUntil`.
   */
  claim(claim: OutboxClaim): Promise<OutboxEntry[]>;
  /**
   * Stores an entry's state after the attempt its claim started. Ignored when the stored entry's
   * `attempts` differs, that is when the entry was claimed again after this claim's lease ran out: a
   * late worker never overwrites the state of the attempt that followed its own.
   */
  update(entry: OutboxEntry): Promise<void>;
}
