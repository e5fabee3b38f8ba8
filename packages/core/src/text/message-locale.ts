import type { Locale, LocalizedText } from '@smart-task/schemas';

/**
 * The locales a host adds to the message table, as the keys of this interface (the values are not
 * read). It is empty here: the built-in locales are Italian and English ({@link Locale}, the languages
 * of the catalog). A host that adds German declares it once, and `'de'` then type-checks wherever a
 * locale is chosen (engine, lifecycle, views, notification preferences):
 *
 * @example
 * declare module '@smart-task/core' {
 *   interface HostLocales { de: true }
 * }
 */
// An interface, and empty, because hosts extend it by declaration merging: a type alias could not be augmented.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HostLocales {}

/** A locale a message can be written in: Italian, English, or one the host declared in {@link HostLocales}. */
export type MessageLocale = Locale | Extract<keyof HostLocales, string>;

/** A locale a host added: one of {@link MessageLocale} that is not built in. */
export type HostLocale = Exclude<MessageLocale, Locale>;

/**
 * A text in Italian and English and, when the host added locales to the message table, in each of them
 * too. Catalog texts (titles, reasons, `x-messages`) hold only `it` and `en`: read any of them with
 * {@link textIn}, which falls back to Italian.
 */
export type LocalizedMessage = LocalizedText & { readonly [L in HostLocale]?: string };

/**
 * The text of `text` in `locale`, or its Italian text when it has none in that locale (a catalog text
 * in a locale the host added, or a locale nobody wrote).
 *
 * @example
 * textIn(request.title, 'de'); // the Italian title: the catalog has no German
 */
export function textIn(text: LocalizedMessage, locale: MessageLocale): string {
  const found = (text as unknown as Readonly<Record<string, unknown>>)[locale];
  return typeof found === 'string' ? found : text.it;
}
