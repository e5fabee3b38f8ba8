import { isPortError, type PortError } from '../port.js';
import { DeadlineExceeded } from './call-with-deadline.js';
import { read } from '../json/read-safely.js';

/** What the engine takes from a port's rejection: its code, whether a retry can help, and a message. */
export interface PortFailure {
  readonly code: PortError['code'];
  readonly retryable: boolean;
  readonly message: string;
}

const CODES: ReadonlySet<unknown> = new Set<PortError['code']>(['UNAVAILABLE', 'TIMEOUT', 'ERROR']);

/** The longest part of a thrown value's text that goes into a message. */
const MAX_MESSAGE_LENGTH = 500;

function clip(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

/**
 * The text of anything thrown or rejected with: its `message` when it is a non-empty string, else its
 * string form, cut to 500 characters. Never throws, whatever the value is (a Proxy, getters that throw).
 */
export function describeThrown(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const message = read(error, 'message');
    if (typeof message === 'string' && message !== '') return clip(message);
  }
  try {
    return clip(String(error));
  } catch {
    return 'a value that cannot be read';
  }
}

/** True when `error` is the deadline of {@link callWithDeadline}; never throws. */
export function isDeadlineExceeded(error: unknown): error is DeadlineExceeded {
  try {
    return error instanceof DeadlineExceeded;
  } catch {
    return false;
  }
}

/**
 * Reads a port's rejection: a {@link PortError} of any copy of the library gives its code and
 * retryability (a code or `retryable` the library does not know gives `ERROR`, retryable); anything
 * else is a retryable `ERROR`. Never throws.
 */
export function readPortFailure(error: unknown): PortFailure {
  const message = describeThrown(error);
  if (!isPortError(error)) return { code: 'ERROR', retryable: true, message };
  const code = read(error, 'code');
  const retryable = read(error, 'retryable');
  return { code: CODES.has(code) ? (code as PortError['code']) : 'ERROR', retryable: typeof retryable === 'boolean' ? retryable : true, message };
}
