/**
 * @smart-task/core/node — file-system helpers for Node.js: read a catalog from directories.
 */
export { loadCatalogFromDirectories, readCatalogDocuments, readJsonFile } from './read-catalog.js';
export type { ReadOutcome } from './read-catalog.js';
