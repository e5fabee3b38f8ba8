import type { ValidateFunction } from 'ajv';
import type { FactDeclaration, FactReference, ParamValue, Profilo, Subject } from '@smart-task/schemas';
import { portCallKey } from './port-call-key.js';
import { resolvePath } from '../json/path.js';
import type { DataPort, PortCallContext } from '../port.js';
import { valueInForceOn } from '../vocabulary/dated-values.js';
import type { FactHelperDefinition } from '../vocabulary/fact-helpers.js';
import { PREFETCH_FACT, isBuiltInFact, isFactReference, type BuiltInFact } from '../compile/fact-graph.js';
import { CallsUnderDeadline } from './call-with-deadline.js';
import { describeThrown, isDeadlineExceeded, readPortFailure } from './port-failure.js';
import type { PortCallRecord, TechnicalError } from './decision.js';
import { describeAjvErrors } from './ajv-errors.js';
import type { JsonBounds } from '../json/json-bounds.js';
import { answerBoundsProblem } from './port-answer-bounds.js';
import type { ValidatorsByName } from '../validation/compiled-on-first-use.js';

/** Built-in facts the decision records in fields of their own. */
const RECORDED_APART: ReadonlySet<string> = new Set(['request', 'subject', 'requestId', 'task', 'requesters', PREFETCH_FACT]);

/** Marks a fact whose value could not be obtained; never reaches a verdict. */
export const FACT_FAILED: unique symbol = Symbol('smart-task.fact-failed');

/** What the context needs to know about the port and the vocabulary, prepared once per engine. */
export interface FactResolvers {
  readonly declarations: Readonly<Record<string, FactDeclaration>>;
  readonly helpers: ReadonlyMap<string, FactHelperDefinition>;
  readonly helperArgsValidators: ReadonlyMap<string, ValidateFunction>;
  readonly portParamsValidators: ValidatorsByName;
  readonly portResultValidators: ValidatorsByName;
  /** The bounds a port answer must keep before it is validated (see `EngineLimits`). */
  readonly answerBounds: JsonBounds;
  /** The port facts to fetch when the checks start, if their parameters are known by then (see `prefetchedFacts`). */
  readonly prefetched: readonly string[];
}

