import { canonicalJson } from '../json/canonical-hash.js';

/**
 * One key per port call: the port fact, then each parameter by name in sorted order with its value as
 * canonical JSON (absent values left out). Two calls with the same key are the same call: an
 * evaluation makes it once, a replay answers it from the record. Built without intermediate arrays for
 * the usual parameters (a few strings): this runs for every port call.
 */
export function portCallKey(fact: string, params: Readonly<Record<string, unknown>>): string {
  const names = Object.keys(params);
  // Usually in order already (a declaration lists them so): sorted only when they are not.
  for (let index = 1; index < names.length; index += 1) {
    if ((names[index - 1] as string) > (names[index] as string)) {
      names.sort();
      break;
    }
  }
  let key = fact;
  for (const name of names) {
    const value = params[name];
    if (value === undefined) continue;
    key += ` ${JSON.stringify(name)}:${typeof value === 'object' && value !== null ? canonicalJson(value) : JSON.stringify(value)}`;
  }
  return key;
}
