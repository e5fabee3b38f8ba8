import { describe, expect, it } from 'vitest';
import type { LifecycleEvent, LifecycleRequest, RetryPolicy } from '../../src/entries/lifecycle.js';
import { DEFAULT_RETRY_POLICY, applyEvent, openRequest, resolveRetryPolicy } from '../../src/entries/lifecycle.js';
import { SmartTaskError } from '../../src/index.js';
import { retryDelayMs } from '../../src/requests/retry-policy.js';
import { T0, eventOf, submitEvent } from './support.js';

const iso = (ms: number) => new Date(T0 + ms).toISOString();
const start = (ms: number): LifecycleEvent => eventOf('START_ISTRUTTORIA', iso(ms));
const fail = (ms: number, retryable = true): LifecycleEvent => ({ type: 'RECORD_TECHNICAL_FAILURE', at: iso(ms), actor: { kind: 'system' }, code: 'PORT_TIMEOUT', message: 'deleghe: upstream timeout', retryable });

/** Fails every attempt as soon as it is allowed to start; returns each state reached after a failure. */
function failEveryAttempt(policy: RetryPolicy): { request: LifecycleRequest; waits: number[] } {
  let request = openRequest(submitEvent({ retryPolicy: policy }));
  let clock = 0;
  const waits: number[] = [];
  for (;;) {
    request = applyEvent(request, start(clock));
    clock += 10; // the attempt takes 10 ms
    request = applyEvent(request, fail(clock));
    if (request.state !== 'RETRY_SCHEDULED') return { request, waits };
    const next = Date.parse(request.retry?.nextAttemptAt ?? '') - T0;
    waits.push(next - clock);
    clock = next;
  }
}

describe('retry with exponential backoff', () => {
  it('waits base × factor^(n−1) after failed attempt n, then hands the request to the Sede', () => {
    const { request, waits } = failEveryAttempt({ maxAttempts: 4, baseDelayMs: 60_000, factor: 2, maxDelayMs: 3_600_000 });
    expect(waits).toEqual([60_000, 120_000, 240_000]);
    expect(request).toMatchObject({ state: 'IN_CARICO_SEDE', attempts: 4, lastFailure: { code: 'PORT_TIMEOUT', retryable: true } });
    expect(request.retry).toBeUndefined();
  });

  it('never waits longer than the cap', () => {
    const { waits } = failEveryAttempt({ maxAttempts: 6, baseDelayMs: 1_000, factor: 10, maxDelayMs: 30_000 });
    expect(waits).toEqual([1_000, 10_000, 30_000, 30_000, 30_000]);
  });

  it('numbers the scheduled attempt and refuses to start it early', () => {
    let request = applyEvent(openRequest(submitEvent()), start(0));
    request = applyEvent(request, fail(5));
    expect(request.retry).toEqual({ attempt: 2, nextAttemptAt: iso(60_005) });
    expect(() => applyEvent(request, start(60_004))).toThrow(/Attempt 2 of request INPS\.7000\.2026\.0001 is scheduled for 2026-03-10T08:01:00\.005Z; START_ISTRUTTORIA at 2026-03-10T08:01:00\.004Z is too early/);
    expect(applyEvent(request, start(60_005))).toMatchObject({ state: 'IN_ISTRUTTORIA', attempts: 2 });
  });

  it('hands a failure that retrying cannot fix straight to the Sede', () => {
    const request = applyEvent(applyEvent(openRequest(submitEvent()), start(0)), fail(5, false));
    expect(request).toMatchObject({ state: 'IN_CARICO_SEDE', attempts: 1, lastFailure: { retryable: false } });
  });

  it('with maxAttempts 1 never retries', () => {
    expect(failEveryAttempt({ ...DEFAULT_RETRY_POLICY, maxAttempts: 1 })).toMatchObject({ waits: [], request: { state: 'IN_CARICO_SEDE', attempts: 1 } });
  });

  it('the default policy retries after 1, 2 and 4 minutes', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(DEFAULT_RETRY_POLICY, attempt))).toEqual([60_000, 120_000, 240_000]);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(4);
  });

  it('fills defaults and refuses a policy that cannot work, naming every problem', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    try {
      resolveRetryPolicy({ maxAttempts: 1.5, factor: 0.5, baseDelayMs: 10_000, maxDelayMs: 5_000 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SmartTaskError);
      const message = (error as SmartTaskError).message;
      expect(message).toContain('"maxAttempts" must be an integer ≥ 1 (1 = no retry); found 1.5');
      expect(message).toContain('"factor" must be a number ≥ 1; found 0.5');
      expect(message).toContain('"maxDelayMs" must be a number of milliseconds ≥ baseDelayMs (10000); found 5000');
    }
  });
});
