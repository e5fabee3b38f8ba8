import type { ErrorObject } from 'ajv';
import { META_SCHEMA_IDS, type JsonSchema } from '@smart-task/schemas';
import { loadMetaValidators } from '#meta-validators';
import { issue, type Issue } from '../errors.js';
import type { MetaValidators } from '../formats/meta-schema-ajv.js';
import { joinPointer } from '../json/pointer.js';
import { quoteList } from '../text/suggest.js';
import { KIND_LABELS, kindOfMetaSchema, type DocumentKind } from './document-kinds.js';

const LOCALES = new Set(['it', 'en']);
let validators: MetaValidators | undefined;

/** The meta-schemas' validators of `#meta-validators`: generated at build time in Node, compiled once in a browser. */
const metaValidators = (): MetaValidators => (validators ??= loadMetaValidators());

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function toIssue(file: string, error: ErrorObject): Issue | undefined {
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  const pointer = propertyName === undefined ? error.instancePath : joinPointer(error.instancePath, propertyName);
  const data = propertyName ?? error.data;
  const params = error.params as Record<string, unknown>;
  // The schema of the failed keyword: a part of a DSL meta-schema (Ajv types it loosely, with `any`).
  const parentSchema: JsonSchema | undefined = error.parentSchema;
  switch (error.keyword) {
    case 'if':
    case 'oneOf':
    case 'propertyNames':
      return undefined;
    case 'required': {
      const missing = String(params.missingProperty);
      if (LOCALES.has(missing)) {
        const language = missing === 'it' ? 'Italian' : 'English';
        return issue('MISSING_TRANSLATION', file, pointer, `Missing the ${language} text. Add "${missing}": "…" to this object: every text needs "it" and "en".`);
      }
      return issue('SCHEMA_VIOLATION', file, pointer, `Missing required property "${missing}". Add it to this object.`);
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys(parentSchema?.properties ?? {});
      const hint = allowed.length > 0 ? ` Allowed here: ${quoteList(allowed)}.` : '';
      return issue('SCHEMA_VIOLATION', file, joinPointer(pointer, extra), `Property "${extra}" is not allowed here. Remove it or fix its spelling.${hint}`);
    }
    case 'pattern':
      if (String(params.pattern).startsWith('^\\$')) {
        return issue('INVALID_PATH', file, pointer, `${JSON.stringify(data)} is not a path of the DSL. Write a dotted path such as "$.stato" or "$.deleghe[0].id".`);
      }
      {
        const description = parentSchema?.description ?? `pattern ${String(params.pattern)}`;
        return issue('SCHEMA_VIOLATION', file, pointer, `${JSON.stringify(data)} does not have the expected form (${description}). Correct the value.`);
      }
    case 'enum':
      return issue('SCHEMA_VIOLATION', file, pointer, `${JSON.stringify(error.data)} is not allowed here. Use one of: ${quoteList((params.allowedValues as unknown[]).map(String))}.`);
    case 'const':
      return issue('SCHEMA_VIOLATION', file, pointer, `Must be ${JSON.stringify(params.allowedValue)}; found ${JSON.stringify(error.data)}. Set it to ${JSON.stringify(params.allowedValue)}.`);
    case 'type':
      return issue('SCHEMA_VIOLATION', file, pointer, `Expected ${String(params.type)} here, found ${describeType(error.data)}. Change the value's type.`);
    case 'not': {
      const description = parentSchema?.description;
      return issue('SCHEMA_VIOLATION', file, pointer, `${JSON.stringify(data)} is not allowed here${description ? `: ${description}` : ''}. Change it.`);
    }
    case 'format':
      if (params.format === 'date') {
        // A value not written YYYY-MM-DD breaks the pattern too: that issue says what is wrong.
        if (!/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(String(error.data))) return undefined;
        return issue('INVALID_DATE', file, pointer, `${JSON.stringify(error.data)} is written like a date but that day does not exist in the calendar. Correct the date (months have 28–31 days; 29 February only in leap years).`);
      }
      return issue('SCHEMA_VIOLATION', file, pointer, `${JSON.stringify(error.data)} is not a valid ${String(params.format)}. Correct the value.`);
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      return issue('SCHEMA_VIOLATION', file, pointer, `Must not be empty (${error.message}). Fill it in.`);
    default:
      return issue('SCHEMA_VIOLATION', file, pointer, `${error.message ?? 'Invalid value'}. Correct the value.`);
  }
}

/**
 * Checks a document against the meta-schema of its kind: first its `$schema`, then its content.
 * Returns the issues, each with the file, a JSON pointer and a message that says how to fix it.
 */
export function validateAgainstMetaSchema(file: string, kind: DocumentKind, content: unknown): Issue[] {
  const expected = META_SCHEMA_IDS[kind];
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    return [issue('SCHEMA_VIOLATION', file, '', `A ${KIND_LABELS[kind]} must be a JSON object. Wrap the content in { … } with "$schema": "${expected}".`)];
  }
  const declared = (content as Record<string, unknown>).$schema;
  if (declared !== expected && !(kind === 'portFixture' && declared === undefined)) {
    const otherKind = kindOfMetaSchema(declared);
    const found = declared === undefined ? 'no "$schema"' : `"$schema": ${JSON.stringify(declared)}`;
    const fix = otherKind ? `That is the meta-schema of a ${KIND_LABELS[otherKind]}: rename the file, or set "$schema" to "${expected}".` : `Set "$schema" to "${expected}".`;
    return [issue('WRONG_SCHEMA', file, declared === undefined ? '' : '/$schema', `A ${KIND_LABELS[kind]} must declare "$schema": "${expected}"; found ${found}. ${fix}`)];
  }
  const validate = metaValidators()[kind];
  if (validate(content)) return [];
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of validate.errors ?? []) {
    const item = toIssue(file, error);
    if (!item) continue;
    const key = `${item.pointer} ${item.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(item);
  }
  return issues.length > 0 ? issues : [issue('SCHEMA_VIOLATION', file, '', 'The document does not match its meta-schema. Compare it with the DSL reference in docs/reference/dsl.md.')];
}
