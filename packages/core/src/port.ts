/**
 * The ports: the only way the engine and the request lifecycle reach the outside world. Adapters
 * implement these interfaces; the engine and the lifecycle never import an adapter.
 */
import type { LifecycleRequest } from './lifecycle/request-state.js';
import type { NotificationMessage } from './notifications/notification-message.js';
import type { RequestPage, RequestQuery } from './request-list/request-query.js';

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

/**
 * Where the host keeps requests. `save` uses optimistic concurrency: it stores the request only when
 * the stored version is still `request.version` (0 for a new request), and returns it with the version
 * incremented; otherwise it throws `versionConflict(…)` (`VERSION_CONFLICT`). `list` filters, sorts
 * newest first and paginates as `selectRequests` does.
 *
 * @example
 * const repository: RequestRepository = createInMemoryRequestRepository(); // in production: your database adapter
 */
export interface RequestRepository {
  get(protocollo: string): Promise<LifecycleRequest | undefined>;
  save(request: LifecycleRequest): Promise<LifecycleRequest>;
  list(query?: RequestQuery): Promise<RequestPage>;
}

/**
 * Delivers notices (e-mail gateway, PEC provider, SMS gateway). Called from the notification outbox,
 * after the state the notice announces is saved, within a deadline: a failure or a hang is retried
 * later and never changes or holds the request.
 *
 * An attempt that never reported back (its deadline ran out, or its process stopped between the
 * gateway's answer and the outbox) may have been delivered. Before such a notice is tried again the
 * outbox asks {@link NotificationPort.wasSent}, when the port has it, and sends only if the gateway
 * has no notice with that id: no notice is sent twice. A port without `wasSent` gets the notice again
 * (at least once) and should drop the second copy by `message.id`, the notice's stable id.
 *
 * @example
 * const notifications: NotificationPort = {
 *   send: (message, { signal }) => mailer.send(message.to, message.subject, message.body, { headers: { 'Message-ID': message.id }, signal }),
 *   wasSent: (messageId, { signal }) => mailer.hasMessage(messageId, { signal }),
 * };
 */
export interface NotificationPort {
  /** Hands the notice to the gateway; resolves once the gateway has accepted it. */
  send(message: NotificationMessage, context: { readonly signal: AbortSignal }): Promise<void>;
  /**
   * True when the gateway has accepted a notice with this id (`NotificationMessage.id`). Asked, within
   * the same deadline as `send`, before a notice whose earlier attempt never reported back is sent
   * again; a failure here counts as a failed attempt, and nothing is sent.
   */
  wasSent?(messageId: string, context: { readonly signal: AbortSignal }): Promise<boolean>;
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
