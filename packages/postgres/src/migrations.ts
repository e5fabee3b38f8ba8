import type { SqlClient } from './sql-client.js';
import { databaseNewerThanLibrary, databaseNotMigrated } from './store-errors.js';

/** One step of the schema: applied once, in `version` order, and never edited once released (a change is a new migration). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The schema, as migrations. Tables are prefixed `smart_task_`; dates are `timestamptz` to the
 * millisecond; each request, audit record and notice is kept whole in a `jsonb` column, beside the
 * columns the queries filter and sort by. `protocollo` sorts by code point (`COLLATE "C"`), the order
 * `selectRequests` breaks ties with.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'requests, audit records and notification outbox',
    sql: `
CREATE TABLE smart_task_requests (
  protocollo text COLLATE "C" PRIMARY KEY,
  task_id text NOT NULL,
  matricola text NOT NULL,
  requester_cf text NOT NULL,
  soggetto_cf text NOT NULL,
  state text NOT NULL,
  submitted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  retry_due_at timestamptz,
  version integer NOT NULL CHECK (version > 0),
  body jsonb NOT NULL
);
CREATE INDEX smart_task_requests_submitted_idx ON smart_task_requests (submitted_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_updated_idx ON smart_task_requests (updated_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_matricola_idx ON smart_task_requests (matricola, submitted_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_task_idx ON smart_task_requests (task_id, submitted_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_state_idx ON smart_task_requests (state, submitted_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_state_updated_idx ON smart_task_requests (state, updated_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_requester_idx ON smart_task_requests (requester_cf, submitted_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_soggetto_idx ON smart_task_requests (soggetto_cf, submitted_at DESC, protocollo DESC);
CREATE INDEX smart_task_requests_retry_due_idx ON smart_task_requests (retry_due_at) WHERE retry_due_at IS NOT NULL;

CREATE TABLE smart_task_audit_records (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  protocollo text NOT NULL,
  task_id text NOT NULL,
  attempt integer NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('decision', 'technical-failure')),
  verdict text,
  body jsonb NOT NULL
);
CREATE INDEX smart_task_audit_records_protocollo_idx ON smart_task_audit_records (protocollo, recorded_at, seq);

CREATE TABLE smart_task_notification_outbox (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  protocollo text,
  status text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'ABANDONED')),
  queued_at timestamptz NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  attempts integer NOT NULL,
  sent_at timestamptz,
  last_error text,
  message jsonb NOT NULL
);
CREATE INDEX smart_task_notification_outbox_due_idx ON smart_task_notification_outbox (next_attempt_at, seq) WHERE status = 'PENDING';
CREATE INDEX smart_task_notification_outbox_protocollo_idx ON smart_task_notification_outbox (protocollo);
`,
  },
];

/** The schema version this library needs: the last migration's. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The advisory lock (per database) `migrate` holds, so that processes starting together apply each migration once. */
const MIGRATION_LOCK = '7302165406329847412';

/** Where a database stands against this library's migrations. */
export interface SchemaStatus {
  /** The versions applied, ascending. */
  readonly applied: readonly number[];
  /** Known versions not applied yet: what `migrate` would apply. */
  readonly pending: readonly number[];
  /** Applied versions this library does not know: a newer library migrated the database. */
  readonly unknown: readonly number[];
}

async function appliedVersions(client: SqlClient): Promise<number[]> {
  const table = await client.query<{ present: boolean }>(`SELECT to_regclass('smart_task_schema_migrations') IS NOT NULL AS present`);
  if (!table.rows[0]?.present) return [];
  const rows = await client.query<{ version: number }>('SELECT version FROM smart_task_schema_migrations ORDER BY version');
  return rows.rows.map((row) => row.version);
}

function statusOf(applied: readonly number[]): SchemaStatus {
  const known = new Set(MIGRATIONS.map((migration) => migration.version));
  return { applied, pending: MIGRATIONS.map((migration) => migration.version).filter((version) => !applied.includes(version)), unknown: applied.filter((version) => !known.has(version)) };
}

/** Reads which migrations the database has (none when it was never migrated); changes nothing. */
export async function readSchemaStatus(client: SqlClient): Promise<SchemaStatus> {
  return statusOf(await appliedVersions(client));
}

/**
 * Refuses a database this library cannot use as it is: `DATABASE_NEWER_THAN_LIBRARY` when a newer
 * library migrated it, `DATABASE_NOT_MIGRATED` when migrations are missing.
 */
export async function checkSchema(client: SqlClient): Promise<void> {
  const status = await readSchemaStatus(client);
  if (status.unknown.length > 0) throw databaseNewerThanLibrary(status.unknown, SCHEMA_VERSION);
  if (status.pending.length > 0) throw databaseNotMigrated(status.pending);
}

/**
 * Applies the migrations the database lacks, in order, in one transaction holding an advisory lock:
 * processes starting together wait for each other and apply each migration once. Refuses a database
 * a newer library migrated (`DATABASE_NEWER_THAN_LIBRARY`) and changes nothing then.
 *
 * @example
 * const { applied } = await migrate(await openSqlClient({ connectionString: process.env.DATABASE_URL }));
 */
export async function migrate(client: SqlClient): Promise<{ applied: number[] }> {
  return client.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec('CREATE TABLE IF NOT EXISTS smart_task_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const status = await readSchemaStatus(tx);
    if (status.unknown.length > 0) throw databaseNewerThanLibrary(status.unknown, SCHEMA_VERSION);
    const pending = MIGRATIONS.filter((migration) => status.pending.includes(migration.version));
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO smart_task_schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    return { applied: pending.map((migration) => migration.version) };
  });
}
