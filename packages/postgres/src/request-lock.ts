import type pg from 'pg';

/** Lets go of a request this worker held. */
export type ReleaseRequest = () => Promise<void>;

/**
 * Keeps one request to one worker at a time: a job that cannot take the request leaves it to the worker
 * that holds it (which schedules whatever follows). Optimistic concurrency already keeps two workers from
 * both recording a step; the lock also keeps them from both calling the ports for the same request.
 */
export interface RequestLock {
  /** Takes the request, or answers `undefined` at once when another worker holds it. */
  tryLock(protocollo: string): Promise<ReleaseRequest | undefined>;
}

/** A lock for the workers of one process: the embedded database, which one process owns. */
export function createInProcessRequestLock(): RequestLock {
  const held = new Set<string>();
  return {
    async tryLock(protocollo) {
      if (held.has(protocollo)) return undefined;
      held.add(protocollo);
      return async () => void held.delete(protocollo);
    },
  };
}

/**
 * A lock across processes and machines on a PostgreSQL server: a session advisory lock on a connection
 * kept for as long as the request is held. A worker that dies (SIGKILL, a lost machine) loses its
 * connection, and the server lets go of its requests at once.
 */
export function createAdvisoryRequestLock(pool: pg.Pool): RequestLock {
  return {
    async tryLock(protocollo) {
      const connection = await pool.connect();
      let taken = false;
      try {
        const { rows } = await connection.query<{ taken: boolean }>("select pg_try_advisory_lock(hashtextextended('smart-task:' || $1, 0)) as taken", [protocollo]);
        taken = rows[0]?.taken === true;
      } finally {
        if (!taken) connection.release();
      }
      if (!taken) return undefined;
      return async () => {
        try {
          await connection.query("select pg_advisory_unlock(hashtextextended('smart-task:' || $1, 0))", [protocollo]);
          connection.release();
        } catch (error) {
          // A connection that cannot unlock is closed, which lets go of the lock.
          connection.release(error instanceof Error ? error : true);
        }
      };
    },
  };
}
