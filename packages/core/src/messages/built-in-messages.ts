import type { LocalizedText } from '@smart-task/schemas';
import { FORM_TEXTS } from './texts/form-texts.js';
import { FORMAT_TEXTS } from './texts/format-texts.js';
import { NOTICE_TEXTS } from './texts/notice-texts.js';
import { REQUEST_TEXTS } from './texts/request-texts.js';
import { STATE_TEXTS } from './texts/state-texts.js';
import { VIEW_TEXTS } from './texts/view-texts.js';
import { placeholderNames } from './message-template.js';

const TABLE = { ...NOTICE_TEXTS, ...STATE_TEXTS, ...VIEW_TEXTS, ...FORM_TEXTS, ...REQUEST_TEXTS, ...FORMAT_TEXTS };

/**
 * The stable code of a message the library writes for people: `notice.*` (notices), `state.*` (request
 * state labels), `outcome.*` and `operatorView.*` (views), `form.*` (composed forms), `request.*`
 * (request validation), `format.*` (domain format checks). See {@link MESSAGE_CODES}.
 */
export type MessageCode = keyof typeof TABLE;

/**
 * The one table of the library's own texts: each {@link MessageCode} with its Italian and English text,
 * `{name}` placeholders for its parameters. Texts written by analysts (rule reasons, `x-messages`,
 * titles) are catalog data and are not here. A host rewords or translates these with `createMessages`.
 */
export const BUILT_IN_MESSAGES: { readonly [C in MessageCode]: LocalizedText } = Object.freeze(Object.fromEntries(Object.entries(TABLE).map(([code, text]) => [code, Object.freeze({ ...text })])) as typeof TABLE);

/** Every message code, in table order. */
export const MESSAGE_CODES: readonly MessageCode[] = Object.freeze(Object.keys(TABLE) as MessageCode[]);

/** True when `value` is a code of the message table. */
export function isMessageCode(value: unknown): value is MessageCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TABLE, value);
}

const NOTICE_PARAMS = ['protocollo', 'titolo', 'esito', 'data', 'motivi'] as const;
const FIELD_PARAMS = ['field', 'limit'] as const;

function paramsOf(code: MessageCode): readonly string[] {
  if (code.startsWith('notice.')) return NOTICE_PARAMS;
  if (code === 'request.DOMAIN_FORMAT') return ['field', 'detail'];
  if (code === 'request.NOT_AN_OBJECT') return [];
  if (code.startsWith('request.')) return FIELD_PARAMS;
  return placeholderNames(TABLE[code].it);
}

/**
 * The parameters each message is given, by code: the placeholders a text for it may use. Every
 * `notice.*` text is given `protocollo`, `titolo`, `esito`, `data` and `motivi`; every `request.*` text
 * `field` (the field's title) and `limit`, but `request.DOMAIN_FORMAT` (`field`, `detail`) and
 * `request.NOT_AN_OBJECT` (none); the others exactly the placeholders of their built-in texts.
 */
export const MESSAGE_PARAMS: { readonly [C in MessageCode]: readonly string[] } = Object.freeze(Object.fromEntries(MESSAGE_CODES.map((code) => [code, Object.freeze([...paramsOf(code)])])) as { [C in MessageCode]: readonly string[] });
