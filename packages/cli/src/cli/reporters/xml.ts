// XML 1.0 allows tab, newline, carriage return and the characters from U+0020 up, minus surrogates
// without their pair and U+FFFE/U+FFFF; anything else cannot appear in a document, even escaped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes text for an XML element, dropping characters XML cannot hold. A carriage return is written
 * `&#13;`: a parser turns a literal one into a line feed.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;');
}

/**
 * Escapes text for a double-quoted XML attribute: as {@link escapeXml}, plus tab and line feed as
 * character references, which a parser would otherwise turn into spaces (attribute-value normalization).
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Attributes as ` name="value"…`, escaped, skipping `undefined` values. */
export function xmlAttributes(attributes: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

/** The XML declaration every document starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
