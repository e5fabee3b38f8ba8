import { isSchemaList } from '@smart-task/schemas';
import { isMessageCode } from '../messages/built-in-messages.js';
import type { Messages } from '../messages/messages.js';
import { textIn, type MessageLocale } from '../text/message-locale.js';
import type { FormField } from './ui-schemas.js';

/**
 * The messages a renderer shows at each field, in the form's language, by JSON Schema keyword as Ajv
 * names it (`required`, `minLength`, `pattern`, `format`, `oneOf`, …): the field's own `x-messages`
 * first, then the library's `request.*` text filled with the field's title and the keyword's limit —
 * the same words `engine.validate` gives for the same failure. Hosts hand it to RJSF's
 * `transformErrors` and to JSON Forms' `i18n.translateError`, so that the renderers' own checks speak
 * Italian (or English) too. Checks that exist only as `x-format` are invisible to renderers: show those
 * from `engine.validate`.
 */
export type FieldMessages = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Keywords with a limit, and the `request.*` code of their message. */
const LIMIT_KEYWORDS: readonly (readonly ['minLength' | 'maxLength' | 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'minItems' | 'maxItems', string])[] = [
  ['minLength', 'MIN_LENGTH'],
  ['maxLength', 'MAX_LENGTH'],
  ['minimum', 'MINIMUM'],
  ['maximum', 'MAXIMUM'],
  ['exclusiveMinimum', 'EXCLUSIVE_MINIMUM'],
  ['exclusiveMaximum', 'EXCLUSIVE_MAXIMUM'],
  ['minItems', 'MIN_ITEMS'],
  ['maxItems', 'MAX_ITEMS'],
];

/**
 * The renderer messages of the fields of a composed form.
 *
 * @param fields - the fields still asked, in form order
 * @param required - the names required where they are declared (base `required`, or their `then`'s)
 */
export function fieldMessagesOf(fields: readonly FormField[], required: ReadonlySet<string>, locale: MessageLocale, messages: Messages): FieldMessages {
  const result: Record<string, Record<string, string>> = {};
  for (const field of fields) {
    const schema = field.schema;
    const own = schema['x-messages'] ?? {};
    const en = schema['x-i18n']?.en.title;
    const title = locale === 'en' && en ? en : (schema.title ?? field.name);
    const library = (code: string, limit?: number | string): string | undefined => {
      const messageCode = `request.${code}`;
      if (!isMessageCode(messageCode)) return undefined;
      return messages.format(messageCode, limit === undefined ? { field: title } : { field: title, limit }, locale);
    };
    const texts: Record<string, string> = {};
    const put = (keyword: string, text: string | undefined) => {
      const chosen = own[keyword] ? textIn(own[keyword], locale) : text;
      if (chosen !== undefined) texts[keyword] = chosen;
    };
    // A list field's choices are on its items.
    const item = schema.type === 'array' && schema.items !== undefined && !isSchemaList(schema.items) ? schema.items : undefined;
    if (required.has(field.name)) put('required', library('REQUIRED'));
    put('type', library('TYPE'));
    if (schema.enum !== undefined || item?.enum !== undefined) put('enum', library('ENUM'));
    // A choice built from port data (`x-options`) becomes a `oneOf` when the form is composed.
    if (schema.oneOf !== undefined || item?.oneOf !== undefined || schema['x-options'] !== undefined) put('oneOf', library('ONE_OF'));
    if (schema.const !== undefined || item?.const !== undefined) put('const', library('CONST'));
    if (schema.pattern !== undefined || item?.pattern !== undefined) put('pattern', library('PATTERN'));
    for (const [keyword, code] of LIMIT_KEYWORDS) {
      const limit = schema[keyword];
      if (limit !== undefined) put(keyword, library(code, limit));
    }
    if (schema.format !== undefined) put('format', library(`FORMAT_${schema.format.toUpperCase().replace(/-/g, '_')}`) ?? library('PATTERN'));
    result[field.name] = texts;
  }
  return result;
}