/** The per-evaluation inputs. */
export interface EvaluationInputs {
  readonly requestId: string;
  readonly taskId: string;
  readonly requesters: readonly Profilo[];
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly today: string;
  readonly submittedOn: string;
  readonly dataPort: DataPort;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** Resolved parameters, or {@link FACT_FAILED} when a fact they reference could not be had. */
export type ResolvedParams = Record<string, unknown> | typeof FACT_FAILED;

/** A port call started: when, and the promise of its answer. */
interface StartedCall {
  readonly started: number;
  readonly answer: Promise<unknown>;
}

/** A parameter: its name, its written value, and the reference when the value is one. */
type ParameterEntry = readonly [string, ParamValue, FactReference | undefined];

/** The entries of each parameter object of the rule sets, worked out once (the objects never change). */
const entriesByParams = new WeakMap<object, readonly ParameterEntry[]>();

function parameterEntries(params: Readonly<Record<string, ParamValue>>): readonly ParameterEntry[] {
  let entries = entriesByParams.get(params);
  if (entries === undefined) {
    entries = Object.entries(params).map(([key, value]) => [key, value, isFactReference(value) ? value : undefined] as const);
    entriesByParams.set(params, entries);
  }
  return entries;
}

/** True for a promise or any other thenable: a value to wait for. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value instanceof Promise || (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function');
}

/** `next(value)` now when the value is known, after it settles when it is a promise. */
function whenResolved<T, R>(value: T | Promise<T>, next: (resolved: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** The `on` selector of a dated-values fact as parameters, one object per declaration. */
const selectorsByDeclaration = new WeakMap<object, Readonly<Record<string, ParamValue>>>();

function selectorParams(declaration: { readonly on: FactReference }): Readonly<Record<string, ParamValue>> {
  let params = selectorsByDeclaration.get(declaration);
  if (params === undefined) {
    params = { on: declaration.on };
    selectorsByDeclaration.set(declaration, params);
  }
  return params;
}

function followReference(value: unknown, reference: FactReference): unknown {
  return value === FACT_FAILED ? FACT_FAILED : resolvePath(value, reference.path);
}

function assembleParams(entries: readonly ParameterEntry[], values: readonly unknown[]): ResolvedParams {
  const result: Record<string, unknown> = {};
  for (let index = 0; index < entries.length; index += 1) {
    const value = values[index];
    if (value === FACT_FAILED) return FACT_FAILED;
    if (value !== undefined) result[(entries[index] as ParameterEntry)[0]] = value;
  }
  return result;
}

/**
 * The facts of one evaluation: resolved lazily when a rule first reads them, each port call made at most
 * once (memoised by fact and parameters), with a timeout and an AbortSignal, answers validated against
 * the port contract, and every call recorded. The first failure aborts the calls still running.
 */
export class EvaluationContext {
  readonly portCalls: PortCallRecord[] = [];
  failure: { readonly error: TechnicalError; readonly retryable: boolean } | undefined;
  private readonly values = new Map<string, Promise<unknown>>();
  private readonly settled = new Map<string, unknown>();
  private readonly portMemo = new Map<string, Promise<unknown>>();
  /** The answer of every port call started, by port fact and parameters: a call is made once. */
  private readonly answers = new Map<string, StartedCall>();
  private readonly calls: CallsUnderDeadline;
  /** What every port call of this evaluation is given: the signal is made only if a port reads it. */
  private readonly portContext: PortCallContext;
  private readonly builtIns: Readonly<Record<BuiltInFact, unknown>>;
  private readonly startedAt = performance.now();

  constructor(
    private readonly resolvers: FactResolvers,
    private readonly inputs: EvaluationInputs,
  ) {
    this.calls = new CallsUnderDeadline(inputs.timeoutMs);
    this.portContext = this.calls.portContext(inputs.requestId);
    this.builtIns = {
      request: inputs.data,
      subject: inputs.subject,
      today: inputs.today,
      submittedOn: inputs.submittedOn,
      requestId: inputs.requestId,
      task: inputs.taskId,
      requesters: inputs.requesters,
    };
    if (inputs.signal) {
      if (inputs.signal.aborted) this.fail({ code: 'ABORTED', message: 'The evaluation was cancelled before it started.' }, true);
      else inputs.signal.addEventListener('abort', this.onHostAbort, { once: true });
    }
  }

  private readonly onHostAbort = () => this.fail({ code: 'ABORTED', message: 'The evaluation was cancelled by the host.' }, true);

  /**
   * Stops listening to the host's signal (a host may reuse one signal) and aborts the port calls still
   * running, which nothing needs any more (a fetch started ahead whose fact was not read); call when
   * the evaluation is over.
   */
  close(): void {
    this.inputs.signal?.removeEventListener('abort', this.onHostAbort);
    this.calls.close(() => new Error('The evaluation is over; nothing needs this answer.'));
  }

  /** The AbortSignal shared by this evaluation's port calls. */
  get signal(): AbortSignal {
    return this.calls.signal;
  }

  /** Records the first failure and aborts everything still running. */
  fail(error: TechnicalError, retryable: boolean): void {
    if (this.failure) return;
    this.failure = { error, retryable };
    this.calls.abort(new Error(error.message));
  }

  /** The value of a fact, fetching or computing it on first use; {@link FACT_FAILED} when it could not be had. */
  valueOf(name: string): Promise<unknown> {
    let value = this.values.get(name);
    if (value === undefined) {
      let computed: unknown;
      try {
        computed = this.compute(name);
      } catch (error) {
        computed = Promise.reject(error);
      }
      if (isThenable(computed)) {
        value = Promise.resolve(computed).then((result) => {
          this.settled.set(name, result);
          return result;
        });
      } else {
        // Known at once (a built-in, a helper or dated value over known facts): settled now, so that
        // `read` answers it without a promise.
        this.settled.set(name, computed);
        value = Promise.resolve(computed);
      }
      this.values.set(name, value);
    }
    return value;
  }

  /**
   * The value of a fact when it is known now (a built-in, or one already settled), else the promise
   * {@link valueOf} gives: an evaluator need not wait for what it already has.
   */
  read(name: string): unknown {
    if (this.settled.has(name)) return this.settled.get(name);
    if (!isBuiltInFact(name)) return this.valueOf(name);
    const value = this.builtIns[name];
    this.settled.set(name, value);
    this.values.set(name, Promise.resolve(value));
    return value;
  }

  /** A fact value already obtained (`undefined` when it was never read or failed). */
  settledValue(name: string): unknown {
    const value = isBuiltInFact(name) ? this.builtIns[name] : this.settled.get(name);
    return value === FACT_FAILED ? undefined : value;
  }

  /** True when the fact was read and could not be obtained. */
  hasFailed(name: string): boolean {
    return this.settled.get(name) === FACT_FAILED;
  }

  /**
   * Every fact read successfully, by name in alphabetical order (not in the order the answers came):
   * the data the decision used (request and subject are recorded apart).
   */
  factsUsed(): Record<string, unknown> {
    const names: string[] = [];
    for (const [name, value] of this.settled) if (value !== FACT_FAILED && !RECORDED_APART.has(name)) names.push(name);
    names.sort();
    const used: Record<string, unknown> = {};
    for (const name of names) used[name] = this.settled.get(name);
    return used;
  }

  /**
   * Resolves parameter values: literals as they are, references through {@link read} (all of them
   * requested before any is awaited). Answers at once when every referenced fact is known; a promise
   * otherwise.
   */
  resolveParams(params: Readonly<Record<string, ParamValue>>): ResolvedParams | Promise<ResolvedParams> {
    const entries = parameterEntries(params);
    let pending = false;
    const values = entries.map(([, value, reference]) => {
      if (reference === undefined) return value;
      const read = this.read(reference.fact);
      if (!(read instanceof Promise)) return followReference(read, reference);
      pending = true;
      return read.then((settled) => followReference(settled, reference));
    });
    return pending ? Promise.all(values).then((settled) => assembleParams(entries, settled)) : assembleParams(entries, values);
  }

  /** The value of a fact, or a promise of it while something it needs is pending. */
  private compute(name: string): unknown {
    if (isBuiltInFact(name)) return this.builtIns[name];
    if (name === PREFETCH_FACT) {
      this.prefetch();
      return true;
    }
    const declaration = Object.prototype.hasOwnProperty.call(this.resolvers.declarations, name) ? this.resolvers.declarations[name] : undefined;
    if (!declaration) {
      this.fail({ code: 'RULE_ERROR', message: `Fact "${name}" is not declared.`, fact: name }, false);
      return FACT_FAILED;
    }
    if (this.failure) return FACT_FAILED;
    if ('port' in declaration) return whenResolved(this.resolveParams(declaration.params), (params) => (params === FACT_FAILED ? FACT_FAILED : this.callPort(name, declaration.port, params)));
    if ('inForce' in declaration) return whenResolved(this.resolveParams(selectorParams(declaration)), (selector) => (selector === FACT_FAILED ? FACT_FAILED : valueInForceOn(declaration.inForce, selector.on)));
    return whenResolved(this.resolveParams(declaration.args), (args) => (args === FACT_FAILED ? FACT_FAILED : this.computeHelper(name, declaration.helper, args)));
  }

  private computeHelper(name: string, helper: string, args: Record<string, unknown>): unknown {
    const validate = this.resolvers.helperArgsValidators.get(helper) as ValidateFunction;
    if (!validate(args)) {
      this.fail({ code: 'HELPER_FAILED', message: `Helper "${helper}" for fact "${name}" got invalid arguments ${JSON.stringify(args)}: ${describeAjvErrors(validate)}.`, fact: name }, false);
      return FACT_FAILED;
    }
    try {
      return (this.resolvers.helpers.get(helper) as FactHelperDefinition).compute(args);
    } catch (error) {
      this.fail({ code: 'HELPER_FAILED', message: `Helper "${helper}" for fact "${name}" failed: ${describeThrown(error)}`, fact: name }, false);
      return FACT_FAILED;
    }
  }

  private callPort(name: string, port: string, params: Record<string, unknown>): Promise<unknown> {
    const key = portCallKey(port, params);
    let call = this.portMemo.get(key);
    if (call === undefined) {
      call = this.fetchFromPort(name, port, params, key);
      this.portMemo.set(key, call);
    }
    return call;
  }

  /**
   * Starts the port calls of the facts only texts need (`FactResolvers.prefetched`) whose parameters
   * are known now, without waiting for them. Nothing is judged or recorded until the fact is read: an
   * answer nobody reads, or a failure of one, changes nothing (the call is aborted when the evaluation
   * is over); a parameter not known yet, or invalid, is left to the read that needs it.
   */
  private prefetch(): void {
    if (this.failure) return;
    for (const name of this.resolvers.prefetched) {
      const declaration = this.resolvers.declarations[name];
      if (this.values.has(name) || declaration === undefined || !('port' in declaration)) continue;
      const params = this.knownParams(declaration.params);
      const validate = this.resolvers.portParamsValidators.get(declaration.port);
      if (params === undefined || (validate && !validate(params))) continue;
      // Started, not awaited: the read that needs the fact awaits the same answer; a failure nobody reads is dropped.
      this.start(portCallKey(declaration.port, params), declaration.port, params).answer.catch(() => undefined);
    }
  }

  /** The parameters, when every fact they reference is known without reading anything new. */
  private knownParams(params: Readonly<Record<string, ParamValue>>): Record<string, unknown> | undefined {
    const entries = parameterEntries(params);
    const values: unknown[] = [];
    for (const [, value, reference] of entries) {
      if (reference === undefined) values.push(value);
      else if (isBuiltInFact(reference.fact)) values.push(resolvePath(this.builtIns[reference.fact], reference.path));
      else if (this.settled.has(reference.fact)) values.push(followReference(this.settled.get(reference.fact), reference));
      else return undefined;
    }
    const assembled = assembleParams(entries, values);
    return assembled === FACT_FAILED ? undefined : assembled;
  }

  /** The port call, started at most once per evaluation. */
  private start(key: string, port: string, params: Record<string, unknown>): StartedCall {
    let call = this.answers.get(key);
    if (call === undefined) {
      const started = performance.now();
      call = { started, answer: this.calls.call(() => this.inputs.dataPort.fetch(port, params, this.portContext), started) };
      this.answers.set(key, call);
    }
    return call;
  }

  /** Records a port call as it ended: what was asked, when, how long it took, and its outcome with `details`. */
  private recordCall(port: string, params: Record<string, unknown>, started: number, outcome: PortCallRecord['outcome'], details: Partial<PortCallRecord>): void {
    this.portCalls.push({ fact: port, params, startedAtMs: started - this.startedAt, durationMs: performance.now() - started, outcome, ...details });
  }

  private async fetchFromPort(name: string, port: string, params: Record<string, unknown>, key: string): Promise<unknown> {
    const validateParams = this.resolvers.portParamsValidators.get(port);
    if (validateParams && !validateParams(params)) {
      this.fail({ code: 'FACT_PARAMS_INVALID', message: `Fact "${name}" would call the port fact "${port}" with invalid parameters ${JSON.stringify(params)}: ${describeAjvErrors(validateParams)}.`, fact: name }, false);
      return FACT_FAILED;
    }
    const { started, answer } = this.start(key, port, params);
    let response: unknown;
    try {
      response = await answer;
    } catch (error) {
      const timedOut = isDeadlineExceeded(error);
      if (this.failure && !timedOut) {
        this.recordCall(port, params, started, 'ABORTED', { error: 'aborted after an earlier failure' });
        return FACT_FAILED;
      }
      const failure = readPortFailure(error);
      const code: 'PORT_TIMEOUT' | 'PORT_UNAVAILABLE' | 'PORT_ERROR' = timedOut || failure.code === 'TIMEOUT' ? 'PORT_TIMEOUT' : failure.code === 'UNAVAILABLE' ? 'PORT_UNAVAILABLE' : 'PORT_ERROR';
      const message = timedOut ? `The data port did not answer "${port}" within ${this.inputs.timeoutMs} ms.` : `The data port failed on "${port}": ${failure.message}`;
      const retryable = timedOut || failure.retryable;
      this.recordCall(port, params, started, code === 'PORT_TIMEOUT' ? 'TIMEOUT' : 'ERROR', { error: message, errorCode: code, retryable });
      this.fail({ code, message, fact: name }, retryable);
      return FACT_FAILED;
    }
    const refused = answerBoundsProblem(response, this.resolvers.answerBounds);
    if (refused) {
      // Not recorded: it is too large or not JSON. A replay answers a violation recorded without its response with NaN, refused the same way.
      const message = `The data port answered "${port}" with data refused before it was checked against the port contract: ${refused}.`;
      this.recordCall(port, params, started, 'CONTRACT_VIOLATION', { error: message });
      this.fail({ code: 'PORT_CONTRACT_VIOLATION', message, fact: name }, false);
      return FACT_FAILED;
    }
    const validate = this.resolvers.portResultValidators.get(port);
    if (validate && !validate(response)) {
      const message = `The data port answered "${port}" with data that violates the port contract: ${describeAjvErrors(validate)}.`;
      this.recordCall(port, params, started, 'CONTRACT_VIOLATION', { error: message, response });
      this.fail({ code: 'PORT_CONTRACT_VIOLATION', message, fact: name }, false);
      return FACT_FAILED;
    }
    // The usual outcome, built in one go: the keys of `recordCall`, in its order.
    this.portCalls.push({ fact: port, params, startedAtMs: started - this.startedAt, durationMs: performance.now() - started, outcome: 'OK', response });
    return response;
  }
}
