import type { ValidateFunction } from 'ajv';
import type { CatalogDocument, PortContractDocument, Profilo, RuleSetDocument, Subject, TaskStatus } from '@smart-task/schemas';
import type { Catalog, TaskDefinition } from './catalog/catalog.js';
import { withContractDefinitions } from './catalog/check-json-schemas.js';
import { loadCatalog } from './catalog/load-catalog.js';
import { compileRuleSet, type CompiledRuleSet, type EvaluatorName } from './compile/compile-rule-set.js';
import { SmartTaskError, issue } from './errors.js';
import { completeEvaluation } from './evaluate/complete-evaluation.js';
import type { EvaluationResult, TechnicalFailure } from './evaluate/decision.js';
import { EvaluationContext, type FactResolvers } from './evaluate/evaluation-context.js';
import { performPlannedOperations, type OperationsOutcome, type OperationsPlan, type PerformHooks } from './evaluate/perform-operations.js';
import { decideIstruttoria, evaluateRules, type DependencyHashes, type RulesObserver } from './evaluate/run-istruttoria.js';
import { unavailableForm, type ComposedForm } from './form/composed-form.js';
import { composeForm } from './form/compose-form.js';
import { compileHiddenFieldPruner, type HiddenFieldPruner } from './request-schema/prune-hidden.js';
import { contentHash } from './json/canonical-hash.js';
import { createAjv, type Ajv } from './formats/create-ajv.js';
import { textIn, type MessageLocale } from './text/message-locale.js';
import { createMessages, type MessageOverrides, type Messages } from './messages/messages.js';
import type { ActionPort, Clock, DataPort, Logger } from './port.js';
import { compileRequestValidator, invalidRequestData, type RequestValidation, type RequestValidator } from './validation/request-validator.js';
import { DEFAULT_TIME_ZONE, isoDateInTimeZone } from './calendar/iso-dates.js';
import { createVocabulary, type VocabularyExtensions } from './vocabulary/vocabulary.js';
import { DEFAULT_LIMITS, type EngineLimits } from './limits/engine-limits.js';
import { answerBoundsOf } from './evaluate/port-answer-bounds.js';
import { checkEngineOptions } from './validation/check-engine-options.js';
import { compiledOnFirstUse, madeOnFirstUse } from './validation/compiled-on-first-use.js';
import { checkCallOptions, checkDataToPrune, checkIsoDate, checkOperationsPlan, checkRequest, checkSubject, describeValue, requestBoundsOf } from './validation/check-request.js';

/** A request to evaluate: who files it, on which position (`subject`), with which data. */
export interface SmartTaskRequest {
  /** The host's id of the request (e.g. its protocol number); part of every idempotency key. */
  readonly requestId: string;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  /** ISO date-time of submission; defaults to the clock. Chooses the rule-set version in force. */
  readonly submittedAt?: string;
}

/** A task as `listTasks` offers it. */
export interface TaskSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly status: TaskStatus;
  readonly version: string;
  readonly requesters: readonly Profilo[];
}

