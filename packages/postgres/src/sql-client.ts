import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The rows a statement returned and how many rows it changed (or returned, for a SELECT). */
export interface SqlResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

/**
 * The one way the adapter reaches a database: the same SQL runs on the embedded PGlite and on a
 * PostgreSQL server. Parameters are `$1`, `$2`, …; `transaction` runs `work` on one connection between
 * BEGIN and COMMIT (ROLLBACK when it throws).
 */
export interface SqlClient {
  /** Which database this is: `embedded` (PGlite, one process) or `server` (PostgreSQL through `pg`). */
  readonly kind: 'embedded' | 'server';
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
  /** Runs SQL made of several statements, without parameters (migrations). */
  exec(text: string): Promise<void>;
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
  /** Closes the database (PGlite) or the pool (`pg`). */
  close(): Promise<void>;
}

/** What {@link openSqlClient} opens: a PostgreSQL connection string, or the embedded database's data directory (in memory when absent). */
export type DatabaseLocation = { readonly connectionString: string; readonly max?: number } | { readonly dataDir?: string };

type Queryable = Pick<PGlite, 'query' | 'exec'>;

function pgliteClient(database: Queryable, transaction: SqlClient['transaction'], close: () => Promise<void>): SqlClient {
  return {
    kind: 'embedded',
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await database.query<Row>(text, params as unknown[]);
      // PGlite counts only the rows a statement changed (0 for a SELECT): fall back to the rows returned.
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    async exec(text) {
      await database.exec(text);
    },
    transaction,
    close,
  };
}

/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) keeping its data in `dataDir`, or in
 * memory. One process only; PGlite runs one statement at a time, and a transaction holds it whole.
 */
export async function openPglite(dataDir?: string): Promise<SqlClient & { readonly pglite: PGlite }> {
  const database = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const inTransaction = (tx: Queryable): SqlClient =>
    pgliteClient(
      tx,
      (work) => work(inTransaction(tx)),
      async () => undefined,
    );
  const client = pgliteClient(
    database,
    (work) => database.transaction((tx) => work(inTransaction(tx))),
    () => database.close(),
  );
  return { ...client, pglite: database };
}

function pgClient(queryable: Pick<pg.PoolClient, 'query'>, transaction: SqlClient['transaction'], close: () => Promise<void>): SqlClient {
  return {
    kind: 'server',
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await queryable.query(text, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text) {
      await queryable.query(text);
    },
    transaction,
    close,
  };
}

/** A PostgreSQL server through a `pg` pool of at most `max` connections (default 10). */
export function openPgPool(connectionString: string, max = 10): SqlClient & { readonly pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server drops (restart, failover) must not crash the host: the next query reconnects.
  pool.on('error', () => undefined);
  const inTransaction = (connection: pg.PoolClient): SqlClient =>
    pgClient(
      connection,
      (work) => work(inTransaction(connection)),
      async () => undefined,
    );
  const transaction: SqlClient['transaction'] = async (work) => {
    const connection = await pool.connect();
    let broken: Error | undefined;
    try {
      await connection.query('BEGIN');
      const result = await work(inTransaction(connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is dropped from the pool rather than lent again.
      await connection.query('ROLLBACK').catch((rollbackError: Error) => void (broken = rollbackError));
      throw error;
    } finally {
      connection.release(broken);
    }
  };
  return { ...pgClient(pool, transaction, () => pool.end()), pool };
}

/**
 * Opens the database a host names: a server when given a connection string, else the embedded one.
 *
 * @example
 * const db = await openSqlClient(process.env.DATABASE_URL ? { connectionString: process.env.DATABASE_URL } : { dataDir: './data' });
 */
export async function openSqlClient(location: DatabaseLocation = {}): Promise<SqlClient> {
  if ('connectionString' in location) return openPgPool(location.connectionString, location.max);
  return openPglite(location.dataDir);
}
