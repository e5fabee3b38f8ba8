import { isSchemaList, type JsonSchema } from '@smart-task/schemas';
import { joinPointer } from '../../json/pointer.js';
import { OPERATION_OUTCOME, placeholdersOf } from '../../text/template.js';
import { textsOf } from '../rule-set-parts.js';
import type { RuleSetScope } from '../rule-set-scope.js';
import { alternativesOf } from '../value-shape.js';

/** The port-contract annotation that marks a value as personal data of someone other than the requester and the subject. */
export const PERSONAL_DATA_ANNOTATION = 'x-personal-data';
const THIRD_PARTY = 'third-party';

/** How deep into the fields and items of a quoted value to look for marked data. */
const MAX_DEPTH = 8;

/** Whether a value of this schema is, or holds, data the contract marks as third-party personal data. */
function holdsThirdPartyData(schema: JsonSchema, root: JsonSchema, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  for (const alternative of alternativesOf(schema, root)) {
    if (alternative[PERSONAL_DATA_ANNOTATION] === THIRD_PARTY) return true;
    const children = [...Object.values(alternative.properties ?? {}), ...(alternative.items !== undefined && !isSchemaList(alternative.items) ? [alternative.items] : [])];
    if (children.some((child) => holdsThirdPartyData(child, root, depth + 1))) return true;
  }
  return false;
}

/**
 * Rule 7: a reason message or operation description — what the contributor reads — must not quote
 * personal data of a third party: a value the port contract marks `"x-personal-data": "third-party"`
 * (the workers of a position, the other holders of an address, …), or a value that holds one. The
 * contributor sees only their own data; name a count, a period or a date instead.
 */
export function lintThirdPartyData(scope: RuleSetScope): void {
  const root = scope.contract as unknown as JsonSchema;
  for (const { text, pointer, isTemplate } of textsOf(scope.loaded.document)) {
    if (!isTemplate) continue;
    const reported = new Set<string>();
    for (const locale of ['it', 'en'] as const) {
      for (const placeholder of placeholdersOf(text[locale])) {
        if (placeholder.fact === OPERATION_OUTCOME && pointer.startsWith('/operations/')) continue;
        const key = `${placeholder.fact}${placeholder.path ?? ''}`;
        if (reported.has(key)) continue;
        const result = scope.shapes.at(placeholder.fact, placeholder.path);
        if (!result?.found || !result.shape.alternatives.some((schema) => holdsThirdPartyData(schema, root))) continue;
        reported.add(key);
        scope.report({
          code: 'LINT_THIRD_PARTY_DATA',
          severity: 'error',
          pointer: joinPointer(pointer),
          message: `Placeholder ${placeholder.raw} shows personal data of a third party (${scope.shapes.sourceOf(placeholder.fact)} marks it "${PERSONAL_DATA_ANNOTATION}": "${THIRD_PARTY}"): whoever files the request would read another person's name or codice fiscale, and the contributor must see only their own data.`,
          hint: 'remove the placeholder; say how many there are, or show a period or a date, and tell the contributor where to see the details they are entitled to',
        });
      }
    }
  }
}
