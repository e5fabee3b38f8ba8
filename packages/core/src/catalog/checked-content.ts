import type { Issue } from '../errors.js';

function jsonTextOf(content: unknown): string | undefined {
  try {
    return JSON.stringify(content);
  } catch {
    return undefined; // a cycle or a BigInt: not JSON, so nothing to remember it by
  }
}

/**
 * Values made from JSON documents, remembered by a key and the document's JSON text: a process that
 * loads the same documents again (an engine per test, a host that reloads its catalog, the catalog
 * fuzz) gets them without validating or compiling again. Only for values that depend on nothing but
 * the key and the content (so not on options such as a host's vocabulary). The text, not the object, is
 * the key: a document changed in place is made afresh. At most `capacity` values are kept, the least
 * recently used going first.
 */
export class RememberedByContent<T> {
  private readonly values = new Map<string, T>();

  /** @param capacity how many values to keep at most. */
  constructor(private readonly capacity: number) {}

  /** The value made by `make` for `content` under `key`, made now or remembered from before. */
  get(key: string, content: unknown, make: () => T): T {
    const text = jsonTextOf(content);
    if (text === undefined) return make();
    const rememberedKey = `${key}\u0000${text}`;
    if (this.values.has(rememberedKey)) {
      const known = this.values.get(rememberedKey) as T;
      this.values.delete(rememberedKey); // moved to the end: the most recently used
      this.values.set(rememberedKey, known);
      return known;
    }
    const made = make();
    this.values.set(rememberedKey, made);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value as string);
    return made;
  }
}

/**
 * The outcomes of the loader's content checks: enough for a few catalogs of 17 tasks (one meta-schema
 * check per document, one compile check per schema), few enough that a process loading ever-changing
 * documents holds no more than a few megabytes of JSON text.
 */
const checkOutcomes = new RememberedByContent<readonly Issue[]>(512);

/**
 * The issues a check found in one document, remembered by the check's key (its name and the file, which
 * the issues name) and the document's JSON text. The issues are frozen: every load that finds them
 * shares them.
 */
export function checkedByContent(key: string, content: unknown, check: () => readonly Issue[]): Issue[] {
  return [...checkOutcomes.get(key, content, () => check().map((item) => Object.freeze(item)))];
}
