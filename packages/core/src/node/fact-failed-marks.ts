import { FACT_FAILED } from '../evaluate/evaluation-context.js';

/** The paths (keys from the root) at which a value held `FACT_FAILED`. */
export type FactFailedMarks = (readonly (string | number)[])[];

type Container = { [key: string | number]: unknown };

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/**
 * Takes every `FACT_FAILED` out of `value`, in place, leaving `undefined` there, and returns where each
 * stood: the trace of a comparison on a fact that could not be read holds the marker, and a symbol cannot
 * cross to another thread (structured clone refuses it). {@link restoreFactFailed} puts them back.
 */
export function takeOutFactFailed(value: unknown): FactFailedMarks {
  const marks: FactFailedMarks = [];
  const seen = new Set<object>();
  const visit = (node: unknown, path: readonly (string | number)[]) => {
    if (!isContainer(node) || seen.has(node)) return;
    seen.add(node);
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      if (node[key] === FACT_FAILED) {
        node[key] = undefined;
        marks.push([...path, key]);
      } else visit(node[key], [...path, key]);
    }
  };
  visit(value, []);
  return marks;
}

/** Puts `FACT_FAILED` back where {@link takeOutFactFailed} found it, in place. */
export function restoreFactFailed(value: unknown, marks: FactFailedMarks): void {
  for (const path of marks) {
    const last = path.at(-1);
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (isContainer(node) ? node[key] : undefined), value);
    if (isContainer(parent) && last !== undefined) parent[last] = FACT_FAILED;
  }
}
