/**
 * @smart-task/postgres — where the request lifecycle keeps its state on PostgreSQL: requests (with the
 * "Lista Richieste" queries), audit records and the notification outbox, on the embedded PGlite by
 * default or on a PostgreSQL server, with versioned migrations.
 */
export { openSmartTaskStore } from './store.js';
export type { SmartTaskStore, SmartTaskStoreOptions } from './store.js';

export { openPgPool, openPglite, openSqlClient } from './sql-client.js';
export type { DatabaseLocation, SqlClient, SqlResult } from './sql-client.js';

export { MIGRATIONS, SCHEMA_VERSION, checkSchema, migrate, readSchemaStatus } from './migrations.js';
export type { Migration, SchemaStatus } from './migrations.js';

export { createPostgresRequestRepository } from './request-repository.js';
export type { PostgresRequestRepositoryOptions } from './request-repository.js';
export { requestListStatements } from './request-list-query.js';
export type { RequestListStatements, SqlStatement } from './request-list-query.js';
export { createPostgresAuditStore } from './audit-store.js';
export type { PostgresAuditStore, StoredAuditRecord } from './audit-store.js';
export { createPostgresNotificationOutbox } from './notification-outbox.js';

export { openJobQueue } from './job-queue.js';
export type { JobQueueDatabase } from './job-queue.js';
export { createAdvisoryRequestLock, createInProcessRequestLock } from './request-lock.js';
export type { ReleaseRequest, RequestLock } from './request-lock.js';
export { SMART_TASK_QUEUES, prepareSmartTaskQueues, queueRequestJob, startSmartTaskWorker, submitToWorkers } from './worker.js';
export type { SmartTaskWorker, SmartTaskWorkerOptions, SweepReport } from './worker.js';
