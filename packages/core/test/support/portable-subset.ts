import type { JsonSchema } from '@smart-task/schemas';

/**
 * The keywords of the portable subset (shared/design/forms-portable-subset.md): what RJSF and JSON
 * Forms both render. `allOf`/`if`/`then` are allowed only in the one conditional shape.
 */
const SAFE_KEYWORDS = new Set([
  'type', 'title', 'description', 'enum', 'oneOf', 'const', 'readOnly', 'minLength', 'maxLength', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'items', 'minItems', 'maxItems', 'uniqueItems',
  'required', 'properties', 'additionalProperties', '$schema', 'definitions', '$defs', '$ref', 'default', 'examples',
]);
const SAFE_FORMATS = new Set(['date', 'email', 'uri']);

/** Where a schema leaves the portable subset: one `pointer: problem` line each; empty when portable. */
export function portableSubsetProblems(schema: JsonSchema, pointer = '', root = true): string[] {
  const problems: string[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    const at = `${pointer}/${keyword}`;
    if (keyword.startsWith('x-')) continue;
    if (keyword === 'allOf' && root) {
      (value as JsonSchema[]).forEach((block, index) => {
        const { if: condition, then, ...rest } = block as { if?: JsonSchema; then?: JsonSchema };
        if (!condition || !then || Object.keys(rest).length > 0) problems.push(`${at}/${index}: only { if, then } blocks are portable`);
        if (condition && !((condition.required as string[] | undefined) ?? []).length) problems.push(`${at}/${index}/if: must require the tested key`);
        if (then) problems.push(...portableSubsetProblems(then, `${at}/${index}/then`, false));
      });
      continue;
    }
    if (!SAFE_KEYWORDS.has(keyword)) {
      problems.push(`${at}: "${keyword}" is not in the portable subset`);
      continue;
    }
    if (keyword === 'type' && typeof value !== 'string') problems.push(`${at}: type must be one string`);
    if (keyword === 'format' && !SAFE_FORMATS.has(value as string)) problems.push(`${at}: format "${String(value)}" is not portable`);
    if (keyword === 'additionalProperties' && typeof value !== 'boolean') problems.push(`${at}: schema-valued additionalProperties`);
    if (keyword === 'oneOf') {
      (value as JsonSchema[]).forEach((choice, index) => {
        if (Object.keys(choice).some((key) => key !== 'const' && key !== 'title')) problems.push(`${at}/${index}: oneOf only of { const, title } choices`);
      });
    }
    if (keyword === 'const' && typeof value === 'boolean') problems.push(`${at}: const on a boolean (use enum: [true])`);
    if (keyword === 'properties' || keyword === 'definitions' || keyword === '$defs') {
      for (const [name, property] of Object.entries(value as Record<string, JsonSchema>)) problems.push(...portableSubsetProblems(property, `${at}/${name}`, false));
    }
    if (keyword === 'items') {
      if (Array.isArray(value)) problems.push(`${at}: tuple items`);
      else problems.push(...portableSubsetProblems(value as JsonSchema, at, false));
    }
  }
  return problems;
}
