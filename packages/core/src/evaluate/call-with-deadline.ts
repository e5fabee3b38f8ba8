/** Why a call with a deadline was stopped. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

/**
 * Runs `call` with the evaluation's AbortSignal and settles as soon as it answers, `timeoutMs` passes
 * (rejecting with {@link DeadlineExceeded}) or the signal aborts, even if `call` ignores the signal.
 * The caller turns a missed deadline into a technical failure, which aborts the signal for every call
 * still running. No AbortController or AbortSignal.any per call: this runs on the per-request path.
 */
export function callWithDeadline<T>(signal: AbortSignal, timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      settle();
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      settle();
      reject(new DeadlineExceeded(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    call(signal).then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
