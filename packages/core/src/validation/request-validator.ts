import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema, LocalizedText, RequestSchemaDocument } from '@smart-task/schemas';
import type { Ajv } from '../json/create-ajv.js';
import { fromPointer, joinPointer } from '../json/pointer.js';
import { requestFieldsOf } from '../catalog/request-fields.js';
import { compileHiddenFieldPruner, type HiddenFieldPruner } from '../form/prune-hidden.js';
import { REQUEST_MESSAGES, fillRequestMessage } from './request-messages.js';
import type { JsonBounds, JsonBoundsProblem } from '../json/json-bounds.js';
import { DEFAULT_LIMITS } from '../limits/engine-limits.js';
import { requestBoundsOf, requestDataProblems } from './check-request.js';

/** One problem with a field of a request, with its message in Italian and English. */
export interface RequestIssue {
  /** Stable code: the JSON Schema keyword in upper snake case (`REQUIRED`, `PATTERN`), or a domain code (`CF_CHECK_CHARACTER`). */
  readonly code: string;
  /** RFC 6901 pointer to the field in the request data. */
  readonly pointer: string;
  /** The top-level field the issue is about. */
  readonly field: string;
  readonly message: LocalizedText;
}

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

function fieldTexts(schema: RequestSchemaDocument): Map<string, FieldTexts> {
  const texts = new Map<string, FieldTexts>();
  for (const field of requestFieldsOf(schema)) {
    const it = (field.schema.title as string | undefined) ?? field.name;
    const en = (field.schema['x-i18n'] as { en?: { title?: string } } | undefined)?.en?.title ?? it;
    texts.set(field.name, { title: { it, en }, messages: (field.schema['x-messages'] as Record<string, LocalizedText> | undefined) ?? {} });
  }
  return texts;
}

function codeOf(error: ErrorObject): string {
  if (error.keyword === 'x-format') return String((error.params as { code: string }).code);
  if (error.keyword === 'format') return `FORMAT_${String((error.params as { format: string }).format).toUpperCase().replace(/-/g, '_')}`;
  return error.keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function limitOf(error: ErrorObject): unknown {
  const params = error.params as Record<string, unknown>;
  return params.limit;
}

/** Schema keywords whose failure is already explained by a more precise error on the same field. */
const NOISE = new Set(['if', 'allOf', 'anyOf', 'const']);

/** The request issue code of each problem JSON data or the limits find. */
const BOUNDS_CODES: Readonly<Record<JsonBoundsProblem['kind'], string>> = {
  NOT_JSON: 'NOT_JSON',
  NOT_FINITE: 'NOT_FINITE',
  FORBIDDEN_KEY: 'FORBIDDEN_KEY',
  TOO_DEEP: 'TOO_DEEP',
  TOO_MANY_VALUES: 'TOO_MANY_VALUES',
  ARRAY_TOO_LONG: 'TOO_MANY_VALUES',
  STRING_TOO_LONG: 'MAX_LENGTH',
};

/**
 * Compiles a request schema into a validator that returns field-level issues in Italian and English,
 * using the field's own `x-messages` first, then the library's catalogue, then the domain formats'.
 * Data that JSON cannot hold (`NaN`, `Infinity`, functions, class instances, a `__proto__`,
 * `constructor` or `prototype` key) or that breaks the limits (`bounds`) is refused before the schema
 * is applied, so the cost of validating is bounded whatever the data.
 */
export function compileRequestValidator(ajv: Ajv, schema: RequestSchemaDocument, prune: HiddenFieldPruner = compileHiddenFieldPruner(ajv, schema), bounds: JsonBounds = requestBoundsOf(DEFAULT_LIMITS)): RequestValidator {
  const { $schema: _schema, additionalProperties: _additional, ...body } = schema as JsonSchema;
  const validate: ValidateFunction = ajv.compile(body);
  const texts = fieldTexts(schema);
  // A declaration (a boolean that must be ticked, `enum: [true]`) left unticked is unanswered, whatever
  // the renderer sent: RJSF fills a required boolean with false, which would otherwise read as a wrong choice.
  const declarations = new Set(requestFieldsOf(schema).filter((field) => field.schema.type === 'boolean' && JSON.stringify(field.schema.enum) === '[true]').map((field) => field.name));
  const order = new Map(requestFieldsOf(schema).map((field, index) => [field.name, index]));
  const notAnObject: RequestIssue = {
    code: 'TYPE',
    pointer: '',
    field: '',
    message: { it: 'I dati della richiesta devono essere un oggetto con i campi del modulo.', en: 'The request data must be an object holding the form fields.' },
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
    if (own) return { code: codeOf(error), pointer, field, message: own };
    if (error.keyword === 'x-format') {
      return {
        code: codeOf(error),
        pointer,
        field,
        message: { it: `«${text.title.it}»: ${String(params.it)}`, en: `«${text.title.en}»: ${String(params.en)}` },
      };
    }
    const template = REQUEST_MESSAGES[keyword] ?? REQUEST_MESSAGES.pattern;
    const limit = limitOf(error);
    return {
      code: codeOf(error),
      pointer,
      field,
      message: {
        it: fillRequestMessage((template as LocalizedText).it, text.title.it, limit),
        en: fillRequestMessage((template as LocalizedText).en, text.title.en, limit),
      },
    };
  };

  const boundsIssue = (problem: JsonBoundsProblem): RequestIssue => {
    const code = BOUNDS_CODES[problem.kind];
    const field = fromPointer(problem.pointer)[0] ?? '';
    const title = texts.get(field)?.title ?? { it: field, en: field };
    const template = REQUEST_MESSAGES[code === 'MAX_LENGTH' ? 'maxLength' : code] as LocalizedText;
    return { code, pointer: problem.pointer, field, message: { it: fillRequestMessage(template.it, title.it, problem.limit), en: fillRequestMessage(template.en, title.en, problem.limit) } };
  };

  return (data) => {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, issues: [notAnObject] };
    const problems = requestDataProblems(data, bounds);
    if (problems.length > 0) return { ok: false, issues: problems.map(boundsIssue) };
    const issues: RequestIssue[] = [];
    for (const key of Object.keys(data)) {
      if (texts.has(key)) continue;
      const template = REQUEST_MESSAGES.additionalProperties as LocalizedText;
      issues.push({ code: 'ADDITIONAL_PROPERTIES', pointer: joinPointer('', key), field: key, message: { it: fillRequestMessage(template.it, key), en: fillRequestMessage(template.en, key) } });
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
