import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import type { CatalogDocument } from '@smart-task/schemas';
import type { LooseJson } from './loose-json.js';

/** The bundled catalog and its cases with one document changed by `edit` (applied to a deep copy; the rest shared). */
export function withEdit(file: string, edit: (content: LooseJson) => void): CatalogDocument[] {
  return [...catalogDocuments, ...caseDocuments].map((document) => {
    if (document.file !== file) return document;
    const content = structuredClone(document.content);
    edit(content);
    return { file, content };
  });
}
