/**
 * The GSM 03.38 alphabet of SMS: one message holds 160 septets; the extension characters take two.
 * Text outside the alphabet would switch the whole message to UCS-2 (70 characters), so SMS text is
 * transliterated first.
 */

const BASIC = new Set([...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà']);
const EXTENSION = new Set([...'^{}\\[~]|€\f']);

/** Typographic characters with a GSM-7 equivalent. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '—': '-',
  '–': '-',
  '…': '...',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '\u00a0': ' ',
  È: "E'",
  À: "A'",
  Ì: "I'",
  Ò: "O'",
  Ù: "U'",
};

/** Rewrites `text` in the GSM-7 alphabet: typographic characters replaced, other accents dropped, anything else `?`. */
export function toGsm7(text: string): string {
  let result = '';
  for (const char of text) {
    if (BASIC.has(char) || EXTENSION.has(char)) result += char;
    else if (REPLACEMENTS[char] !== undefined) result += REPLACEMENTS[char];
    else {
      const plain = char.normalize('NFD').replace(/\p{M}/gu, '');
      result += [...plain].every((part) => BASIC.has(part)) ? plain : '?';
    }
  }
  return result;
}

/** Septets `text` takes in an SMS (extension characters count two); `undefined` when it is not GSM-7. */
export function gsm7Length(text: string): number | undefined {
  let length = 0;
  for (const char of text) {
    if (BASIC.has(char)) length += 1;
    else if (EXTENSION.has(char)) length += 2;
    else return undefined;
  }
  return length;
}

/** Cuts GSM-7 `text` to at most `limit` septets, at a word boundary when there is one, ending with `...` when it cut. */
export function truncateGsm7(text: string, limit: number): string {
  if ((gsm7Length(text) ?? Infinity) <= limit) return text;
  if (limit < 3) return '';
  let result = '';
  for (const char of text) {
    if ((gsm7Length(result + char) ?? Infinity) > limit - 3) break;
    result += char;
  }
  const lastSpace = result.lastIndexOf(' ');
  const cut = lastSpace > result.length / 2 ? result.slice(0, lastSpace) : result;
  return `${cut.trimEnd().replace(/[,;:.]$/, '')}...`;
}
