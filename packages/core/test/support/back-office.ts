import type { PortFixture } from '@smart-task/schemas';
import { canonicalJson } from '../../src/json/canonical-hash.js';
import type { ActionCall, ActionOutcome, ActionPort, DataPort, PortCallContext } from '../../src/index.js';
import { PortError } from '../../src/index.js';
import { createInMemoryDataPort } from '../../src/entries/testing.js';

/** Where an operation's fault strikes: before the back office acts, or after it acted (the answer is then lost or wrong). */
export type FaultMoment = 'before' | 'after';

/** What goes wrong at an operation. */
export type OperationFaultKind = 'throw' | 'hang' | 'bad-outcome' | 'crash' | 'record-save-fails';

/** A fault on the `index`-th planned operation, the first time it is called (or every time, when `persistent`). */
export interface OperationFault {
  readonly kind: OperationFaultKind;
  readonly moment: FaultMoment;
  readonly index: number;
  readonly persistent?: boolean;
}

/** Never settles: a call whose answer never comes (the engine's deadline ends the wait). */
export const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * A fake INPS back office for one request: the data port answers from the case's fixture until an
 * operation took effect; from then on the archive has changed, and every read is counted and refused
 * (a lifecycle that evaluated again would read a world its own operations changed). The action port
 * keeps an idempotency ledger: an effect is applied once per operation (by action and parameters);
 * a call with a key already seen answers `ALREADY_PERFORMED`; `effects` counts effects per operation,
 * whatever key the call carried.
 */
export class FakeBackOffice {
  /** Effects applied, by `action(params)`. */
  readonly effects = new Map<string, number>();
  /** Idempotency keys seen, with the outcome given the first time. */
  private readonly keys = new Set<string>();
  /** Data-port reads after the first effect: must stay 0. */
  readsAfterEffect = 0;
  /** Calls to the action port, by operation id. */
  readonly calls = new Map<string, number>();
  private readonly fixtureData: DataPort;

  constructor(
    fixture: PortFixture,
    private readonly plannedIds: readonly string[],
    private readonly fault: OperationFault | undefined,
    /** Called when the fault is a crash: the process performing the call stops. */
    private readonly onCrash: () => void,
    /** Called when an operation's record must fail to save (fault `record-save-fails`). */
    private readonly onRecordSaveFault: () => void,
  ) {
    this.fixtureData = createInMemoryDataPort(fixture);
    this.actions = fixture.actions ?? {};
  }

  private readonly actions: NonNullable<PortFixture['actions']>;

  readonly dataPort: DataPort = {
    fetch: (fact: string, params: Readonly<Record<string, unknown>>, context: PortCallContext) => {
      if (this.effects.size > 0) {
        this.readsAfterEffect += 1;
        return Promise.reject(new PortError(`the archive changed after the request's operations: ${fact} read again`, 'ERROR', false));
      }
      return this.fixtureData.fetch(fact, params, context);
    },
  };

  private apply(call: ActionCall): ActionOutcome {
    const details = this.actions[call.action]?.details;
    const withDetails = details !== undefined ? { details } : {};
    if (this.keys.has(call.idempotencyKey)) return { status: 'ALREADY_PERFORMED', ...withDetails };
    this.keys.add(call.idempotencyKey);
    const effect = `${call.action}(${canonicalJson(call.params)})`;
    this.effects.set(effect, (this.effects.get(effect) ?? 0) + 1);
    return { status: 'PERFORMED', ...withDetails };
  }

  readonly actionPort: ActionPort = {
    perform: async (call: ActionCall): Promise<ActionOutcome> => {
      const count = (this.calls.get(call.operationId) ?? 0) + 1;
      this.calls.set(call.operationId, count);
      const fault = this.fault;
      const strikes = fault !== undefined && this.plannedIds[fault.index] === call.operationId && (count === 1 || fault.persistent === true);
      if (!strikes || !fault) return this.apply(call);
      const acted = fault.moment === 'after' || fault.kind === 'bad-outcome' || fault.kind === 'record-save-fails' ? this.apply(call) : undefined;
      switch (fault.kind) {
        case 'throw':
          throw new PortError(`back office unavailable while ${fault.moment === 'after' ? 'answering' : 'receiving'} ${call.action}`, 'UNAVAILABLE', true);
        case 'hang':
          return never();
        case 'bad-outcome':
          return { status: 'BOGUS', details: 'not-an-object' } as unknown as ActionOutcome;
        case 'crash':
          this.onCrash();
          return never();
        case 'record-save-fails':
          this.onRecordSaveFault();
          return acted as ActionOutcome;
      }
    },
  };

  /** The effects applied for each planned operation's action and parameters, in plan order. */
  effectCounts(planned: readonly { readonly action: string; readonly params: Readonly<Record<string, unknown>> }[]): number[] {
    return planned.map((operation) => this.effects.get(`${operation.action}(${canonicalJson(operation.params)})`) ?? 0);
  }
}
