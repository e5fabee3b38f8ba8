import type { ErrorObject, ValidateFunction } from 'ajv';
import type { LocalizedText, RequestSchemaDocument } from '@smart-task/schemas';
import { SmartTaskError, issue, type IssueParams, type RequestIssue } from '../errors.js';
import type { Ajv } from '../formats/create-ajv.js';
import { fromPointer, joinPointer } from '../json/pointer.js';
import { requestFieldsOf } from '../request-schema/request-fields.js';
import { compileHiddenFieldPruner, type HiddenFieldPruner } from '../request-schema/prune-hidden.js';
import { isMessageCode, type MessageCode } from '../messages/built-in-messages.js';
import { builtInMessages, type MessageParams, type Messages } from '../messages/messages.js';
import type { JsonBounds, JsonBoundsProblem } from '../json/json-bounds.js';
import { DEFAULT_LIMITS } from '../limits/engine-limits.js';
import { requestBoundsOf, requestDataProblems } from './check-request.js';
import { requestFieldsInFormOrder } from '../request-schema/form-order.js';

/** The outcome of validating a request's data. */
export interface RequestValidation {
  readonly ok: boolean;
  readonly issues: readonly RequestIssue[];
}

/** Validates request data against one task's request schema. */
export type RequestValidator = (data: unknown) => RequestValidation;

interface FieldTexts {
  readonly title: LocalizedText;
  readonly messages: Readonly<Record<string, LocalizedText>>;
}

/** The limit each request issue the validators wrote was about, kept beside it (the issue's shape stays as it was). */
const LIMITS = new WeakMap<RequestIssue, string | number>();

/**
 * The named values of a request issue, for its `INVALID_REQUEST` issue: `requestIssue` (its code,
 * e.g. `REQUIRED`, `MAX_LENGTH`, `CF_CHECK_CHARACTER`), `field` (the top-level field's name) and, when
 * the rule has one, `limit`.
 */
function requestIssueParams(found: RequestIssue): IssueParams {
  const limit = LIMITS.get(found);
  return limit === undefined ? { requestIssue: found.code, field: found.field } : { requestIssue: found.code, field: found.field, limit };
}

/** The refusal of request data that failed validation: one `INVALID_REQUEST` issue per request issue, in English, with its params. */
export function invalidRequestData(issues: readonly RequestIssue[]): SmartTaskError {
  return new SmartTaskError(
    'The request data is not valid',
    issues.map((found) => issue('INVALID_REQUEST', '<request>', `/data${found.pointer}`, found.message.en, requestIssueParams(found))),
    issues,
  );
}

function fieldTexts(schema: RequestSchemaDocument): Map<string, FieldTexts> {
  const texts = new Map<string, FieldTexts>();
  for (const field of requestFieldsOf(schema)) {
    const it = field.schema.title ?? field.name;
    const en = field.schema['x-i18n']?.en?.title ?? it;
    texts.set(field.name, { title: { it, en }, messages: field.schema['x-messages'] ?? {} });
  }
  return texts;
}

