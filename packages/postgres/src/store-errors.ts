import { SmartTaskError, type IssueCode } from '@smart-task/core';

function storeError(title: string, code: IssueCode, file: string, pointer: string, message: string): SmartTaskError {
  return new SmartTaskError(title, [{ code, severity: 'error', file, pointer, message }]);
}

/** The error for a `timeZone` option `Intl` does not know (`INVALID_STORE_OPTION`). */
export function invalidTimeZone(timeZone: unknown): SmartTaskError {
  return storeError('Invalid store option', 'INVALID_STORE_OPTION', '<store>', '/timeZone', `"timeZone" must be an IANA time zone such as "Europe/Rome"; found ${JSON.stringify(timeZone)}.`);
}

/** The error for a database that lacks migrations this library needs (`DATABASE_NOT_MIGRATED`). */
export function databaseNotMigrated(pending: readonly number[]): SmartTaskError {
  return storeError(
    'Database not migrated',
    'DATABASE_NOT_MIGRATED',
    '<database>',
    '/smart_task_schema_migrations',
    `The database lacks Smart-Task migration(s) ${pending.join(', ')}. Run "smart-task-postgres migrate --database <url>" (or --data-dir <dir>), or open the store with { migrate: true }.`,
  );
}

/** The error for a database migrated by a newer library (`DATABASE_NEWER_THAN_LIBRARY`). */
export function databaseNewerThanLibrary(unknown: readonly number[], newestKnown: number): SmartTaskError {
  return storeError(
    'Database newer than library',
    'DATABASE_NEWER_THAN_LIBRARY',
    '<database>',
    '/smart_task_schema_migrations',
    `The database has Smart-Task migration(s) ${unknown.join(', ')}, which this version of @smart-task/postgres does not know (it knows up to ${newestKnown}): a newer version migrated it. Upgrade @smart-task/postgres in this host to the version the other hosts use; do not run an older one against the newer schema.`,
  );
}
