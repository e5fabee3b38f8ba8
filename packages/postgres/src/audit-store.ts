import { toAuditRecord } from '@smart-task/core/audit';
import type { AuditRecord } from '@smart-task/core/audit';
import type { EvaluationResult } from '@smart-task/core';
import type { LifecycleRequest } from '@smart-task/core/lifecycle';
import type { SqlClient } from './sql-client.js';
import { deepFreeze, isoFromSql } from './sql-values.js';

/** An audit record as stored: its id (the one the request's history keeps), what it records, and when. */
export interface StoredAuditRecord {
  readonly id: string;
  readonly protocollo: string;
  /** The istruttoria attempt it records (the request's `attempts` when it was evaluated). */
  readonly attempt: number;
  /** When it was stored (the database clock, ISO date-time in UTC). */
  readonly recordedAt: string;
  readonly record: AuditRecord;
}

/** Where the evaluations of the istruttoria are kept, one audit record each, for replay and for the auditor. */
export interface PostgresAuditStore {
  /** Stores the audit record of `result` for `request` and returns its id: pass it as the lifecycle's `recordEvaluation`. */
  record(result: EvaluationResult, request: LifecycleRequest): Promise<string>;
  get(id: string): Promise<StoredAuditRecord | undefined>;
  /** The records of a request, oldest first. */
  listFor(protocollo: string): Promise<StoredAuditRecord[]>;
}

interface AuditRow {
  readonly id: string;
  readonly protocollo: string;
  readonly attempt: number;
  readonly recorded_at: unknown;
  readonly body: AuditRecord;
}

const COLUMNS = 'id, protocollo, attempt, recorded_at, body';

function storedOf(row: AuditRow): StoredAuditRecord {
  return deepFreeze({ id: row.id, protocollo: row.protocollo, attempt: row.attempt, recordedAt: isoFromSql(row.recorded_at), record: row.body });
}

/**
 * The audit store on PostgreSQL or PGlite: each evaluation's {@link AuditRecord} (`toAuditRecord`) in
 * `smart_task_audit_records`, with a generated id. Its `record` needs no binding.
 *
 * @example
 * const auditStore = createPostgresAuditStore(client);
 * const lifecycle = createRequestLifecycle({ engine, repository, nextProtocollo, recordEvaluation: auditStore.record });
 */
export function createPostgresAuditStore(client: SqlClient): PostgresAuditStore {
  return {
    async record(result, request) {
      const record = toAuditRecord(result);
      const verdict = result.kind === 'decision' ? result.verdict : null;
      const inserted = await client.query<{ id: string }>('INSERT INTO smart_task_audit_records (protocollo, task_id, attempt, kind, verdict, body) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id', [
        request.protocollo,
        result.taskId,
        request.attempts,
        result.kind,
        verdict,
        JSON.stringify(record),
      ]);
      return inserted.rows[0]?.id as string;
    },

    async get(id) {
      const row = (await client.query<AuditRow>(`SELECT ${COLUMNS} FROM smart_task_audit_records WHERE id = $1`, [id])).rows[0];
      return row && storedOf(row);
    },

    async listFor(protocollo) {
      const rows = await client.query<AuditRow>(`SELECT ${COLUMNS} FROM smart_task_audit_records WHERE protocollo = $1 ORDER BY recorded_at, seq`, [protocollo]);
      return rows.rows.map(storedOf);
    },
  };
}
