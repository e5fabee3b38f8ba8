import type { NotificationMessage, NotificationOutbox, OutboxEntry, OutboxStatus } from '@smart-task/core/lifecycle';
import type { SqlClient } from './sql-client.js';
import { deepFreeze, instantParam, isoFromSql } from './sql-values.js';

interface OutboxRow {
  readonly id: string;
  readonly status: OutboxStatus;
  readonly queued_at: unknown;
  readonly next_attempt_at: unknown;
  readonly attempts: number;
  readonly sent_at: unknown;
  readonly last_error: string | null;
  readonly message: NotificationMessage;
}

function entryOf(row: OutboxRow, nextAttemptAt: string): OutboxEntry {
  return deepFreeze({
    id: row.id,
    message: row.message,
    status: row.status,
    queuedAt: isoFromSql(row.queued_at),
    attempts: row.attempts,
    nextAttemptAt,
    ...(row.sent_at !== null && { sentAt: isoFromSql(row.sent_at) }),
    ...(row.last_error !== null && { lastError: row.last_error }),
  });
}

/** An entry's columns as the parameters `$1`…`$9` of the statements below. */
function paramsOf(entry: OutboxEntry): unknown[] {
  return [
    entry.id,
    entry.message.protocollo ?? null,
    entry.status,
    instantParam(entry.queuedAt),
    instantParam(entry.nextAttemptAt),
    entry.attempts,
    entry.sentAt === undefined ? null : instantParam(entry.sentAt),
    entry.lastError ?? null,
    JSON.stringify(entry.message),
  ];
}

const COLUMNS = 'id, protocollo, status, queued_at, next_attempt_at, attempts, sent_at, last_error, message';
const VALUES = '$1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb';
/** The largest `LIMIT` a claim passes (an `integer`). */
const MAX_LIMIT = 2_147_483_647;

/** Adds entries to the outbox within the caller's transaction; an entry whose id is there already is left as it is. */
export async function insertOutboxEntries(client: SqlClient, entries: readonly OutboxEntry[]): Promise<void> {
  for (const entry of entries) await client.query(`INSERT INTO smart_task_notification_outbox (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (id) DO NOTHING`, paramsOf(entry));
}

/**
 * The notification outbox on PostgreSQL or PGlite (`smart_task_notification_outbox`). `claim` is one
 * `UPDATE … RETURNING` over the due entries taken `FOR UPDATE SKIP LOCKED`: workers in several
 * processes claiming at once never get the same entry, and an entry claimed stays with its worker
 * until the lease runs out; each claim starts an attempt (`attempts + 1`), and `update` stores an
 * attempt's outcome only while no later claim has started another. Dates come back in UTC as
 * `toISOString` writes them.
 *
 * @example
 * const lifecycle = createRequestLifecycle({ engine, repository, nextProtocollo, notifications, outbox: createPostgresNotificationOutbox(client) });
 */
export function createPostgresNotificationOutbox(client: SqlClient): NotificationOutbox {
  return {
    async add(entries) {
      // One at a time in one transaction: of two entries with the same id, the first stays, as in memory.
      await client.transaction((tx) => insertOutboxEntries(tx, entries));
    },

    async claim({ now, leaseUntil, limit, ids }) {
      if (!(limit >= 1)) return [];
      const params: unknown[] = [instantParam(now), instantParam(leaseUntil), Math.min(Math.floor(limit), MAX_LIMIT)];
      if (ids !== undefined) params.push([...ids]);
      const onlyIds = ids === undefined ? '' : ' AND id = ANY($4::text[])';
      const claimed = await client.query<OutboxRow & { due_at: unknown; seq: string | number }>(
        `UPDATE smart_task_notification_outbox AS entry SET next_attempt_at = $2::timestamptz, attempts = entry.attempts + 1
         FROM (SELECT id, next_attempt_at AS due_at, seq FROM smart_task_notification_outbox
               WHERE status = 'PENDING' AND next_attempt_at <= $1::timestamptz${onlyIds}
               ORDER BY next_attempt_at, seq LIMIT $3::integer FOR UPDATE SKIP LOCKED) AS due
         WHERE entry.id = due.id
         RETURNING ${COLUMNS.split(', ')
           .map((column) => `entry.${column}`)
           .join(', ')}, due.due_at, due.seq`,
        params,
      );
      // RETURNING keeps no order: oldest due first, then in the order queued.
      return claimed.rows.sort((a, b) => Date.parse(isoFromSql(a.due_at)) - Date.parse(isoFromSql(b.due_at)) || Number(a.seq) - Number(b.seq)).map((row) => entryOf(row, leaseUntil));
    },

    async update(entry) {
      await client.query(
        `INSERT INTO smart_task_notification_outbox (${COLUMNS}) VALUES (${VALUES})
         ON CONFLICT (id) DO UPDATE SET protocollo = EXCLUDED.protocollo, status = EXCLUDED.status, queued_at = EXCLUDED.queued_at, next_attempt_at = EXCLUDED.next_attempt_at,
           attempts = EXCLUDED.attempts, sent_at = EXCLUDED.sent_at, last_error = EXCLUDED.last_error, message = EXCLUDED.message
         WHERE smart_task_notification_outbox.attempts = EXCLUDED.attempts`,
        paramsOf(entry),
      );
    },
  };
}
