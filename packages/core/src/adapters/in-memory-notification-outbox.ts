import type { NotificationOutbox, OutboxEntry } from '../notifications/notification-outbox.js';

/** An in-memory {@link NotificationOutbox}: for tests, demos and single-process hosts. */
export interface InMemoryNotificationOutbox extends NotificationOutbox {
  /** Every entry, in the order queued. */
  readonly all: () => readonly OutboxEntry[];
}

/**
 * Creates an in-memory notification outbox. Claims are atomic within the process.
 *
 * @example
 * const outbox = createInMemoryNotificationOutbox();
 * outbox.all().filter((entry) => entry.status === 'PENDING'); // notices still to deliver
 */
export function createInMemoryNotificationOutbox(): InMemoryNotificationOutbox {
  const entries = new Map<string, OutboxEntry>();
  return {
    async add(added) {
      for (const entry of added) if (!entries.has(entry.id)) entries.set(entry.id, entry);
    },
    async claim({ now, leaseUntil, limit, ids }) {
      const dueBy = Date.parse(now);
      const candidates = ids ? ids.flatMap((id) => entries.get(id) ?? []) : [...entries.values()];
      const claimed = candidates
        .filter((entry) => entry.status === 'PENDING' && Date.parse(entry.nextAttemptAt) <= dueBy)
        .sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt))
        .slice(0, limit)
        .map((entry) => ({ ...entry, attempts: entry.attempts + 1, nextAttemptAt: leaseUntil }));
      for (const entry of claimed) entries.set(entry.id, entry);
      return claimed;
    },
    async update(entry) {
      const stored = entries.get(entry.id);
      if (stored === undefined || stored.attempts === entry.attempts) entries.set(entry.id, entry);
    },
    all: () => [...entries.values()],
  };
}
