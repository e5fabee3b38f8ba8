import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { domainFormats, type DomainFormatName } from './index.js';

type Ajv = import('ajv').default;
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as typeof import('ajv').default;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as typeof import('ajv-formats').default;

/** The `x-*` annotations of request schemas that carry no validation of their own. */
const ANNOTATION_KEYWORDS = ['x-task', 'x-i18n', 'x-known', 'x-options', 'x-messages', 'x-widget'];

/**
 * An Ajv instance configured for Smart-Task documents: all errors, date/email/uri formats, the
 * annotation keywords, and `x-format` validating the domain formats (codice fiscale, PEC, ...).
 * `verbose` keeps the failing data and schema in each error, for messages that quote them.
 * `allErrors: false` stops each validation at the first error: for data from outside (port answers),
 * whose cost must not grow with the number of mistakes they hold.
 * `standaloneCode` keeps each compiled schema's source, for `ajv/dist/standalone` at build time.
 * `validateSchema: false` compiles schemas without checking them against draft-07 first: for the
 * library's own schemas only, tested valid, never for a catalog's or a host's.
 */
export function createAjv(options: { readonly verbose?: boolean; readonly allErrors?: boolean; readonly standaloneCode?: boolean; readonly validateSchema?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    ...(options.validateSchema === false && { validateSchema: false }),
    allErrors: options.allErrors ?? true,
    strict: false,
    allowUnionTypes: true,
    verbose: options.verbose ?? false,
    ...(options.standaloneCode && { code: { source: true, esm: true } }),
  });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri']);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  ajv.addKeyword({
    keyword: 'x-format',
    type: 'string',
    schemaType: 'string',
    errors: true,
    validate: function validateDomainFormat(this: unknown, format: string, data: string) {
      const check = domainFormats[format as DomainFormatName];
      if (check === undefined) return true;
      const outcome = check(data);
      if (outcome.ok) return true;
      (validateDomainFormat as unknown as { errors: unknown[] }).errors = [{ keyword: 'x-format', message: outcome.message.en, params: { format, code: outcome.code, it: outcome.message.it, en: outcome.message.en } }];
      return false;
    },
  });
  return ajv;
}

export type { Ajv };
