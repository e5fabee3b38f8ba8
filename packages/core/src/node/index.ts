/**
 * @smart-task/core/node — helpers for Node.js: read a catalog from directories, read a records file line by
 * line, replay audit records and run a catalog's cases across worker threads.
 */
export { loadCatalogFromDirectories, readCatalogDocuments, readJsonFile } from './read-catalog.js';
export type { ReadOutcome } from './read-catalog.js';
export { readFileLines } from './read-file-lines.js';
export { replayAuditRecordsInThreads } from './replay-in-threads.js';
export type { ThreadedReplayOptions } from './replay-in-threads.js';
export { ReplayThreadError } from './replay-in-threads.js';
export { CaseThreadError, startCaseThreads } from './cases-in-threads.js';
export type { CaseThreads, CaseThreadsOptions, ThreadedCasesRun } from './cases-in-threads.js';