/** Whether a planned task is switched on: `true`, or from a date (`{ from: 'YYYY-MM-DD' }`). */
export type PlannedTaskActivation = boolean | { readonly from: string };

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** A loaded catalog, or the documents to load (a broken document throws a {@link SmartTaskError} with its issues). */
  readonly catalog: Catalog | readonly CatalogDocument[];
  /**
   * When `catalog` is documents: `'auto'` (the default) skips the content-only checks of the documents
   * `@smart-task/schemas` and `@smart-task/rules` export, as exported, which their build-check record
   * vouches for; `'always'` checks every document in full. See `LoadCatalogOptions.verify`.
   */
  readonly verify?: 'auto' | 'always';
  readonly dataPort: DataPort;
  readonly actionPort: ActionPort;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Language of forms and task lists; defaults to Italian. A locale of the host's own needs its texts in `messages`. */
  readonly locale?: MessageLocale;
  /**
   * The host's wording of the library's own texts (forms, request validation, views, and the notices
   * and state labels of a lifecycle built on this engine), per locale and code, on top of the built-in
   * Italian and English; a locale of the host's own is added the same way, Italian filling what it
   * lacks. Checked when the engine is created (`INVALID_MESSAGES`). See {@link SmartTaskEngine.messages}.
   *
   * @example
   * createEngine({ catalog, dataPort, actionPort, messages: { en: { 'form.NO_OPTIONS': 'Nothing to choose from yet.' } } });
   */
  readonly messages?: MessageOverrides;
  /** Time limit of each port call, in milliseconds; defaults to 5000. */
  readonly timeoutMs?: number;
  /** Time zone in which "today" is counted; defaults to Europe/Rome. */
  readonly timeZone?: string;
  /** Planned tasks to offer: `'all'`, or by task id. Planned tasks are not offered otherwise. */
  readonly plannedTasks?: 'all' | Readonly<Record<string, PlannedTaskActivation>>;
  /** Extra operators and fact helpers the rule sets may name. */
  readonly vocabulary?: VocabularyExtensions;
  /**
   * Size limits checked before any work is spent on a value: request ids, subject and data before
   * validation and before any port call (`INVALID_REQUEST`), port answers before they are validated
   * against the contract (`PORT_CONTRACT_VIOLATION`). Each one given replaces its default
   * ({@link DEFAULT_LIMITS}).
   */
  readonly limits?: Partial<EngineLimits>;
  /**
   * What runs the rule sets' conditions: `compiled` (the default), plain functions compiled once from
   * the conditions, or `json-rules-engine`, the reference semantics they are held to (a differential
   * test runs every case of the catalog through both). Same verdicts, reasons, trace and facts read.
   */
  readonly evaluator?: EvaluatorName;
  /** Told of every result (debug) and of every technical failure (warn); silent by default. */
  readonly logger?: Logger;
  /**
   * Told of every istruttoria's evaluated condition tree. For `measureCoverage`; not part of the stable API.
   * @internal
   */
  readonly observeRules?: RulesObserver;
  /**
   * Compile every validator (port contract, request schemas) when the engine is created, not on first
   * use: no evaluation then compiles while its port calls' deadlines run, so its outcome does not
   * depend on which evaluation came first. For `runCases`; not part of the stable API.
   * @internal
   */
  readonly compileAtStart?: boolean;
}

/** Per-call options of the asynchronous engine methods. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** One of the locales of {@link SmartTaskEngine.messages}; defaults to the engine's. */
  readonly locale?: MessageLocale;
}

/** Per-call options of `evaluate`: those of every call, plus a clock and ports for this evaluation only. */
export interface EvaluateOptions extends CallOptions {
  /** The clock of this evaluation instead of the engine's (a replay uses the recorded one). */
  readonly clock?: Clock;
  /** The ports of this evaluation instead of the engine's (a replay answers from the record). */
  readonly ports?: { readonly dataPort: DataPort; readonly actionPort: ActionPort };
}

/** Per-call options of `performOperations`. */
export interface PerformOptions extends PerformHooks {
  /** The action port of this call instead of the engine's (a replay simulates it from the record). */
  readonly actionPort?: ActionPort;
}

