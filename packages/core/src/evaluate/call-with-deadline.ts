import type { PortCallContext } from '../port.js';

/** Why a call with a deadline was stopped. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

/** A timer's callback can run up to a millisecond before `performance.now()` says the time is up. */
const TIMER_SLACK_MS = 1;

interface PendingCall {
  readonly due: number;
  readonly reject: (reason: unknown) => void;
}

/**
 * The port calls of one evaluation (or of one run of operations): each call settles as soon as it
 * answers, `timeoutMs` after it started (rejecting with {@link DeadlineExceeded}) or when the calls are
 * aborted, even if the port ignores its signal. All of them share one abort, which rejects every
 * pending call at once, and the process's one deadline timer ({@link SharedDeadlineTimer}): no timer,
 * listener or AbortSignal per call or per evaluation, since this runs on the per-request path. The AbortController whose signal
 * the ports see is made only when a port reads `signal`.
 *
 * The deadline is judged by the time elapsed when the answer arrives, not by which callback runs
 * first: on a busy event loop an answer and the deadline can be due together, and an answer (or a
 * failure) that arrives after `timeoutMs` is a missed deadline even if its callback ran first.
 */
export class CallsUnderDeadline {
  /** @internal Where this sits in the shared timer's list while it has calls pending; -1 when it has none. */
  watchSlot = -1;
  private controller: AbortController | undefined;
  private abortedWith: { readonly reason: unknown } | undefined;
  private readonly pending = new Set<PendingCall>();

  constructor(private readonly timeoutMs: number) {}

  /** The signal the ports are given: aborted with the reason given to {@link abort}. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.abortedWith) this.controller.abort(this.abortedWith.reason);
    }
    return this.controller.signal;
  }

  /** What a port call is given: the request id and {@link signal}, made only if the port reads it. */
  portContext(requestId: string): PortCallContext {
    const signal = () => this.signal;
    return {
      requestId,
      get signal() {
        return signal();
      },
    };
  }

  /** True once {@link abort} was called. */
  get aborted(): boolean {
    return this.abortedWith !== undefined;
  }

  /** Aborts the signal and rejects every pending call with `reason`; later calls are refused with it. */
  abort(reason: unknown): void {
    if (this.abortedWith) return;
    this.abortedWith = { reason };
    this.controller?.abort(reason);
    const pending = [...this.pending];
    this.pending.clear();
    deadlineTimer.unwatch(this);
    for (const call of pending) call.reject(reason);
  }

  /**
   * Ends the watch: aborts the calls still pending, if any, with the reason `reason()` makes (made only
   * then: an Error costs a stack trace), and clears the timer.
   */
  close(reason: () => unknown): void {
    if (this.pending.size > 0) this.abort(reason());
  }

  /**
   * Runs `call` under the deadline; `call` gets this object, whose `signal` it may hand to the port.
   * `started` is when the deadline counts from (now, unless the caller has just read the time).
   */
  call<T>(call: (calls: CallsUnderDeadline) => Promise<T>, started = performance.now()): Promise<T> {
    if (this.abortedWith) return Promise.reject(this.abortedWith.reason);
    return new Promise<T>((resolve, reject) => {
      const entry: PendingCall = { due: started + this.timeoutMs, reject };
      this.pending.add(entry);
      deadlineTimer.watch(this, entry.due);
      const late = () => performance.now() - started > this.timeoutMs;
      const missed = () => new DeadlineExceeded(`no answer within ${this.timeoutMs} ms`);
      let answer: Promise<T>;
      try {
        answer = call(this);
      } catch (error) {
        answer = Promise.reject(error);
      }
      Promise.resolve(answer).then(
        (value) => {
          if (!this.settle(entry)) return;
          if (late()) reject(missed());
          else resolve(value);
        },
        (error: unknown) => {
          if (!this.settle(entry)) return;
          reject(late() ? missed() : error);
        },
      );
    });
  }

