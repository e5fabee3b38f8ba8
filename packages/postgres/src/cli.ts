/**
 * `smart-task-postgres`: migrates the Smart-Task schema apart from the hosts (a deployment step), or
 * says where a database stands. Started by bin/smart-task-postgres.js.
 */
import { parseArgs } from 'node:util';
import { formatIssue, isSmartTaskError } from '@smart-task/core';
import { MIGRATIONS, SCHEMA_VERSION, migrate, readSchemaStatus } from './migrations.js';
import { openSqlClient, type DatabaseLocation, type SqlClient } from './sql-client.js';

/** Where the CLI writes, one line per call. */
export interface PostgresCliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

/** `0` done; `1` refused or not current (a database a newer library migrated, `status` with migrations pending); `2` wrong command line, or the database cannot be reached. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

const USAGE = `Usage: smart-task-postgres <command> (--database <url> | --data-dir <dir>)

Commands:
  migrate   apply the migrations the database lacks, and print them
  status    print the migrations applied and pending (exit 1 unless the schema is current)

Options:
  --database <url>   a PostgreSQL server: postgres://user:password@host:5432/database
  --data-dir <dir>   the embedded database (PGlite) kept in this directory
  -h, --help         show this text`;

/** The database the options name, and how to name it in output (the password withheld). */
function locationOf(values: { database?: string | undefined; 'data-dir'?: string | undefined }): { location: DatabaseLocation; label: string } {
  const { database, 'data-dir': dataDir } = values;
  if ((database === undefined) === (dataDir === undefined)) throw new Error('name one database: --database <url> or --data-dir <dir>.');
  if (dataDir !== undefined) return { location: { dataDir }, label: `the embedded database in ${dataDir}` };
  let label = 'the PostgreSQL server';
  try {
    const url = new URL(database as string);
    label = `PostgreSQL ${url.host}${url.pathname}`;
  } catch {
    throw new Error(`--database must be a connection URL such as postgres://user:password@host:5432/database; found ${JSON.stringify(database)}.`);
  }
  return { location: { connectionString: database as string, max: 1 }, label };
}

const nameOf = (version: number) => `${version} (${MIGRATIONS.find((migration) => migration.version === version)?.name ?? 'unknown to this library'})`;

async function runMigrate(client: SqlClient, label: string, io: PostgresCliIo): Promise<number> {
  const { applied } = await migrate(client);
  if (applied.length === 0) io.stdout(`Nothing to apply: ${label} is at schema version ${SCHEMA_VERSION}.`);
  for (const version of applied) io.stdout(`Applied migration ${nameOf(version)} to ${label}.`);
  return EXIT.OK;
}

async function runStatus(client: SqlClient, label: string, io: PostgresCliIo): Promise<number> {
  const status = await readSchemaStatus(client);
  io.stdout(`${label}: applied ${status.applied.length === 0 ? 'none' : status.applied.join(', ')}; this library's schema version is ${SCHEMA_VERSION}.`);
  for (const version of status.pending) io.stdout(`Pending: migration ${nameOf(version)}. Run "smart-task-postgres migrate".`);
  for (const version of status.unknown) io.stdout(`Unknown: migration ${version}, applied by a newer @smart-task/postgres. Upgrade this one.`);
  return status.pending.length === 0 && status.unknown.length === 0 ? EXIT.OK : EXIT.FAILED;
}

const COMMANDS: Readonly<Record<string, typeof runMigrate>> = { migrate: runMigrate, status: runStatus };

/**
 * Runs `smart-task-postgres` with `args` (the arguments after the program name) and returns the exit code.
 *
 * @example
 * await runCli(['migrate', '--database', process.env.DATABASE_URL], { stdout: console.log, stderr: console.error }); // 0
 */
export async function runCli(args: readonly string[], io: PostgresCliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    io.stderr(`smart-task-postgres: ${error instanceof Error ? error.message : String(error)}`);
    io.stderr(USAGE);
    return EXIT.USAGE;
  }
  if (parsed === 'help') {
    io.stdout(USAGE);
    return EXIT.OK;
  }
  let client: SqlClient | undefined;
  try {
    client = await openSqlClient(parsed.location);
    return await parsed.run(client, parsed.label, io);
  } catch (error) {
    if (isSmartTaskError(error)) {
      for (const found of error.issues) io.stderr(`smart-task-postgres: ${formatIssue(found)}`);
      return EXIT.FAILED;
    }
    io.stderr(`smart-task-postgres: cannot use ${parsed.label}: ${error instanceof Error ? error.message : String(error)}. Check the URL (or directory), that the server runs, and the credentials.`);
    return EXIT.USAGE;
  } finally {
    await client?.close().catch(() => undefined);
  }
}

function parseCommandLine(args: readonly string[]): 'help' | { run: typeof runMigrate; location: DatabaseLocation; label: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { database: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error));
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help || command === 'help') return 'help';
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) throw new Error(command === undefined ? 'name a command: migrate or status.' : `unknown command ${JSON.stringify(command)}: use migrate or status.`);
  if (extra.length > 0) throw new Error(`unexpected argument ${JSON.stringify(extra[0])}.`);
  return { run, ...locationOf(parsed.values) };
}

/** The program: runs {@link runCli} with the process's arguments and sets the exit code. */
export function main(): void {
  const io: PostgresCliIo = { stdout: (line) => void process.stdout.write(`${line}\n`), stderr: (line) => void process.stderr.write(`${line}\n`) };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.stderr(`smart-task-postgres: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT.USAGE;
    },
  );
}
