import type { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';

/** What {@link openJobQueue} runs on: a PostgreSQL server, or the process's embedded database. */
export type JobQueueDatabase = { readonly connectionString: string; readonly max?: number } | { readonly pglite: PGlite };

/**
 * Starts pg-boss (10.x: the last major that runs on Node 20) on the same database as the requests, in
 * its own schema `pgboss`, which it creates and migrates itself. On the embedded database it goes
 * through PGlite (`query` for statements with parameters, `exec` for its multi-statement SQL).
 *
 * @example
 * const boss = await openJobQueue({ connectionString: process.env.DATABASE_URL! });
 */
export async function openJobQueue(database: JobQueueDatabase, options: { readonly onError?: (error: unknown) => void } = {}): Promise<PgBoss> {
  const boss =
    'pglite' in database
      ? new PgBoss({
          db: {
            async executeSql(text, values) {
              // pg-boss completes a job without awaiting it; once the host has closed the database that
              // completion is lost either way (the job expires, the sweep queues the request again), and
              // must not surface as an unhandled rejection that would end the process: it never answers.
              if (database.pglite.closed) return new Promise<never>(() => undefined);
              if (values?.length) return database.pglite.query(text, values);
              const results = await database.pglite.exec(text);
              return results[results.length - 1] ?? { rows: [] };
            },
          },
        })
      : new PgBoss({ connectionString: database.connectionString, max: database.max ?? 4 });
  // pg-boss reports a lost connection or a failed maintenance run as an event; without a listener Node would crash.
  boss.on('error', options.onError ?? (() => undefined));
  await boss.start();
  return boss;
}
