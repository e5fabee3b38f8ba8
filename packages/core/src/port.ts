/**
 * The engine's ports: the only way the engine reaches the outside world (data port, action port,
 * clock, logger). Adapters implement these interfaces; the engine never imports an adapter. This file
 * imports nothing: the request lifecycle's own ports sit beside what they serve
 * (`request-list/request-repository.ts`, `notifications/notification-port.ts`).
 */

/** What every port call receives besides its parameters. */
export interface PortCallContext {
  /** Aborted when the call times out or the evaluation is cancelled: stop work and reject. */
  readonly signal: AbortSignal;
  /** The request being evaluated. */
  readonly requestId: string;
}

/**
 * Reads INPS data. `fetch` answers one fact of the port contract for the given parameters; the engine
 * validates the answer against the contract before any rule sees it.
 *
 * @example
 * const dataPort: DataPort = { fetch: (fact, params, { signal }) => myApi.get(fact, params, { signal }) };
 */
export interface DataPort {
  fetch(fact: string, params: Readonly<Record<string, unknown>>, context: PortCallContext): Promise<unknown>;
}

/** One operation the action port is asked to perform. */
export interface ActionCall {
  readonly requestId: string;
  readonly operationId: string;
  readonly action: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** `<requestId>:<operationId>`: performing twice with the same key must have no second effect. */
  readonly idempotencyKey: string;
}

/** What the action port did with an operation. */
export interface ActionOutcome {
  /** `ALREADY_PERFORMED` when the idempotency key had been seen before. */
  readonly status: 'PERFORMED' | 'ALREADY_PERFORMED';
  /** Anything worth showing in the operator view (identifiers, before/after values). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Performs the operations of an accepted request (revoke a delega, replace a PEC, ...). */
export interface ActionPort {
  perform(call: ActionCall, context: PortCallContext): Promise<ActionOutcome>;
}

/** The source of "now"; injected so that decisions are reproducible. */
export interface Clock {
  now(): Date;
}

/** Where the engine reports what it does; defaults to silence. */
export interface Logger {
  debug(message: string, data?: Readonly<Record<string, unknown>>): void;
  warn(message: string, data?: Readonly<Record<string, unknown>>): void;
}

const PORT_ERROR = Symbol.for('smart-task.port-error');

/**
 * Thrown (or rejected with) by a port to describe its failure. Anything else a port throws is treated
 * as a retryable technical failure. Recognised by a brand, not by `instanceof`, so a `PortError` made
 * by another copy of the library (the CommonJS build, a bundled copy) keeps its code and retryability.
 */
export class PortError extends Error {
  override readonly name = 'PortError';
  readonly [PORT_ERROR] = true;
  constructor(
    message: string,
    readonly code: 'UNAVAILABLE' | 'TIMEOUT' | 'ERROR' = 'ERROR',
    readonly retryable = true,
  ) {
    super(message);
  }
}

/**
 * True when `value` is a {@link PortError}, also one made by another copy of the library. Never throws,
 * whatever `value` is (a Proxy, an object whose getters throw).
 *
 * @example
 * if (isPortError(error) && !error.retryable) handToSede(error.message);
 */
export function isPortError(value: unknown): value is PortError {
  try {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PORT_ERROR] === true;
  } catch {
    return false;
  }
}
