import { inspectPattern } from './json/pattern-safety.js';
import type { PatternCheck } from './json/patterns.js';

/**
 * The catalog loader's pattern check in Node and the toolchain (`#pattern-check` without the `browser`
 * condition): {@link inspectPattern}, so the loader refuses invalid patterns (`INVALID_PATTERN`) and
 * patterns that can backtrack exponentially (`SLOW_PATTERN`).
 */
export const checkPattern: PatternCheck = inspectPattern;
