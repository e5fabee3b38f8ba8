import type { BuildCheckRecord, CatalogDocument } from '@smart-task/schemas';
import { SmartTaskError } from '../errors.js';
import { fingerprintOf } from '../json/fingerprint.js';
import { CONTENT_CHECKS } from './build-check.js';
import { loadCatalog, type LoadCatalogOptions } from './load-catalog.js';

/**
 * The build-check record of a package's documents (`pnpm build-check` writes one per package): loads
 * `catalog` — every document the package's need, its own among them — with every check
 * (`verify: 'always'`), and records the fingerprint of each of `own`. Throws a {@link SmartTaskError}
 * with the issues when the catalog has errors: a record vouches only for documents that passed.
 */
export function makeBuildCheckRecord(catalog: readonly CatalogDocument[], own: readonly CatalogDocument[], options: Omit<LoadCatalogOptions, 'verify'> = {}): BuildCheckRecord {
  const loaded = loadCatalog(catalog, { ...options, verify: 'always' });
  if (!loaded.ok) throw new SmartTaskError('The catalog has errors: no build-check record for it', loaded.issues);
  const documents: Record<string, { fingerprint: string }> = {};
  for (const { file, content } of own) {
    if (!catalog.some((document) => document.file === file && document.content === content)) throw new Error(`${file} is not among the documents checked`);
    const fingerprint = fingerprintOf(file, content);
    if (fingerprint === undefined) throw new Error(`${file} is not JSON`);
    documents[file] = { fingerprint };
  }
  return { checks: CONTENT_CHECKS, documents };
}
