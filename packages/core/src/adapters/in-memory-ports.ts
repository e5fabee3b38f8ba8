import type { FixtureEntry, PortFixture } from '@smart-task/schemas';
import { canonicalJson } from '../json/canonical-hash.js';
import { PortError, type ActionCall, type ActionOutcome, type ActionPort, type DataPort, type PortCallContext } from '../port.js';

/** A data port answering from a fixture, with a log of every call. */
export interface InMemoryDataPort extends DataPort {
  /** Every call received, in order: fact and parameters. */
  readonly calls: readonly { readonly fact: string; readonly params: Readonly<Record<string, unknown>> }[];
}

/** An action port that records operations and honours idempotency keys. */
export interface InMemoryActionPort extends ActionPort {
  /** Every call received, in order (also those answered ALREADY_PERFORMED). */
  readonly calls: readonly ActionCall[];
  /** The operations that took effect, once per idempotency key. */
  readonly performed: readonly ActionCall[];
}

function paramsMatch(entry: FixtureEntry, params: Readonly<Record<string, unknown>>): boolean {
  if (!entry.params) return true;
  for (const key in entry.params) {
    const value = entry.params[key];
    // The same value is the same text; only values that differ as values are compared as canonical JSON.
    if (params[key] !== value && canonicalJson(params[key]) !== canonicalJson(value)) return false;
  }
  return true;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Creates a data port that answers from a fixture: for each fact, the first entry whose `params` all
 * equal the call's. An entry can delay (`delayMs`) or fail (`fail`); a call no entry answers fails with a
 * non-retryable error naming the fact and parameters.
 *
 * @example
 * const dataPort = createInMemoryDataPort({ facts: { posizioneContributiva: [{ params: { matricola: '1234567860' }, result: null }] } });
 */
export function createInMemoryDataPort(fixture: PortFixture): InMemoryDataPort {
  const calls: { fact: string; params: Readonly<Record<string, unknown>> }[] = [];
  return {
    calls,
    async fetch(fact: string, params: Readonly<Record<string, unknown>>, context: PortCallContext): Promise<unknown> {
      calls.push({ fact, params });
      const entry = fixture.facts[fact]?.find((candidate) => paramsMatch(candidate, params));
      if (!entry) throw new PortError(`the fixture has no answer for ${fact}(${canonicalJson(params)})`, 'ERROR', false);
      if (entry.delayMs) await wait(entry.delayMs, context.signal);
      if (entry.fail) throw new PortError(entry.fail.message ?? `${fact} failed (${entry.fail.code})`, entry.fail.code, entry.fail.retryable ?? true);
      return entry.result;
    },
  };
}

/** Creates an action port that records operations; `fixture.actions` can make an action fail or give the details it returns. */
export function createInMemoryActionPort(fixture: PortFixture = { facts: {} }): InMemoryActionPort {
  const calls: ActionCall[] = [];
  const performed: ActionCall[] = [];
  const keys = new Set<string>();
  return {
    calls,
    performed,
    async perform(call: ActionCall): Promise<ActionOutcome> {
      calls.push(call);
      const answer = fixture.actions?.[call.action];
      const failure = answer?.fail;
      if (failure) throw new PortError(failure.message ?? `${call.action} failed (${failure.code})`, failure.code, failure.retryable ?? true);
      const details = answer?.details !== undefined ? { details: answer.details } : {};
      if (keys.has(call.idempotencyKey)) return { status: 'ALREADY_PERFORMED', ...details };
      keys.add(call.idempotencyKey);
      performed.push(call);
      return { status: 'PERFORMED', ...details };
    },
  };
}

/** Combines two fixtures: for each fact, the override's entries are tried before the base's. */
export function mergeFixtures(base: PortFixture | undefined, override: PortFixture | undefined): PortFixture {
  const facts: Record<string, FixtureEntry[]> = {};
  for (const source of [override, base]) {
    for (const [fact, entries] of Object.entries(source?.facts ?? {})) facts[fact] = [...(facts[fact] ?? []), ...entries];
  }
  return { facts, actions: { ...base?.actions, ...override?.actions } };
}
