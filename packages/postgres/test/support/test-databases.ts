import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { migrate, openPgPool, openPglite, type DatabaseLocation, type SqlClient } from '../../src/index.js';

/** The server the server variant runs on; without it that variant is skipped, saying so. */
export const SERVER_URL = process.env.SMART_TASK_TEST_DATABASE_URL;

if (!SERVER_URL) console.warn('@smart-task/postgres tests: SMART_TASK_TEST_DATABASE_URL is not set, so the PostgreSQL server variant is SKIPPED (only PGlite runs). Set it to postgres://user:password@127.0.0.1:5432/postgres to run both.');

/** A database kind the adapter tests run on. */
export interface TestDatabaseKind {
  readonly kind: 'embedded' | 'server';
  /** The suite's name; says why when the variant is skipped. */
  readonly label: string;
  readonly skipped: boolean;
}

/** PGlite always; the PostgreSQL server when `SMART_TASK_TEST_DATABASE_URL` names one. */
export const TEST_DATABASE_KINDS: readonly TestDatabaseKind[] = [
  { kind: 'embedded', label: 'on PGlite (embedded, in memory)', skipped: false },
  {
    kind: 'server',
    label: SERVER_URL ? 'on a PostgreSQL server' : 'on a PostgreSQL server — SKIPPED: set SMART_TASK_TEST_DATABASE_URL=postgres://user:password@127.0.0.1:5432/postgres to run',
    skipped: !SERVER_URL,
  },
];

/** A database of one test file: empty when created, dropped when disposed. */
export interface TestDatabase {
  readonly kind: 'embedded' | 'server';
  readonly client: SqlClient;
  /**
   * Another client on the same database, as a second process would have: a second pool on a server.
   * PGlite is one process's database, so there it is the same client (concurrent calls queue up).
   */
  openClient(): SqlClient;
  /** Where the database is, for `openSmartTaskStore` (server only: PGlite in memory cannot be opened twice). */
  readonly location?: DatabaseLocation;
  dispose(): Promise<void>;
}

/** A fresh database: a PGlite in memory, or a new database `smart_task_test_<random>` on the server. */
export async function createTestDatabase(kind: 'embedded' | 'server'): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const client = await openPglite();
    return { kind, client, openClient: () => client, dispose: () => client.close() };
  }
  const admin = openPgPool(SERVER_URL as string, 1);
  const name = `smart_task_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL as string);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const clients = [openPgPool(connectionString, 4)];
  return {
    kind,
    client: clients[0] as SqlClient,
    openClient() {
      const client = openPgPool(connectionString, 4);
      clients.push(client);
      return client;
    },
    location: { connectionString },
    async dispose() {
      await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** The tables of the schema, for emptying between tests. */
const TABLES = ['smart_task_requests', 'smart_task_audit_records', 'smart_task_notification_outbox'];

/** Empties the request, audit and outbox tables (the schema stays). */
export async function emptyTables(client: SqlClient): Promise<void> {
  await client.exec(`TRUNCATE ${TABLES.join(', ')}`);
}

/** Drops the whole schema, migrations table included: the database is as new. */
export async function dropSchema(client: SqlClient): Promise<void> {
  await client.exec(`DROP TABLE IF EXISTS ${[...TABLES, 'smart_task_schema_migrations'].join(', ')}`);
}

/**
 * Declares `suite` once per database kind (a skipped suite, named with the reason, where the database
 * is not available). The suite's file gets one database, created before its tests (PGlite takes
 * seconds to start on a busy machine), migrated unless `migrated: false`, with the tables emptied
 * before each test, and dropped after them.
 */
export function describeOnEachDatabase(suite: (database: () => TestDatabase, kind: TestDatabaseKind['kind']) => void, options: { readonly migrated?: boolean } = {}): void {
  for (const kind of TEST_DATABASE_KINDS) {
    describe.skipIf(kind.skipped)(kind.label, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(kind.kind);
        if (options.migrated !== false) await migrate(database.client);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      if (options.migrated !== false) beforeEach(async () => emptyTables((database as TestDatabase).client));
      suite(() => {
        if (!database) throw new Error('the test database is not open yet: use it inside a test or hook');
        return database;
      }, kind.kind);
    });
  }
}
