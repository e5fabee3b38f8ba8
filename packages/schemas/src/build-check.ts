/**
 * The build-check record: which of the packages' own documents passed the loader's content-only checks
 * when the record was made (`pnpm build-check`), so that `loadCatalog` of `@smart-task/core` need not
 * check them again at every start. See `LoadCatalogOptions.verify` and decision record 24.
 */

/** A JSON document with the file it came from (relative, `/`-separated), as loaders receive it. */
export interface CatalogDocument {
  readonly file: string;
  readonly content: unknown;
}

/**
 * The key of the mark a bundled document carries: a non-enumerable own property of its frozen
 * `CatalogDocument`, so a spread, `structuredClone` or JSON copy goes without it. A registered symbol,
 * so that the ESM and the CommonJS copy of a package read the same mark.
 */
export const BUILD_CHECK_MARK: unique symbol = Symbol.for('@smart-task/build-check') as never;

/** What the record says of one document. */
export interface BuildCheckEntry {
  /**
   * The fingerprint of the file name and the content when they were checked (`fingerprintOf` of
   * `@smart-task/core/toolchain`): a content changed since, e.g. a JSON file edited after the record
   * was made, no longer matches, and the loader checks it in full.
   */
  readonly fingerprint: string;
}

/** The record of one package: its documents that passed, by file, and the checks that passed them. */
export interface BuildCheckRecord {
  /** The version of the content checks that passed them (`CONTENT_CHECKS` of `@smart-task/core`). */
  readonly checks: string;
  readonly documents: Readonly<Record<string, BuildCheckEntry>>;
}

/** The mark a document carries: the record's entry with the checks' version. */
export interface BuildCheckMark extends BuildCheckEntry {
  readonly checks: string;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * The package's documents as it exports them: each content frozen deeply, each `CatalogDocument`
 * frozen and, when `record` names its file, marked with the record's entry. For the packages' own
 * documents only: a mark tells the loader to trust the record, whose fingerprint it still compares.
 */
export function frozenCatalogDocuments(documents: readonly CatalogDocument[], record: BuildCheckRecord): readonly CatalogDocument[] {
  return Object.freeze(
    documents.map(({ file, content }) => {
      deepFreeze(content);
      const document: CatalogDocument = { file, content };
      const entry = record.documents[file];
      if (entry) Object.defineProperty(document, BUILD_CHECK_MARK, { value: Object.freeze({ checks: record.checks, fingerprint: entry.fingerprint } satisfies BuildCheckMark) });
      return Object.freeze(document);
    }),
  );
}
