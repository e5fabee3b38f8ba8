import type { PGlite } from '@electric-sql/pglite';
import { isKnownTimeZone } from '@smart-task/core/lifecycle';
import type { NotificationOutbox, RequestRepository } from '@smart-task/core/lifecycle';
import type pg from 'pg';
import { createPostgresAuditStore, type PostgresAuditStore } from './audit-store.js';
import { checkSchema, migrate } from './migrations.js';
import { createPostgresNotificationOutbox } from './notification-outbox.js';
import { createPostgresRequestRepository } from './request-repository.js';
import { openPgPool, openPglite, type DatabaseLocation, type SqlClient } from './sql-client.js';
import { invalidTimeZone } from './store-errors.js';

/** Options of {@link openSmartTaskStore}. */
export interface SmartTaskStoreOptions {
  /** The zone the request list reads its date filters in; defaults to Europe/Rome. */
  readonly timeZone?: string;
  /**
   * Apply the missing migrations on opening (default `true`). With `false` the store only checks that
   * the database is migrated (`DATABASE_NOT_MIGRATED`), for hosts that run `smart-task-postgres migrate`
   * as a deployment step.
   */
  readonly migrate?: boolean;
  /**
   * Queue each step's notice in the outbox in the same transaction as the step (default `true`), so a
   * process that stops between the two loses no notice. Turn it off for a host that sends no notices.
   */
  readonly queueNotices?: boolean;
}

/** Everything the request lifecycle keeps, on one database. */
export interface SmartTaskStore {
  readonly client: SqlClient;
  /** On a server: the connection pool (for a job queue or advisory locks on the same database). */
  readonly pool?: pg.Pool;
  /** On the embedded database: the PGlite instance (one per process; share it, never open a second on the same directory). */
  readonly pglite?: PGlite;
  readonly repository: RequestRepository;
  readonly outbox: NotificationOutbox;
  readonly auditStore: PostgresAuditStore;
  /** Closes the database (PGlite) or the connection pool. */
  close(): Promise<void>;
}

/**
 * Opens the store of the request lifecycle (requests, audit records, notification outbox) on a
 * PostgreSQL server, or on the embedded PGlite in `dataDir` (in memory without one), migrating the
 * schema first. A database a newer library migrated is refused (`DATABASE_NEWER_THAN_LIBRARY`).
 *
 * @example
 * const store = await openSmartTaskStore(process.env.DATABASE_URL ? { connectionString: process.env.DATABASE_URL } : { dataDir: './smart-task-data' });
 * const lifecycle = createRequestLifecycle({ engine, nextProtocollo, notifications, repository: store.repository, outbox: store.outbox, recordEvaluation: store.auditStore.record });
 */
export async function openSmartTaskStore(location: DatabaseLocation = {}, options: SmartTaskStoreOptions = {}): Promise<SmartTaskStore> {
  if (options.timeZone !== undefined && !isKnownTimeZone(options.timeZone)) throw invalidTimeZone(options.timeZone);
  const opened = 'connectionString' in location ? openPgPool(location.connectionString, location.max) : await openPglite(location.dataDir);
  const client: SqlClient = opened;
  try {
    if (options.migrate === false) await checkSchema(client);
    else await migrate(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return {
    client,
    ...('pool' in opened ? { pool: opened.pool } : { pglite: opened.pglite }),
    repository: createPostgresRequestRepository(client, { ...(options.timeZone !== undefined && { timeZone: options.timeZone }), queueNotices: options.queueNotices ?? true }),
    outbox: createPostgresNotificationOutbox(client),
    auditStore: createPostgresAuditStore(client),
    close: () => client.close(),
  };
}
