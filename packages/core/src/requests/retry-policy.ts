import { SmartTaskError, issue } from '../errors.js';

/**
 * How a request is retried after a technical failure: exponential backoff, then hand-over to the Sede.
 * The delay after failed attempt `n` is `min(maxDelayMs, baseDelayMs × factor^(n−1))`.
 */
export interface RetryPolicy {
  /** Istruttoria attempts in all, the first included; after the last one fails the request goes to the Sede. */
  readonly maxAttempts: number;
  /** Delay before the first retry, in milliseconds. */
  readonly baseDelayMs: number;
  /** Multiplier of the delay from one retry to the next (1 = constant delay). */
  readonly factor: number;
  /** Upper bound of any delay, in milliseconds. */
  readonly maxDelayMs: number;
}

/** 4 attempts in all, 1 minute before the first retry, doubling, at most 30 minutes: retries after 1, 2 and 4 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ maxAttempts: 4, baseDelayMs: 60_000, factor: 2, maxDelayMs: 30 * 60_000 });

/** Notices: 8 attempts in all, 1 minute before the first retry, doubling, at most 1 hour (the last about 2 hours after the first). */
export const DEFAULT_NOTICE_RETRY_POLICY: RetryPolicy = Object.freeze({ maxAttempts: 8, baseDelayMs: 60_000, factor: 2, maxDelayMs: 60 * 60_000 });

/** Fills the defaults of a partial policy (from `defaults`, {@link DEFAULT_RETRY_POLICY} unless given) and refuses values that cannot work, saying which and why. */
export function resolveRetryPolicy(policy: Partial<RetryPolicy> = {}, defaults: RetryPolicy = DEFAULT_RETRY_POLICY): RetryPolicy {
  const resolved = { ...defaults, ...policy };
  const problems: string[] = [];
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) problems.push(`"maxAttempts" must be an integer ≥ 1 (1 = no retry); found ${JSON.stringify(resolved.maxAttempts)}`);
  if (!Number.isFinite(resolved.baseDelayMs) || resolved.baseDelayMs < 0) problems.push(`"baseDelayMs" must be a number of milliseconds ≥ 0; found ${JSON.stringify(resolved.baseDelayMs)}`);
  if (!Number.isFinite(resolved.factor) || resolved.factor < 1) problems.push(`"factor" must be a number ≥ 1; found ${JSON.stringify(resolved.factor)}`);
  if (!Number.isFinite(resolved.maxDelayMs) || resolved.maxDelayMs < resolved.baseDelayMs) problems.push(`"maxDelayMs" must be a number of milliseconds ≥ baseDelayMs (${resolved.baseDelayMs}); found ${JSON.stringify(resolved.maxDelayMs)}`);
  if (problems.length > 0) {
    throw new SmartTaskError('Invalid retry policy', [issue('INVALID_LIFECYCLE_OPTION', '<lifecycle>', '/retryPolicy', `The retry policy is not valid: ${problems.join('; ')}. Fix the retryPolicy option.`, { option: 'retryPolicy' })]);
  }
  return Object.freeze(resolved);
}

/** The wait after failed attempt `failedAttempt` (1 = the first attempt), in milliseconds. */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** (failedAttempt - 1));
}

/** True when another attempt may follow failed attempt `failedAttempt`. */
export function canRetryAfter(policy: RetryPolicy, failedAttempt: number): boolean {
  return failedAttempt < policy.maxAttempts;
}