  /** Takes an answered call off the watch; false when its deadline or an abort settled it already. */
  private settle(entry: PendingCall): boolean {
    if (!this.pending.delete(entry)) return false;
    if (this.pending.size === 0) deadlineTimer.unwatch(this);
    return true;
  }

  /**
   * @internal Rejects the calls due by `now` with {@link DeadlineExceeded}; answers the earliest deadline still
   * pending (infinity when none is). Called by the shared timer.
   */
  expire(now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const call of [...this.pending]) {
      if (call.due <= now) {
        this.pending.delete(call);
        call.reject(new DeadlineExceeded(`no answer within ${this.timeoutMs} ms`));
      } else next = Math.min(next, call.due);
    }
    return next;
  }
}

/**
 * One timer for every {@link CallsUnderDeadline} of the process, armed for the earliest deadline among
 * those with calls pending. Deadlines of one timeout come in the order the calls start, so a new call
 * rarely re-arms it; and when the last pending call settles, the timer is cleared only if nothing is
 * pending any more once the current macrotask is over — evaluations run one after another keep one
 * timer armed instead of setting and clearing one each (about 3% of an evaluation). A timer stays
 * armed only while some call is pending or about to be, so it never keeps a process alive on its own
 * for longer than that. Re-armed when the host replaced `setTimeout` since (fake timers in its tests).
 */
class SharedDeadlineTimer {
  /** The watches with calls pending, each knowing its slot: added and removed without hashing (a Set cost ~4% of an evaluation). */
  private readonly watched: CallsUnderDeadline[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Number.POSITIVE_INFINITY;
  private armedWith: typeof setTimeout | undefined;
  private idleCheckQueued = false;

  watch(calls: CallsUnderDeadline, due: number): void {
    if (calls.watchSlot === -1) calls.watchSlot = this.watched.push(calls) - 1;
    if (due < this.timerDue || this.armedWith !== globalThis.setTimeout) this.arm(Math.min(due, this.timerDue));
  }

  unwatch(calls: CallsUnderDeadline): void {
    const slot = calls.watchSlot;
    if (slot === -1) return;
    calls.watchSlot = -1;
    const last = this.watched.pop() as CallsUnderDeadline;
    if (last !== calls) {
      this.watched[slot] = last;
      last.watchSlot = slot;
    }
    if (this.watched.length > 0 || this.timer === undefined || this.idleCheckQueued) return;
    this.idleCheckQueued = true;
    afterThisMacrotask(() => {
      this.idleCheckQueued = false;
      if (this.watched.length === 0) this.disarm();
    });
  }

  private arm(due: number): void {
    this.disarm();
    this.timerDue = due;
    this.armedWith = globalThis.setTimeout;
    this.timer = setTimeout(() => this.onTimer(), Math.max(0, due - performance.now()));
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
    this.armedWith = undefined;
  }

  private onTimer(): void {
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
    this.armedWith = undefined;
    const now = performance.now() + TIMER_SLACK_MS;
    let next = Number.POSITIVE_INFINITY;
    for (const calls of [...this.watched]) {
      const due = calls.expire(now);
      if (due === Number.POSITIVE_INFINITY) this.unwatch(calls);
      else next = Math.min(next, due);
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
  }
}

/** `setImmediate` where there is one (Node), else a zero-delay timeout (browsers). */
const afterThisMacrotask: (callback: () => void) => void = typeof globalThis.setImmediate === 'function' ? (callback) => void globalThis.setImmediate(callback) : (callback) => void setTimeout(callback, 0);

const deadlineTimer = new SharedDeadlineTimer();

/**
 * Runs one `call` with the caller's AbortSignal under a deadline of `timeoutMs` (see
 * {@link CallsUnderDeadline}): settles when it answers, when the time is up, or when `signal` aborts.
 */
export function callWithDeadline<T>(signal: AbortSignal, timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const calls = new CallsUnderDeadline(timeoutMs);
  const onAbort = () => calls.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return calls.call(() => call(signal)).finally(() => signal.removeEventListener('abort', onAbort));
}
