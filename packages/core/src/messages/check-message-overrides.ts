import { issue, type Issue } from '../errors.js';
import { joinPointer } from '../json/pointer.js';
import { didYouMean, quoteList } from '../text/suggest.js';
import { isRecord, keysOf, read } from '../json/read-safely.js';
import { MESSAGE_PARAMS, type MessageCode } from './built-in-messages.js';
import { placeholderNames } from './message-template.js';

/** The shape of a language tag such as `de`, `fr`, `de-CH` or `sr-Latn`, checked before `Intl` is asked. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** True when `locale` may be a locale of the message table: a language tag `Intl` accepts. */
export function isLanguageTag(locale: string): boolean {
  if (locale.length > 35 || !LANGUAGE_TAG.test(locale)) return false;
  try {
    Intl.getCanonicalLocales(locale);
    return true;
  } catch {
    return false;
  }
}

/** The locales a table with these overrides has: `it`, `en`, then each well-formed locale of the overrides, in order. */
export function localesWith(overrides: unknown): string[] {
  const added = isRecord(overrides) ? keysOf(overrides).filter((locale) => isLanguageTag(locale) && locale !== 'it' && locale !== 'en') : [];
  return ['it', 'en', ...added];
}

/** The locales for a message: `"it" or "en"`, `"it", "en" or "de"`. */
export function describeLocales(locales: readonly string[]): string {
  const quoted = locales.map((locale) => JSON.stringify(locale));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1] as string}`;
}

const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

function textIssues(text: unknown, code: MessageCode, file: string, pointer: string): Issue[] {
  if (typeof text === 'function') return [];
  if (typeof text !== 'string') return [issue('INVALID_MESSAGES', file, pointer, `The text of "${code}" must be a string with {name} placeholders or a function of the params; found ${text === null ? 'null' : typeof text}.`)];
  const allowed = MESSAGE_PARAMS[code];
  return placeholderNames(text)
    .filter((name) => !allowed.includes(name))
    .map((name) =>
      issue('INVALID_MESSAGES', file, pointer, `The text of "${code}" uses {${name}}, which this message is not given.${didYouMean(name, allowed)} ${allowed.length > 0 ? `Its parameters are ${quoteList(allowed)}.` : 'It takes no parameters.'}`),
    );
}

/**
 * The problems of a host's message overrides: not an object of locales, a locale that is not a language
 * tag, a code the table does not have, a text that is neither a string nor a function, a placeholder the
 * message is not given. One `INVALID_MESSAGES` issue each, pointing at `<pointer>/<locale>/<code>`.
 */
export function messageOverridesIssues(overrides: unknown, file: string, pointer: string): Issue[] {
  if (overrides === undefined) return [];
  if (!isRecord(overrides)) return [issue('INVALID_MESSAGES', file, pointer, 'The messages must be an object of locales, each an object of texts by message code, such as { de: { "state.ACCOLTA": "Angenommen" } }.')];
  const issues: Issue[] = [];
  for (const locale of keysOf(overrides)) {
    const localePointer = joinPointer(pointer, locale);
    if (!isLanguageTag(locale)) {
      issues.push(issue('INVALID_MESSAGES', file, localePointer, `${quote(locale)} is not a locale: use a language tag such as "de", "fr" or "de-CH".`));
      continue;
    }
    const table = read(overrides, locale);
    if (!isRecord(table)) {
      issues.push(issue('INVALID_MESSAGES', file, localePointer, `The texts of "${locale}" must be an object of texts by message code, such as { "state.ACCOLTA": "…" }.`));
      continue;
    }
    for (const code of keysOf(table)) {
      const codePointer = joinPointer(localePointer, code);
      if (!Object.prototype.hasOwnProperty.call(MESSAGE_PARAMS, code)) {
        issues.push(issue('INVALID_MESSAGES', file, codePointer, `${quote(code)} is not a message code.${didYouMean(code, Object.keys(MESSAGE_PARAMS))} The codes are listed in docs/reference/messages.md (MESSAGE_CODES).`));
        continue;
      }
      issues.push(...textIssues(read(table, code), code as MessageCode, file, codePointer));
    }
  }
  return issues;
}
