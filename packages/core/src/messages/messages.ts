import type { Locale } from '@smart-task/schemas';
import { SmartTaskError } from '../errors.js';
import { read } from '../json/read-safely.js';
import { BUILT_IN_MESSAGES, MESSAGE_CODES, type MessageCode } from './built-in-messages.js';
import { messageOverridesIssues } from './check-message-overrides.js';
import { textIn, type LocalizedMessage, type MessageLocale } from '../text/message-locale.js';
import { compileTemplate } from './message-template.js';

/** A parameter as a text function receives it: a string or a number. */
export type MessageParamValue = string | number;

/**
 * A parameter of a message: a string, a number, or a text in several locales (a task or field title),
 * of which the locale being written is taken, else the Italian.
 */
export type MessageParam = MessageParamValue | LocalizedMessage;

/** The named parameters of a message; see {@link MESSAGE_PARAMS} for those each code is given. */
export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * A host's text of a message: a string with `{name}` placeholders, or a function of the parameters
 * (already in the locale being written) for what a template cannot say, such as plurals. A function
 * that throws or returns no string counts as missing: the Italian text is used.
 */
export type MessageText = string | ((params: Readonly<Record<string, MessageParamValue>>) => string);

/** Texts of one locale, by code; any subset of the codes. */
export type MessageTable = { readonly [C in MessageCode]?: MessageText };

/**
 * A host's overrides of the message table, per locale and code: new wording for Italian or English, or
 * a locale of its own (declare it in {@link HostLocales} so that it type-checks where it is chosen).
 * Whatever a locale lacks is written in Italian.
 *
 * @example
 * const overrides: MessageOverrides = {
 *   it: { 'state.IN_CARICO_SEDE': 'In lavorazione presso la Sede' },
 *   de: { 'state.ACCOLTA': 'Angenommen', 'notice.RITIRATA.subject': 'Smart-Task {protocollo}: Antrag zurückgezogen' },
 * };
 */
export type MessageOverrides = { readonly [L in MessageLocale]?: MessageTable };

/**
 * The message table in use: the built-in Italian and English texts with a host's overrides on top.
 * Made by {@link createMessages}; every engine has one (`engine.messages`), which its lifecycle uses.
 */
export interface Messages {
  /** The locales with texts: `it`, `en`, then those the host added, in the order given. */
  readonly locales: readonly MessageLocale[];
  /**
   * The text of `code` in `locale` (default Italian) with `params` filled. A code the locale does not
   * word — or a locale the table does not have — is written in Italian; a missing parameter is left
   * empty. Never throws (a code the table does not have comes back as is).
   */
  format(code: MessageCode, params?: MessageParams, locale?: MessageLocale): string;
  /** The text of `code` in every locale of the table (`it`, `en` and the host's). */
  localized(code: MessageCode, params?: MessageParams): LocalizedMessage;
  /** A table with `overrides` on top of this one (throws `INVALID_MESSAGES` as {@link createMessages} does). */
  extend(overrides: MessageOverrides): Messages;
}

type Entry = (params: MessageParams, locale: MessageLocale) => string;
type Tables = ReadonlyMap<MessageLocale, ReadonlyMap<MessageCode, Entry>>;

const NO_PARAMS: MessageParams = Object.freeze({});