/** The engine a host application uses: list tasks, compose forms, validate and evaluate requests. */
export interface SmartTaskEngine {
  readonly catalog: Catalog;
  /**
   * The message table the engine writes with: the built-in texts with the `messages` option on top.
   * Pass it to the views (`toContributorView(result, locale, engine.messages)`); a lifecycle on this
   * engine uses it for notices and state labels.
   */
  readonly messages: Messages;
  /** The tasks `subject` may file today: profile allowed, and active or switched-on planned tasks. */
  listTasks(subject: Subject, options?: { readonly locale?: MessageLocale }): TaskSummary[];
  /** The form of a task for `subject`: what must still be asked, the known data, the UI hints. */
  composeForm(taskId: string, subject: Subject, options?: CallOptions): Promise<ComposedForm>;
  /** Field-level issues of request data, in Italian and English (and each locale of {@link SmartTaskEngine.messages}). */
  validate(taskId: string, data: unknown): RequestValidation;
  /** Drops the values of conditional fields that are hidden. */
  pruneHidden(taskId: string, data: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /**
   * The automated istruttoria of a request, decided and performed in one call: a decision whose
   * operations were all performed, or a technical failure (never a verdict). When the failure came
   * while performing (`OPERATION_FAILED`) it carries the `decision`: resume its pending operations with
   * {@link SmartTaskEngine.performOperations}, never evaluate the request again.
   */
  evaluate(taskId: string, request: SmartTaskRequest, options?: EvaluateOptions): Promise<EvaluationResult>;
  /**
   * Decides a request without performing anything: gates, checks, verdict and — for `ACCOLTA` — the
   * operations it commits to, fully resolved (`plannedOperations`). Record the decision, then perform it.
   */
  decide(taskId: string, request: SmartTaskRequest, options?: EvaluateOptions): Promise<EvaluationResult>;
  /**
   * Performs the operations of a recorded decision that are not yet performed, in order, each with its
   * idempotency key; reads nothing from the data port. Resumable: pass the records of those already
   * performed, and after a crash perform again the one that was in flight (its key makes it harmless).
   */
  performOperations(plan: OperationsPlan, options?: PerformOptions): Promise<OperationsOutcome>;
  /** The rule-set version of a task in force on a date (`YYYY-MM-DD`). */
  ruleSetInForce(taskId: string, date: string): RuleSetDocument | undefined;
}

interface CompiledTask {
  readonly definition: TaskDefinition;
  readonly ruleSets: readonly CompiledRuleSet[];
  readonly validate: RequestValidator;
  readonly prune: HiddenFieldPruner;
  /** The hashes of the request schema and the port contract, computed on first use. */
  readonly dependencyHashes: () => Promise<DependencyHashes>;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * The port contract's validators, each compiled on first use; port answers with `answerAjv`, which
 * stops at the first error.
 */
function portValidators(ajv: Ajv, answerAjv: Ajv, contract: PortContractDocument) {
  const compile = (schema: object) => ajv.compile(withContractDefinitions(schema, contract)) as ValidateFunction;
  const compileAnswer = (schema: object) => answerAjv.compile(withContractDefinitions(schema, contract)) as ValidateFunction;
  const facts = Object.entries(contract.facts);
  const actions = Object.entries(contract.actions);
  return {
    params: compiledOnFirstUse(new Map(facts.map(([name, fact]) => [name, fact.params])), compile),
    results: compiledOnFirstUse(new Map(facts.map(([name, fact]) => [name, fact.result])), compileAnswer),
    actions: compiledOnFirstUse(new Map(actions.map(([name, action]) => [name, action.params])), compile),
    actionResults: compiledOnFirstUse(new Map(actions.flatMap(([name, action]) => (action.result ? [[name, action.result] as const] : []))), compileAnswer),
  };
}

/**
 * Creates the engine: loads (if needed) and compiles the catalog once, then serves every request with
 * the compiled rule sets and validators.
 *
 * @example
 * const engine = createEngine({ catalog: catalogDocuments, dataPort, actionPort });
 * const result = await engine.evaluate('revoca-delega-intermediario', { requestId: 'R-1', subject, data });
 * if (result.kind === 'decision') console.log(result.verdict, result.reasons);
 */
export function createEngine(options: EngineOptions): SmartTaskEngine {
  checkEngineOptions(options);
  const messages = createMessages(options.messages);
  const vocabulary = createVocabulary(options.vocabulary);
  let catalog: Catalog;
  if (Array.isArray(options.catalog)) {
    const loaded = loadCatalog(options.catalog as readonly CatalogDocument[], { vocabulary, ...(options.verify && { verify: options.verify }) });
    if (!loaded.ok) throw new SmartTaskError('The catalog has errors', loaded.issues);
    catalog = loaded.value;
  } else {
    catalog = options.catalog as Catalog;
  }
  const clock = options.clock ?? systemClock;
  const defaultLocale = options.locale ?? 'it';
  const timeoutMs = options.timeoutMs ?? 5000;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const limits: EngineLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const answerBounds = answerBoundsOf(limits);
  const requestBounds = requestBoundsOf(limits);
  const ajv = createAjv();
  const contract = catalog.portContract.document;
  const validators = portValidators(ajv, createAjv({ allErrors: false }), contract);
  if (options.compileAtStart) for (const byName of Object.values(validators)) byName.compileAll();

  const tasks = new Map<string, CompiledTask>();
  const portContractHash = madeOnFirstUse(() => contentHash(contract));
  for (const [id, definition] of catalog.tasks) {
    // Compiled when the task is first validated: a host serving a few tasks compiles only theirs.
    const pruner = madeOnFirstUse(() => compileHiddenFieldPruner(ajv, definition.requestSchema.document));
    const validator = madeOnFirstUse(() => compileRequestValidator(ajv, definition.requestSchema.document, pruner(), requestBounds, messages));
    const requestSchemaHash = madeOnFirstUse(() => contentHash(definition.requestSchema.document));
    if (options.compileAtStart) validator();
    tasks.set(id, {
      definition,
      ruleSets: definition.ruleSets.map(({ file, document }) => compileRuleSet(file, document, vocabulary, options.evaluator)),
      validate: (data) => validator()(data),
      prune: (data) => pruner()(data),
      dependencyHashes: madeOnFirstUse(async () => ({ requestSchema: await requestSchemaHash(), portContract: await portContractHash() })),
    });
  }

  const taskOrThrow = (taskId: string): CompiledTask => {
    const task = typeof taskId === 'string' ? tasks.get(taskId) : undefined;
    if (!task)
      throw new SmartTaskError(`Unknown task ${describeValue(taskId)}`, [
        issue('UNKNOWN_TASK', '<request>', '', `There is no task ${describeValue(taskId)}. Known tasks: ${[...tasks.keys()].join(', ')}.`, { taskId: typeof taskId === 'string' ? taskId.slice(0, 200) : describeValue(taskId) }),
      ]);
    return task;
  };
  const inForce = (task: CompiledTask, date: string) => task.ruleSets.find(({ document }) => document.validFrom <= date && (document.validTo === undefined || document.validTo === null || date <= document.validTo));
  /** The clock's reading; a clock that answers no valid Date is the host's mistake, refused as such. */
  const nowOf = (source: Clock): Date => {
    const now = source.now();
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new SmartTaskError('Invalid clock', [issue('INVALID_ENGINE_OPTION', '<engine>', '/clock', `The clock answered ${describeValue(now)} instead of a valid Date.`)]);
    return now;
  };
  const today = () => isoDateInTimeZone(nowOf(clock), timeZone);
  const resolversFor = (compiled: CompiledRuleSet): FactResolvers => ({
    declarations: compiled.document.facts,
    helpers: vocabulary.helpers,
    helperArgsValidators: vocabulary.helperArgsValidators,
    portParamsValidators: validators.params,
    portResultValidators: validators.results,
    answerBounds,
    prefetched: compiled.prefetched,
  });
  const refuseIfNotOffered = (compiled: CompiledRuleSet | undefined, date: string): void => {
    if (compiled && !isOffered(compiled.document, date)) {
      const id = compiled.document.id;
      throw new SmartTaskError(`Task "${id}" is not offered`, [
        issue('TASK_NOT_OFFERED', '<request>', '', `Task "${id}" is planned and not switched on for ${date}. Enable it with the engine option plannedTasks, or do not offer it.`, { taskId: id, date }),
      ]);
    }
  };
  const isOffered = (document: RuleSetDocument, date: string): boolean => {
    if (document.status === 'active') return true;
    const planned = options.plannedTasks;
    if (planned === 'all') return true;
    const activation = planned?.[document.id];
    return activation === true || (typeof activation === 'object' && activation.from <= date);
  };

  const report = (result: EvaluationResult): void => {
    const summary = { requestId: result.requestId, taskId: result.taskId, ruleSetVersion: result.ruleSet?.version, totalMs: result.timings.totalMs };
    if (result.kind === 'decision') options.logger?.debug('smart-task: decision', { ...summary, verdict: result.verdict, reasons: result.reasons.map((reason) => reason.code) });
    else options.logger?.warn('smart-task: technical failure', { ...summary, code: result.error.code, retryable: result.retryable, message: result.error.message });
  };

  const decide = async (taskId: string, given: SmartTaskRequest, givenOptions?: EvaluateOptions): Promise<EvaluationResult> => {
    const task = taskOrThrow(taskId);
    const request = checkRequest(given, limits);
    const callOptions = checkCallOptions(givenOptions, { locale: true, locales: messages.locales, signal: true, clock: true, ports: true });
    const validation = task.validate(request.data);
    if (!validation.ok) throw invalidRequestData(validation.issues);
    const now = nowOf(callOptions.clock ?? clock);
    const submittedAt = request.submittedAt ?? now.toISOString();
    const submittedOn = isoDateInTimeZone(new Date(submittedAt), timeZone);
    const compiled = inForce(task, submittedOn);
    refuseIfNotOffered(compiled, submittedOn);
    if (!compiled) {
      const failure: TechnicalFailure = {
        kind: 'technical-failure',
        requestId: request.requestId,
        taskId,
        title: task.definition.ruleSets[0]?.document.title ?? { it: taskId, en: taskId },
        subject: request.subject,
        request: request.data,
        submittedAt,
        referenceDate: submittedOn,
        evaluatedAt: now.toISOString(),
        today: isoDateInTimeZone(now, timeZone),
        timeZone,
        gates: [],
        checks: [],
        operations: [],
        facts: {},
        portCalls: [],
        timings: { totalMs: 0, rulesMs: 0, operationsMs: 0 },
        error: { code: 'NO_RULE_SET_IN_FORCE', message: `No version of "${taskId}" is in force on ${submittedOn}. Add a rule-set version covering that date.` },
        retryable: false,
      };
      return failure;
    }
    const result = await decideIstruttoria({
      compiled,
      resolvers: resolversFor(compiled),
      actionParamsValidators: validators.actions,
      dataPort: callOptions.ports?.dataPort ?? options.dataPort,
      requestId: request.requestId,
      taskId,
      subject: request.subject,
      data: task.prune(request.data),
      submittedAt,
      submittedOn,
      evaluatedAt: now.toISOString(),
      today: isoDateInTimeZone(now, timeZone),
      timeZone,
      dependencyHashes: task.dependencyHashes,
      timeoutMs,
      signal: callOptions.signal,
      observeRules: options.observeRules,
    });
    report(result);
    return result;
  };

  const performOperations = async (plan: OperationsPlan, callOptions: PerformOptions = {}): Promise<OperationsOutcome> => {
    checkOperationsPlan(plan, callOptions, limits);
    return performPlannedOperations(plan, { actionPort: callOptions.actionPort ?? options.actionPort, timeoutMs, actionResultValidators: validators.actionResults, answerBounds }, callOptions);
  };

  return {
    catalog,
    messages,
    listTasks(given, givenOptions) {
      const subject = checkSubject(given, limits);
      const callOptions = checkCallOptions(givenOptions, { locale: true, locales: messages.locales });
      const locale = callOptions.locale ?? defaultLocale;
      const date = today();
      const offered: TaskSummary[] = [];
      for (const task of tasks.values()) {
        const document = inForce(task, date)?.document;
        if (!document || !document.requesters.includes(subject.profilo) || !isOffered(document, date)) continue;
        offered.push({ id: document.id, title: textIn(document.title, locale), description: textIn(document.description, locale), status: document.status, version: document.version, requesters: document.requesters });
      }
      return offered.sort((a, b) => a.title.localeCompare(b.title, locale));
    },

    async composeForm(taskId, given, givenOptions) {
      const task = taskOrThrow(taskId);
      const subject = checkSubject(given, limits);
      const callOptions = checkCallOptions(givenOptions, { locale: true, locales: messages.locales, signal: true });
      const date = today();
      const compiled = inForce(task, date);
      refuseIfNotOffered(compiled, date);
      if (!compiled) return unavailableForm(taskId, { code: 'NO_RULE_SET_IN_FORCE', message: `No version of "${taskId}" is in force on ${date}.` }, false, messages);
      const context = new EvaluationContext(resolversFor(compiled), {
        requestId: `form:${taskId}`,
        taskId,
        requesters: compiled.document.requesters,
        subject,
        data: {},
        today: date,
        submittedOn: date,
        dataPort: options.dataPort,
        timeoutMs,
        signal: callOptions.signal,
      });
      try {
        const gates = await evaluateRules(compiled, context, 'gates');
        return await composeForm({
          taskId,
          requestSchema: task.definition.requestSchema.document,
          ruleSet: compiled.document,
          contract,
          context,
          gates,
          locale: callOptions.locale ?? defaultLocale,
          messages,
        });
      } finally {
        context.close();
      }
    },

    validate(taskId, data) {
      return taskOrThrow(taskId).validate(data);
    },

    pruneHidden(taskId, data) {
      const task = taskOrThrow(taskId);
      checkDataToPrune(data, requestBounds);
      return task.prune(data);
    },

    decide,

    async evaluate(taskId, request, givenOptions) {
      const decided = await decide(taskId, request, givenOptions);
      const callOptions = checkCallOptions(givenOptions, { signal: true, ports: true });
      if (decided.kind !== 'decision' || decided.plannedOperations.length === 0) return decided;
      const actionPort = callOptions.ports?.actionPort;
      const outcome = await performOperations({ requestId: decided.requestId, operations: decided.plannedOperations }, { signal: callOptions.signal, ...(actionPort && { actionPort }) });
      const result = completeEvaluation(decided, outcome);
      if (result.kind === 'technical-failure') report(result);
      return result;
    },

    performOperations,

    ruleSetInForce(taskId, date) {
      const task = taskOrThrow(taskId);
      checkIsoDate(date, '/date');
      return inForce(task, date)?.document;
    },
  };
}
