import { invalidPattern, type PatternCheck } from './json/patterns.js';

/**
 * The catalog loader's pattern check in a browser build (`#pattern-check` under the `browser`
 * condition): validity only (`INVALID_PATTERN`). The backtracking analysis is left out, because its
 * analyser (scslre, refa, regexpp) weighs about 1 MB minified; a catalog a browser loads is checked by
 * `smart-task validate` in CI instead, which refuses exponential patterns (`SLOW_PATTERN`).
 */
export const checkPattern: PatternCheck = (pattern) => invalidPattern(pattern) ?? { kind: 'unanalysed' };
