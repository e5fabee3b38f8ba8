import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, checkSchema, migrate, openSmartTaskStore, readSchemaStatus, type SqlClient } from '../src/index.js';
import { runCli } from '../src/cli.js';
import { describeOnEachDatabase, dropSchema } from './support/test-databases.js';

async function refusal(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await promise.then(
    () => undefined,
    (reason: { issues?: { code: string }[]; message: string }) => reason,
  );
  if (!error) throw new Error('expected a refusal');
  return { code: error.issues?.[0]?.code, message: error.message };
}

const tablesOf = async (client: SqlClient) =>
  (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE 'smart\\_task\\_%' AND table_schema = current_schema() ORDER BY 1")).rows.map((row) => row.name);

/** A CLI run: exit code and the lines written. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (line) => void out.push(line), stderr: (line) => void err.push(line) });
  return { code, out, err };
}

describe('the migrations', () => {
  it('are numbered from 1 without gaps, in order, each with a name', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const migration of MIGRATIONS) expect(migration.name).not.toBe('');
  });
});

describeOnEachDatabase(
  (database, kind) => {
    const fresh = async () => {
      await dropSchema(database().client);
      return database().client;
    };

    it('a new database gets every migration; applying again applies nothing', async () => {
      const client = await fresh();
      expect(await readSchemaStatus(client)).toEqual({ applied: [], pending: [1], unknown: [] });
      expect(await migrate(client)).toEqual({ applied: [1] });
      expect(await migrate(client)).toEqual({ applied: [] });
      expect(await readSchemaStatus(client)).toEqual({ applied: [1], pending: [], unknown: [] });
      expect(await tablesOf(client)).toEqual(['smart_task_audit_records', 'smart_task_notification_outbox', 'smart_task_requests', 'smart_task_schema_migrations']);
      const recorded = await client.query<{ version: number; name: string }>('SELECT version, name FROM smart_task_schema_migrations');
      expect(recorded.rows).toEqual([{ version: 1, name: MIGRATIONS[0]?.name }]);
    });

    it('two processes migrating at once both succeed, and each migration is applied once', async () => {
      const client = await fresh();
      const results = await Promise.all([migrate(client), migrate(database().openClient()), migrate(database().openClient())]);
      expect(results.map((result) => result.applied).sort()).toEqual([[], [], [1]]);
      expect((await client.query('SELECT version FROM smart_task_schema_migrations')).rows).toEqual([{ version: 1 }]);
    });

    it('a database a newer library migrated is refused, with the code and the fix, and left as it is', async () => {
      const client = await fresh();
      await migrate(client);
      await client.query("INSERT INTO smart_task_schema_migrations (version, name) VALUES (99, 'from the future')");
      for (const refused of [await refusal(migrate(client)), await refusal(checkSchema(client))]) {
        expect(refused.code).toBe('DATABASE_NEWER_THAN_LIBRARY');
        expect(refused.message).toContain('The database has Smart-Task migration(s) 99, which this version of @smart-task/postgres does not know (it knows up to 1)');
        expect(refused.message).toContain('Upgrade @smart-task/postgres in this host');
      }
      expect(await readSchemaStatus(client)).toEqual({ applied: [1, 99], pending: [], unknown: [99] });
    });

    it('checkSchema refuses a database not migrated yet, saying how to migrate it', async () => {
      const client = await fresh();
      const refused = await refusal(checkSchema(client));
      expect(refused.code).toBe('DATABASE_NOT_MIGRATED');
      expect(refused.message).toContain('Run "smart-task-postgres migrate --database <url>" (or --data-dir <dir>)');
      await migrate(client);
      await expect(checkSchema(client)).resolves.toBeUndefined();
    });

    it.skipIf(kind === 'embedded')('smart-task-postgres status and migrate --database work on a server (embedded: the --data-dir test below)', async () => {
      await fresh();
      const { connectionString } = database().location as { connectionString: string };
      const label = `PostgreSQL ${new URL(connectionString).host}${new URL(connectionString).pathname}`;
      expect(await cli('status', '--database', connectionString)).toEqual({
        code: 1,
        out: [`${label}: applied none; this library's schema version is 1.`, `Pending: migration 1 (${MIGRATIONS[0]?.name}). Run "smart-task-postgres migrate".`],
        err: [],
      });
      expect(await cli('migrate', '--database', connectionString)).toEqual({ code: 0, out: [`Applied migration 1 (${MIGRATIONS[0]?.name}) to ${label}.`], err: [] });
      await database().client.query("INSERT INTO smart_task_schema_migrations (version, name) VALUES (2, 'from the future')");
      const refused = await cli('migrate', '--database', connectionString);
      expect(refused.code).toBe(1);
      expect(refused.err[0]).toMatch(/^smart-task-postgres: <database>:\/smart_task_schema_migrations DATABASE_NEWER_THAN_LIBRARY /);
    });
  },
  { migrated: false },
);

describe('smart-task-postgres', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smart-task-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates the embedded database in a directory, then has nothing to apply', async () => {
    expect(await cli('migrate', '--data-dir', dataDir)).toEqual({ code: 0, out: [`Applied migration 1 (${MIGRATIONS[0]?.name}) to the embedded database in ${dataDir}.`], err: [] });
    expect(await cli('migrate', '--data-dir', dataDir)).toEqual({ code: 0, out: [`Nothing to apply: the embedded database in ${dataDir} is at schema version 1.`], err: [] });
    expect(await cli('status', `--data-dir=${dataDir}`)).toMatchObject({ code: 0, out: [`the embedded database in ${dataDir}: applied 1; this library's schema version is 1.`] });
    const store = await openSmartTaskStore({ dataDir }, { migrate: false });
    await store.close();
  });

  it('refuses a command line it cannot run, with the usage and exit code 2', async () => {
    for (const args of [[], ['migrate'], ['migrate', '--data-dir', dataDir, '--database', 'postgres://x@localhost/db'], ['rollback', '--data-dir', dataDir], ['migrate', '--database', 'not a url'], ['migrate', '--verbose']]) {
      const run = await cli(...args);
      expect(run.code).toBe(2);
      expect(run.err.at(-1)).toContain('Usage: smart-task-postgres <command>');
    }
    expect((await cli('--help')).out[0]).toContain('migrate   apply the migrations the database lacks');
  });

  it('says which server it could not reach, without printing the password', async () => {
    const run = await cli('migrate', '--database', 'postgres://smart:s3cret@127.0.0.1:1/nowhere');
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toContain('cannot use PostgreSQL 127.0.0.1:1/nowhere');
    expect(run.err.join('\n')).not.toContain('s3cret');
  });
});