function paramText(params: MessageParams, name: string, locale: MessageLocale): string {
  if (!Object.prototype.hasOwnProperty.call(params, name)) return '';
  const value = params[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value && typeof value === 'object' ? textIn(value, locale) : '';
}

function paramValues(params: MessageParams, locale: MessageLocale): Record<string, MessageParamValue> {
  const values: Record<string, MessageParamValue> = {};
  for (const name of Object.keys(params)) {
    const value = params[name];
    values[name] = typeof value === 'number' ? value : paramText(params, name, locale);
  }
  return values;
}

function entryOf(text: MessageText): Entry {
  if (typeof text === 'function') return (params, locale) => text(paramValues(params, locale));
  const template = compileTemplate(text);
  return (params, locale) => template((name) => paramText(params, name, locale));
}

function builtInTable(locale: Locale): Map<MessageCode, Entry> {
  return new Map(MESSAGE_CODES.map((code) => [code, entryOf(BUILT_IN_MESSAGES[code][locale])]));
}

const BUILT_IN_ITALIAN = builtInTable('it');

/** Runs an entry; `undefined` when a host function throws or answers no string. */
function attempt(entry: Entry | undefined, params: MessageParams, locale: MessageLocale): string | undefined {
  if (!entry) return undefined;
  try {
    const text: unknown = entry(params, locale);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

function messagesOf(tables: Tables): Messages {
  const locales = Object.freeze([...tables.keys()]);
  const italian = tables.get('it') as ReadonlyMap<MessageCode, Entry>;
  const format: Messages['format'] = (code, params = NO_PARAMS, locale = 'it') => attempt(tables.get(locale)?.get(code), params, locale) ?? attempt(italian.get(code), params, locale) ?? BUILT_IN_ITALIAN.get(code)?.(params, locale) ?? String(code);
  return Object.freeze({
    locales,
    format,
    localized(code: MessageCode, params: MessageParams = NO_PARAMS) {
      return Object.fromEntries(locales.map((locale) => [locale, format(code, params, locale)])) as unknown as LocalizedMessage;
    },
    extend(overrides: MessageOverrides) {
      return messagesOf(layered(tables, overrides, '<messages>', ''));
    },
  });
}

/** `tables` with `overrides` on top, after checking them (`INVALID_MESSAGES`, pointers under `pointer`). */
function layered(tables: Tables, overrides: MessageOverrides | undefined, file: string, pointer: string): Tables {
  const issues = messageOverridesIssues(overrides, file, pointer);
  if (issues.length > 0) throw new SmartTaskError('Invalid messages', issues);
  if (overrides === undefined) return tables;
  const next = new Map<MessageLocale, ReadonlyMap<MessageCode, Entry>>(tables);
  for (const locale of Object.keys(overrides) as MessageLocale[]) {
    const table = new Map(next.get(locale));
    const given = read(overrides, locale) as Readonly<Record<string, MessageText>>;
    for (const code of Object.keys(given) as MessageCode[]) table.set(code, entryOf(given[code] as MessageText));
    next.set(locale, table);
  }
  return next;
}

const BUILT_IN: Messages = messagesOf(
  new Map([
    ['it', BUILT_IN_ITALIAN],
    ['en', builtInTable('en')],
  ]),
);

/**
 * The message table of the built-in Italian and English texts with `overrides` on top: new wording for
 * a code in Italian or English, or a locale of the host's own. Anything a locale lacks is written in
 * Italian. Texts are checked when the table is made: a locale that is not a language tag, an unknown
 * code or a placeholder the message is not given throws a {@link SmartTaskError} of `INVALID_MESSAGES`
 * issues (file `<messages>`, pointer `/<locale>/<code>`).
 *
 * @example
 * const messages = createMessages({ de: { 'state.ACCOLTA': 'Angenommen' } });
 * messages.format('state.ACCOLTA', {}, 'de'); // 'Angenommen'
 * messages.format('state.RITIRATA', {}, 'de'); // 'Ritirata' (no German text: Italian)
 */
export function createMessages(overrides?: MessageOverrides): Messages {
  return overrides === undefined ? BUILT_IN : BUILT_IN.extend(overrides);
}

/** The built-in table, without overrides: what every function that takes an optional `messages` uses by default. */
export function builtInMessages(): Messages {
  return BUILT_IN;
}

/** The table of an engine or lifecycle option: the built-in one, or `base`, with the option's overrides on top (issues point under `pointer` in `file`). */
export function messagesWithOverrides(base: Messages, overrides: MessageOverrides | undefined, file: string, pointer: string): Messages {
  if (overrides === undefined) return base;
  const issues = messageOverridesIssues(overrides, file, pointer);
  if (issues.length > 0) throw new SmartTaskError('Invalid messages', issues);
  return base.extend(overrides);
}
