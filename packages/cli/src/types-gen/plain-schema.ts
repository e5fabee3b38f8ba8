import type { JsonSchema } from '@smart-task/schemas';

/** Keywords whose value is a map of schemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs'] as const;
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
/** Keywords whose value is one schema (or, for some, a boolean). */
const SCHEMA_SINGLES = ['not', 'if', 'then', 'else', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames'] as const;
/** Keywords that say nothing about the TypeScript type and only confuse the compiler. */
const DROPPED = new Set(['$schema', '$id', '$comment']);

function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `"A"`, `4`: a literal as it is written in TypeScript. */
function literal(value: unknown): string {
  return JSON.stringify(value);
}

/** The English title of a schema's `x-i18n`, when it has one. */
function englishTitle(schema: JsonSchema): string | undefined {
  const i18n = schema['x-i18n'];
  if (!isSchemaObject(i18n) || !isSchemaObject(i18n.en)) return undefined;
  return typeof i18n.en.title === 'string' ? i18n.en.title : undefined;
}

/** `Data di efficacia (en: Date of effect)`: the title in Italian and, when it differs, in English. */
export function titleText(schema: JsonSchema): string | undefined {
  const title = typeof schema.title === 'string' ? schema.title : undefined;
  const english = englishTitle(schema);
  if (title === undefined) return english;
  return english !== undefined && english !== title ? `${title} (en: ${english})` : title;
}

/** True for `oneOf: [{ const, title }, …]`, the request schemas' way to list labelled choices. */
function isLabelledChoice(oneOf: unknown): oneOf is readonly JsonSchema[] {
  return Array.isArray(oneOf) && oneOf.length > 0 && oneOf.every((item) => isSchemaObject(item) && 'const' in item);
}

/** The JSDoc text of a schema: its title, description and the labels of its choices, one paragraph each. */
function documentation(schema: JsonSchema, extra: readonly string[]): string | undefined {
  const paragraphs: string[] = [];
  const title = titleText(schema);
  if (title !== undefined) paragraphs.push(title);
  if (typeof schema.description === 'string' && schema.description !== '') paragraphs.push(schema.description);
  if (isLabelledChoice(schema.oneOf)) {
    paragraphs.push(schema.oneOf.map((choice) => `- ${literal(choice.const)}: ${titleText(choice) ?? ''}`.trimEnd()).join('\n'));
  }
  paragraphs.push(...extra);
  return paragraphs.length > 0 ? paragraphs.join('\n\n') : undefined;
}

/** Options of {@link toPlainSchema}. */
export interface PlainSchemaOptions {
  /** The TypeScript name of this schema (kept as `title`); nested schemas get none, so they stay inline. */
  readonly typeName?: string;
  /** Paragraphs appended to the JSDoc text. */
  readonly notes?: readonly string[];
  /** Rewrites every `$ref` (at any depth), e.g. to point into the definitions of a bigger document. */
  readonly renameRef?: (ref: string) => string;
}

/**
 * Turns a DSL JSON schema into the plain JSON Schema that json-schema-to-typescript compiles: drops the
 * `x-*` annotations, `$schema` and `$id`; folds `title` (with the English one of `x-i18n`),
 * `description` and the labels of a `oneOf` of constants into `description`, which becomes JSDoc;
 * turns that `oneOf` into an `enum` (a union of literals). Only `typeName` is kept as `title`, so no
 * nested schema becomes a named type of its own. Property names are data and are never dropped.
 */
export function toPlainSchema(schema: JsonSchema, options: PlainSchemaOptions = {}): JsonSchema {
  const nested: PlainSchemaOptions = options.renameRef ? { renameRef: options.renameRef } : {};
  const child = (value: unknown): unknown => (isSchemaObject(value) ? toPlainSchema(value, nested) : value);
  const plain: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword.startsWith('x-') || DROPPED.has(keyword) || keyword === 'title' || keyword === 'description') continue;
    if ((SCHEMA_MAPS as readonly string[]).includes(keyword) && isSchemaObject(value)) {
      plain[keyword] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, child(item)]));
    } else if (((SCHEMA_LISTS as readonly string[]).includes(keyword) || keyword === 'items') && Array.isArray(value)) {
      plain[keyword] = value.map(child);
    } else if ((SCHEMA_SINGLES as readonly string[]).includes(keyword) || keyword === 'items') {
      plain[keyword] = child(value);
    } else if (keyword === '$ref' && typeof value === 'string' && options.renameRef) {
      plain[keyword] = options.renameRef(value);
    } else {
      plain[keyword] = value;
    }
  }
  if (isLabelledChoice(schema.oneOf)) {
    delete plain.oneOf;
    plain.enum = schema.oneOf.map((choice) => choice.const);
  }
  const text = documentation(schema, options.notes ?? []);
  if (text !== undefined) plain.description = text;
  if (options.typeName !== undefined) plain.title = options.typeName;
  return plain;
}
