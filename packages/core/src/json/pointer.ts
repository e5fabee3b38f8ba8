/** Builds an RFC 6901 JSON pointer from path segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Splits an RFC 6901 JSON pointer into its segments. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Appends segments to a JSON pointer. */
export function joinPointer(pointer: string, ...segments: readonly (string | number)[]): string {
  return pointer + toPointer(segments);
}
