/** cyrb53: a fast 53-bit hash of a string's UTF-16 code units, as 14 hexadecimal digits. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * A cheap fingerprint of a catalog file: its name and its content's JSON text, hashed (not a
 * cryptographic hash: it tells a changed document from the one recorded, it does not resist forgery).
 * `undefined` for a content that is not JSON (a cycle, a BigInt).
 */
export function fingerprintOf(file: string, content: unknown): string | undefined {
  let text: string;
  try {
    text = JSON.stringify(content);
  } catch {
    return undefined;
  }
  return `fp1:${text.length}:${hash53(`${file}\u0000${text}`)}`;
}
