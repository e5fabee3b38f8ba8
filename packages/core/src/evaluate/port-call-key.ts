import { canonicalJson } from '../json/canonical-hash.js';

/**
 * One key per port call: the port fact and the canonical JSON of its parameters. Two calls with the
 * same key are the same call (an evaluation makes it once; a replay answers it from the record).
 */
export function portCallKey(fact: string, params: Readonly<Record<string, unknown>>): string {
  return `${fact} ${canonicalJson(params)}`;
}
