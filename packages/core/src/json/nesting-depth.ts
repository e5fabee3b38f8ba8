import { joinPointer } from './pointer.js';

/**
 * The pointer to the first array or object nested deeper than `maxDepth` levels (the document itself
 * is level 1), or `undefined` when the whole value is within the limit. Walks with an explicit stack,
 * so it cannot overflow the call stack however deep the value is.
 */
export function tooDeepAt(value: unknown, maxDepth: number): string | undefined {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer: '', depth: 1 }];
  while (stack.length > 0) {
    const current = stack.pop() as { value: unknown; pointer: string; depth: number };
    if (current.value === null || typeof current.value !== 'object') continue;
    if (current.depth > maxDepth) return current.pointer;
    const entries: [string | number, unknown][] = Array.isArray(current.value) ? current.value.map((item, index) => [index, item]) : Object.entries(current.value);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index] as [string | number, unknown];
      if (child !== null && typeof child === 'object') stack.push({ value: child, pointer: joinPointer(current.pointer, key), depth: current.depth + 1 });
    }
  }
  return undefined;
}
