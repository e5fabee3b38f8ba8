import { BUILD_CHECK_MARK, type BuildCheckMark, type CatalogDocument } from '@smart-task/schemas';
import { fingerprintOf } from '../json/fingerprint.js';

/**
 * The version of the loader's content-only checks: the meta-schema validation, the port contract's and
 * the request schemas' JSON Schema checks (patterns, draft-07 validity, compilation). A build-check
 * record made by other checks is not trusted. Change the number with any change to those checks or to
 * the meta-schemas, then run `pnpm build-check`.
 */
export const CONTENT_CHECKS = '@smart-task/core content checks 1';

/** The nesting depth of a value, or `undefined` when it or anything in it is not frozen. */
function frozenDepth(value: unknown): number | undefined {
  if (value === null || typeof value !== 'object') return 0;
  if (!Object.isFrozen(value)) return undefined;
  let deepest = 0;
  for (const child of Object.values(value)) {
    const depth = frozenDepth(child);
    if (depth === undefined) return undefined;
    if (depth > deepest) deepest = depth;
  }
  return deepest + 1;
}

/** The documents found trusted, with their depth: frozen, they cannot change. */
const trusted = new WeakMap<CatalogDocument, number>();

/**
 * When `document` is one the packages export as passed at build time — a frozen `CatalogDocument`
 * marked by `frozenCatalogDocuments` of `@smart-task/schemas`, its content frozen deeply, the mark made
 * by these checks ({@link CONTENT_CHECKS}) and its fingerprint that of the file and content now — how
 * deep its content nests; otherwise `undefined`, and the loader checks it in full.
 */
export function buildCheckedDepth(document: CatalogDocument): number | undefined {
  const known = trusted.get(document);
  if (known !== undefined) return known;
  if (document === null || typeof document !== 'object' || !Object.isFrozen(document)) return undefined;
  const mark = Object.getOwnPropertyDescriptor(document, BUILD_CHECK_MARK)?.value as BuildCheckMark | undefined;
  if (mark?.checks !== CONTENT_CHECKS) return undefined;
  const depth = frozenDepth(document.content);
  if (depth === undefined || fingerprintOf(document.file, document.content) !== mark.fingerprint) return undefined;
  trusted.set(document, depth);
  return depth;
}
