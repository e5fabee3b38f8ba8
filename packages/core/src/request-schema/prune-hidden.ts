import type { RequestSchemaDocument } from '@smart-task/schemas';
import type { Ajv } from '../formats/create-ajv.js';
import { conditionalsOf } from './request-fields.js';

/** Removes the values of conditional fields whose condition does not hold; every other own key is copied as an own key. */
export type HiddenFieldPruner = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * Compiles the pruner of a request schema: a conditional field (declared only in a `then`) is visible,
 * required, validated and submitted exactly when its `if` holds, so hidden values never reach the rules.
 */
export function compileHiddenFieldPruner(ajv: Ajv, schema: RequestSchemaDocument): HiddenFieldPruner {
  const base = new Set(Object.keys(schema.properties));
  const blocks = conditionalsOf(schema).map((block) => ({
    test: ajv.compile(block.if),
    fields: Object.keys(block.then.properties).filter((name) => !base.has(name)),
  }));
  return (data) => {
    const visible = new Set<string>();
    const hidden = new Set<string>();
    for (const block of blocks) for (const name of block.fields) (block.test(data) ? visible : hidden).add(name);
    const pruned: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      if (hidden.has(key) && !visible.has(key)) continue;
      // An own "__proto__" key (JSON.parse makes one) stays an own key: assigning it would set the prototype.
      if (key === '__proto__') Object.defineProperty(pruned, key, { value, enumerable: true, writable: true, configurable: true });
      else pruned[key] = value;
    }
    return pruned;
  };
}
