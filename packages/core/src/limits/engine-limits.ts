/**
 * Size limits the engine applies before it spends work on a value: request fields and data before
 * validation and before any port call, port answers before they are validated against the contract.
 * Every limit is the largest value accepted.
 */
export interface EngineLimits {
  /** Longest `requestId` and subject field (`cf`, `soggettoCf`, `matricola`), in characters. Default 128. */
  readonly maxIdLength: number;
  /** Longest string anywhere in request data, in characters. Default 10,000. */
  readonly maxStringLength: number;
  /** Deepest nesting of request data and of a port answer (the top-level value is depth 0). Default 32. */
  readonly maxDepth: number;
  /** Most values (objects, arrays and scalars, counted one each) in request data. Default 10,000. */
  readonly maxNodes: number;
  /** Most values in one port answer (data port answer or action outcome). Default 200,000. */
  readonly maxAnswerNodes: number;
  /** Longest array in one port answer. Default 10,000. */
  readonly maxAnswerArrayLength: number;
  /** Longest string in one port answer, in characters. Default 100,000. */
  readonly maxAnswerStringLength: number;
}

/** The limits of an engine created without the `limits` option. */
export const DEFAULT_LIMITS: EngineLimits = Object.freeze({
  maxIdLength: 128,
  maxStringLength: 10_000,
  maxDepth: 32,
  maxNodes: 10_000,
  maxAnswerNodes: 200_000,
  maxAnswerArrayLength: 10_000,
  maxAnswerStringLength: 100_000,
});