function codeOf(error: ErrorObject): string {
  if (error.keyword === 'x-format') return String((error.params as { code: string }).code);
  if (error.keyword === 'format')
    return `FORMAT_${String((error.params as { format: string }).format)
      .toUpperCase()
      .replace(/-/g, '_')}`;
  return error.keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The params of a field's message: its title and, when the keyword has one, its limit. */
function fieldParams(title: LocalizedText | string, limit: unknown): MessageParams {
  return typeof limit === 'number' || typeof limit === 'string' ? { field: title, limit } : { field: title };
}

/** Schema keywords whose failure is already explained by a more precise error on the same field. */
const NOISE = new Set(['if', 'allOf', 'anyOf', 'const']);

/** The request issue code of each problem JSON data or the limits find. */
const BOUNDS_CODES: Readonly<Record<JsonBoundsProblem['kind'], 'NOT_JSON' | 'NOT_FINITE' | 'FORBIDDEN_KEY' | 'TOO_DEEP' | 'TOO_MANY_VALUES' | 'MAX_LENGTH'>> = {
  NOT_JSON: 'NOT_JSON',
  NOT_FINITE: 'NOT_FINITE',
  FORBIDDEN_KEY: 'FORBIDDEN_KEY',
  TOO_DEEP: 'TOO_DEEP',
  TOO_MANY_VALUES: 'TOO_MANY_VALUES',
  ARRAY_TOO_LONG: 'TOO_MANY_VALUES',
  STRING_TOO_LONG: 'MAX_LENGTH',
};

/**
 * Compiles a request schema into a validator that returns field-level issues in Italian and English
 * (and each locale `messages` adds), using the field's own `x-messages` first, then the library's
 * `request.*` messages, with the domain formats' `format.*` messages as their detail.
 * Data that JSON cannot hold (`NaN`, `Infinity`, functions, class instances, a `__proto__`,
 * `constructor` or `prototype` key) or that breaks the limits (`bounds`) is refused before the schema
 * is applied, so the cost of validating is bounded whatever the data.
 */
export function compileRequestValidator(
  ajv: Ajv,
  schema: RequestSchemaDocument,
  prune: HiddenFieldPruner = compileHiddenFieldPruner(ajv, schema),
  bounds: JsonBounds = requestBoundsOf(DEFAULT_LIMITS),
  messages: Messages = builtInMessages(),
): RequestValidator {
  const { $schema: _schema, additionalProperties: _additional, ...body } = schema;
  const validate: ValidateFunction = ajv.compile(body);
  const texts = fieldTexts(schema);
  // A declaration (a boolean that must be ticked, `enum: [true]`) left unticked is unanswered, whatever
  // the renderer sent: RJSF fills a required boolean with false, which would otherwise read as a wrong choice.
  const declarations = new Set(
    requestFieldsOf(schema)
      .filter((field) => field.schema.type === 'boolean' && JSON.stringify(field.schema.enum) === '[true]')
      .map((field) => field.name),
  );
  // Issues come in the order the form asks its fields (a conditional field after the one it depends on).
  const order = new Map(requestFieldsInFormOrder(schema).map((field, index) => [field.name, index]));
  const notAnObject: RequestIssue = { code: 'TYPE', pointer: '', field: '', message: messages.localized('request.NOT_AN_OBJECT') };
  /** A request issue the library words: message `messageCode` of the table, in each of its locales. */
  const written = (code: string, pointer: string, field: string, messageCode: MessageCode, params: MessageParams): RequestIssue => {
    const found: RequestIssue = { code, pointer, field, message: messages.localized(messageCode, params) };
    const limit = params.limit;
    if (typeof limit === 'number' || typeof limit === 'string') LIMITS.set(found, limit);
    return found;
  };

  const toIssue = (error: ErrorObject): RequestIssue | undefined => {
    if (NOISE.has(error.keyword)) return undefined;
    const params = error.params as Record<string, unknown>;
    let pointer = error.instancePath;
    if (error.keyword === 'required') pointer = joinPointer(pointer, String(params.missingProperty));
    if (error.keyword === 'additionalProperties') pointer = joinPointer(pointer, String(params.additionalProperty));
    const field = fromPointer(pointer)[0] ?? '';
    if (error.keyword === 'enum' && declarations.has(field) && pointer === joinPointer('', field)) {
      return toIssue({ ...error, keyword: 'required', instancePath: '', params: { missingProperty: field } });
    }
    const text = texts.get(field) ?? { title: { it: field, en: field }, messages: {} };
    const keyword = error.keyword === 'format' ? `format:${String(params.format)}` : error.keyword;
    const own = text.messages[error.keyword] ?? text.messages[keyword];
    const code = codeOf(error);
    if (own) {
      const found: RequestIssue = { code, pointer, field, message: own };
      if (typeof params.limit === 'number') LIMITS.set(found, params.limit);
      return found;
    }
    if (error.keyword === 'x-format') {
      const detailCode = `format.${code}`;
      const detail = isMessageCode(detailCode) ? messages.localized(detailCode) : { it: String(params.it), en: String(params.en) };
      return written(code, pointer, field, 'request.DOMAIN_FORMAT', { field: text.title, detail });
    }
    const messageCode = `request.${code}`;
    return written(code, pointer, field, isMessageCode(messageCode) ? messageCode : 'request.PATTERN', fieldParams(text.title, params.limit));
  };

  const boundsIssue = (problem: JsonBoundsProblem): RequestIssue => {
    const code = BOUNDS_CODES[problem.kind];
    const field = fromPointer(problem.pointer)[0] ?? '';
    const title = texts.get(field)?.title ?? field;
    return written(code, problem.pointer, field, `request.${code}`, fieldParams(title, problem.limit));
  };

  return (data) => {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, issues: [notAnObject] };
    const problems = requestDataProblems(data, bounds);
    if (problems.length > 0) return { ok: false, issues: problems.map(boundsIssue) };
    const issues: RequestIssue[] = [];
    for (const key of Object.keys(data)) {
      if (texts.has(key)) continue;
      issues.push(written('ADDITIONAL_PROPERTIES', joinPointer('', key), key, 'request.ADDITIONAL_PROPERTIES', { field: key }));
    }
    if (!validate(prune(data as Record<string, unknown>))) {
      const seen = new Set<string>();
      for (const error of validate.errors ?? []) {
        const item = toIssue(error);
        if (!item) continue;
        const key = `${item.pointer}|${item.code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        issues.push(item);
      }
    }
    issues.sort((a, b) => (order.get(a.field) ?? order.size) - (order.get(b.field) ?? order.size));
    return { ok: issues.length === 0, issues };
  };
}
