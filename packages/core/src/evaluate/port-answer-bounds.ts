import { jsonBoundsProblems, type JsonBounds, type JsonBoundsProblem } from '../json/json-bounds.js';
import type { EngineLimits } from '../limits/engine-limits.js';

/** The bounds a port answer is checked against before validation, from the engine's limits. */
export function answerBoundsOf(limits: EngineLimits): JsonBounds {
  return { maxDepth: limits.maxDepth, maxNodes: limits.maxAnswerNodes, maxArrayLength: limits.maxAnswerArrayLength, maxStringLength: limits.maxAnswerStringLength, forbidPrototypeKeys: false };
}

const OPTION_OF: Partial<Record<JsonBoundsProblem['kind'], keyof EngineLimits>> = {
  TOO_DEEP: 'maxDepth',
  TOO_MANY_VALUES: 'maxAnswerNodes',
  ARRAY_TOO_LONG: 'maxAnswerArrayLength',
  STRING_TOO_LONG: 'maxAnswerStringLength',
};

/**
 * Why a port answer is refused before it is validated against the port contract — not JSON data
 * (`NaN`, `Infinity`, a function, …) or over a size limit — or `undefined` when it may be validated.
 * Its cost is bounded by the limits, whatever the answer.
 */
export function answerBoundsProblem(answer: unknown, bounds: JsonBounds): string | undefined {
  const [problem] = jsonBoundsProblems(answer, bounds);
  if (!problem) return undefined;
  const option = OPTION_OF[problem.kind];
  return `${problem.pointer || '/'} ${problem.detail}${option ? ` (engine option limits.${option})` : ''}`;
}
