import { SCHEDULED_STATES, composeLatestNotification, isKnownTimeZone, versionConflict } from '@smart-task/core/lifecycle';
import type { LifecycleRequest, RequestRepository } from '@smart-task/core/lifecycle';
import { insertOutboxEntries } from './notification-outbox.js';
import { requestListStatements } from './request-list-query.js';
import type { SqlClient } from './sql-client.js';
import { deepFreeze, instantParam } from './sql-values.js';
import { invalidTimeZone } from './store-errors.js';

/** Options of {@link createPostgresRequestRepository}. */
export interface PostgresRequestRepositoryOptions {
  /** The zone `list` reads its date filters in (calendar days); defaults to Europe/Rome. */
  readonly timeZone?: string;
  /**
   * Queue the notice a saved step calls for in the notification outbox, in the same transaction as the
   * step (default `false`; {@link openSmartTaskStore} turns it on). A process that stops right after a
   * save then loses no notice; the lifecycle's own queuing of the same notice adds nothing (same id).
   * Only for hosts that deliver notices through this database's outbox. Dates in notices are written
   * in `timeZone`.
   */
  readonly queueNotices?: boolean;
}

/** The largest version an `integer` column holds. */
const MAX_VERSION = 2_147_483_647;

/** The columns a request is found and sorted by, beside its whole body, as statement parameters `$1`…`$11`. */
function rowOf(request: LifecycleRequest): unknown[] {
  const retryDueAt = SCHEDULED_STATES.has(request.state) && request.retry !== undefined ? instantParam(request.retry.nextAttemptAt) : null;
  return [
    request.protocollo,
    request.taskId,
    request.subject.matricola,
    request.subject.cf,
    request.subject.soggettoCf,
    request.state,
    instantParam(request.submittedAt),
    instantParam(request.updatedAt),
    retryDueAt,
    request.version,
    JSON.stringify(request),
  ];
}

const INSERT = `INSERT INTO smart_task_requests (protocollo, task_id, matricola, requester_cf, soggetto_cf, state, submitted_at, updated_at, retry_due_at, version, body)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
ON CONFLICT (protocollo) DO NOTHING`;

const UPDATE = `UPDATE smart_task_requests
SET task_id = $2, matricola = $3, requester_cf = $4, soggetto_cf = $5, state = $6, submitted_at = $7, updated_at = $8, retry_due_at = $9, version = $10, body = $11::jsonb
WHERE protocollo = $1 AND version = $12`;

/**
 * A {@link RequestRepository} on PostgreSQL or PGlite (tables from {@link migrate}). `save` is one
 * statement guarded by the version (an INSERT that does nothing when the protocollo exists, an UPDATE
 * of the version read), so of two writers of the same version exactly one wins and the other gets
 * `VERSION_CONFLICT`. `list` answers as `selectRequests` does, with the date filters read in
 * `timeZone`. Requests come back deeply frozen, equal to those saved.
 *
 * @example
 * const repository = createPostgresRequestRepository(await openSqlClient({ dataDir: './data' }));
 * const lifecycle = createRequestLifecycle({ engine, repository, nextProtocollo });
 */
export function createPostgresRequestRepository(client: SqlClient, options: PostgresRequestRepositoryOptions = {}): RequestRepository {
  // Without a zone, dates are read in the lifecycle's default zone: core's `dayRangeInTimeZone` and
  // `composeLatestNotification` apply it, so the default is defined once, in core.
  const timeZone = options.timeZone;
  if (timeZone !== undefined && !isKnownTimeZone(timeZone)) throw invalidTimeZone(timeZone);

  const storedVersion = async (protocollo: string): Promise<number | undefined> => (await client.query<{ version: number }>('SELECT version FROM smart_task_requests WHERE protocollo = $1', [protocollo])).rows[0]?.version;

  return {
    async get(protocollo) {
      const row = (await client.query<{ body: LifecycleRequest }>('SELECT body FROM smart_task_requests WHERE protocollo = $1', [protocollo])).rows[0];
      return row && deepFreeze(row.body);
    },

    async save(request) {
      const expected = request.version;
      if (!Number.isInteger(expected) || expected < 0 || expected >= MAX_VERSION) throw versionConflict(request.protocollo, expected, await storedVersion(request.protocollo));
      const saved: LifecycleRequest = { ...request, version: expected + 1 };
      const row = rowOf(saved);
      const write = async (sql: SqlClient): Promise<boolean> => (expected === 0 ? await sql.query(INSERT, row) : await sql.query(UPDATE, [...row, expected])).rowCount === 1;
      const notice = options.queueNotices ? composeLatestNotification(saved, timeZone === undefined ? {} : { timeZone }) : undefined;
      const written = notice
        ? await client.transaction(async (tx) => {
            if (!(await write(tx))) return false;
            await insertOutboxEntries(tx, [{ id: notice.id, message: notice, status: 'PENDING', queuedAt: saved.updatedAt, attempts: 0, nextAttemptAt: saved.updatedAt }]);
            return true;
          })
        : await write(client);
      if (!written) throw versionConflict(request.protocollo, expected, await storedVersion(request.protocollo));
      return deepFreeze(saved);
    },

    async list(query = {}) {
      const statements = requestListStatements(query, timeZone);
      // One snapshot for the count and the page, so that they agree while others write.
      return client.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const total = (await tx.query<{ total: number }>(statements.count.text, statements.count.params)).rows[0]?.total ?? 0;
        const bodies = statements.page ? (await tx.query<{ body: LifecycleRequest }>(statements.page.text, statements.page.params)).rows.map((row) => deepFreeze(row.body)) : [];
        return statements.toPage(total, bodies);
      });
    },
  };
}
