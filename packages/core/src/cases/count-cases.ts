import type { CatalogDocument } from '@smart-task/schemas';
import { kindOfFile } from '../catalog/document-kinds.js';
import { isRecord } from '../json/read-safely.js';

/** How many cases files and cases a catalog's documents hold. */
export interface CasesCount {
  readonly files: number;
  readonly cases: number;
}

/**
 * How many cases files (with at least one case) and cases `documents` hold — only those of `taskId`
 * when given — counted on the documents as read, before they are loaded: what a run of the cases will
 * run when the catalog loads.
 */
export function countCases(documents: readonly CatalogDocument[], taskId?: string): CasesCount {
  let files = 0;
  let cases = 0;
  for (const { file, content } of documents) {
    if (kindOfFile(file) !== 'cases' || !isRecord(content) || (taskId !== undefined && content.task !== taskId)) continue;
    if (!Array.isArray(content.cases) || content.cases.length === 0) continue;
    files += 1;
    cases += content.cases.length;
  }
  return { files, cases };
}
