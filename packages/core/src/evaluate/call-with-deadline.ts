/** Why a call with a deadline was stopped. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

/**
 * Runs `call` with the evaluation's AbortSignal and settles as soon as it answers, `timeoutMs` passes
 * (rejecting with {@link DeadlineExceeded}) or the signal aborts, even if `call` ignores the signal.
 * The deadline is judged by the time elapsed when the answer arrives, not by which callback runs
 * first: on a busy event loop an answer and the deadline timer can be due together, and an answer
 * (or a failure) that arrives after `timeoutMs` is a missed deadline even if its callback ran first.
 * The caller turns a missed deadline into a technical failure, which aborts the signal for every call
 * still running. No AbortController or AbortSignal.any per call: this runs on the per-request path.
 */
export function callWithDeadline<T>(signal: AbortSignal, timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const started = performance.now();
  return new Promise<T>((resolve, reject) => {
    const missed = () => new DeadlineExceeded(`no answer within ${timeoutMs} ms`);
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
      reject(missed());
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    const late = () => performance.now() - started > timeoutMs;
    let pending: Promise<T>;
    try {
      pending = call(signal);
    } catch (error) {
      pending = Promise.reject(error);
    }
    Promise.resolve(pending).then(
      (value) => {
        settle();
        if (late()) reject(missed());
        else resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(late() ? missed() : error);
      },
    );
  });
}
