import type { Subject } from '@smart-task/schemas';
import type { CompiledRuleSet, EvaluatedCondition } from '../compile/compile-rule-set.js';
import type { Decision, EvaluationResult, Reason, RuleOutcome, RuleSetReference, TechnicalFailure } from './decision.js';
import { EvaluationContext, type FactResolvers } from './evaluation-context.js';
import { planOperations } from './plan-operations.js';
import { describeThrown } from './port-failure.js';
import { readOutcome, type RuleNode } from './read-outcomes.js';
import type { ValidatorsByName } from '../validation/compiled-on-first-use.js';

/** Everything one istruttoria needs; prepared by the engine. */
export interface IstruttoriaInputs {
  readonly compiled: CompiledRuleSet;
  readonly resolvers: FactResolvers;
  /** Validators of each action's parameters, from the port contract. */
  readonly actionParamsValidators: ValidatorsByName;
  readonly dataPort: import('../port.js').DataPort;
  readonly requestId: string;
  readonly taskId: string;
  readonly subject: Subject;
  readonly data: Readonly<Record<string, unknown>>;
  readonly submittedAt: string;
  readonly submittedOn: string;
  readonly evaluatedAt: string;
  readonly today: string;
  /** The time zone `today` and `submittedOn` were counted in. */
  readonly timeZone: string;
  /** The hashes of the task's request schema and of the port contract, computed once per engine. */
  readonly dependencyHashes: () => Promise<DependencyHashes>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** Opt-in (coverage): told of every gate's and check's evaluated node and outcome. */
  readonly observeRules?: RulesObserver | undefined;
}

/** The content hashes of what a rule set is evaluated with besides itself. */
export interface DependencyHashes {
  readonly requestSchema: string;
  readonly portContract: string;
}

/** What {@link RulesObserver} is told after the rules of one istruttoria ran. */
export interface ObservedRules {
  readonly compiled: CompiledRuleSet;
  /** Each gate, then each check, in the rule set's order: where it sits in json-rules-engine's evaluated tree. */
  readonly located: readonly RuleNode[];
  /** The outcome read from each located node, in the same order. */
  readonly outcomes: readonly RuleOutcome[];
}

/**
 * Told of the evaluated condition tree of each istruttoria; used by `measureCoverage`. Off unless the
 * engine is created with one: the evaluation path then pays one `undefined` check.
 */
export type RulesObserver = (observed: ObservedRules) => void;

function locateRules(compiled: CompiledRuleSet, root: EvaluatedCondition | undefined): RuleNode[] {
  const top = root?.all ?? [];
  const gateCount = compiled.gates.length;
  const gates = compiled.gates.map((rule, index) => ({ rule, node: top[index], notApplicable: undefined }));
  const block = top[gateCount]?.all ?? [];
  const checks = compiled.checks.map((rule, index) => {
    const node = block[index];
    if (!('applicableWhen' in rule.definition) || rule.definition.applicableWhen === undefined) return { rule, node, notApplicable: undefined };
    return { rule, node: node?.any?.[1], notApplicable: node?.any?.[0] };
  });
  return [...gates, ...checks];
}

function reasonOf(outcome: RuleOutcome): Reason {
  return { code: outcome.reasonCode, ruleId: outcome.id, severity: outcome.severity, message: outcome.message as NonNullable<RuleOutcome['message']> };
}

/**
 * Runs the rule set's engine (all rules, or the gates only) and reads every rule's outcome. A rule
 * error is recorded on the context as a technical failure. `observe` (scope `all` only) is then told
 * each rule's evaluated node and outcome.
 */
export async function evaluateRules(compiled: CompiledRuleSet, context: EvaluationContext, scope: 'gates' | 'all', observe?: RulesObserver): Promise<RuleOutcome[]> {
  let root: EvaluatedCondition | undefined;
  try {
    root = await compiled.evaluate(context, scope);
  } catch (error) {
    context.fail({ code: 'RULE_ERROR', message: `The rules could not be evaluated: ${describeThrown(error)}` }, false);
  }
  const outcomes: RuleOutcome[] = [];
  let gateFailed = false;
  const located = locateRules(compiled, root);
  for (const rule of located) {
    if (scope === 'gates' && rule.rule.kind !== 'gate') continue;
    const read = readOutcome(rule, context, gateFailed);
    const outcome = read instanceof Promise ? await read : read;
    if (outcome.kind === 'gate' && outcome.status === 'FAILED') gateFailed = true;
    outcomes.push(outcome);
  }
  if (observe && scope === 'all') observe({ compiled, located, outcomes });
  return outcomes;
}

/**
 * Decides one istruttoria: gates → facts → checks → verdict → the operations an `ACCOLTA` commits to,
 * resolved (parameters and every fact their descriptions quote). Performs nothing. Returns a decision,
 * or a technical failure with the partial trace when any fact or rule could not be completed.
 */
export async function decideIstruttoria(inputs: IstruttoriaInputs): Promise<EvaluationResult> {
  const context = createContext(inputs);
  try {
    return await decide(inputs, context);
  } finally {
    context.close();
  }
}

function createContext(inputs: IstruttoriaInputs): EvaluationContext {
  return new EvaluationContext(inputs.resolvers, {
    requestId: inputs.requestId,
    taskId: inputs.taskId,
    requesters: inputs.compiled.document.requesters,
    subject: inputs.subject,
    data: inputs.data,
    today: inputs.today,
    submittedOn: inputs.submittedOn,
    dataPort: inputs.dataPort,
    timeoutMs: inputs.timeoutMs,
    signal: inputs.signal,
  });
}

async function decide(inputs: IstruttoriaInputs, context: EvaluationContext): Promise<EvaluationResult> {
  const started = performance.now();
  const { compiled } = inputs;

  const outcomes = await evaluateRules(compiled, context, 'all', inputs.observeRules);
  const rulesDone = performance.now();
  const gates = outcomes.filter((outcome) => outcome.kind === 'gate');
  const checks = outcomes.filter((outcome) => outcome.kind === 'check');
  const failed = outcomes.filter((outcome) => outcome.status === 'FAILED');
  const reasons = failed.filter((outcome) => outcome.severity === 'BLOCKING').map(reasonOf);
  const warnings = failed.filter((outcome) => outcome.severity === 'WARNING').map(reasonOf);
  const verdict = reasons.length === 0 ? 'ACCOLTA' : 'NON_ACCOLTA';
  // ACCOLTA needs every gate passed and every check decided; anything else is not a verdict.
  const undecided = outcomes.find((outcome) => outcome.status === 'NOT_EVALUATED' && outcome.notEvaluatedBecause !== 'NOT_APPLICABLE' && outcome.notEvaluatedBecause !== 'GATE_FAILED');
  if (undecided && !outcomes.some((outcome) => outcome.kind === 'gate' && outcome.status === 'FAILED')) {
    context.fail({ code: 'RULE_ERROR', message: `${undecided.kind === 'gate' ? 'Gate' : 'Check'} ${undecided.id} was not evaluated; no verdict can be given.` }, false);
  }

  const plannedOperations = !context.failure && verdict === 'ACCOLTA' ? await planOperations(compiled.document.operations, context, inputs.requestId, inputs.actionParamsValidators) : [];
  const finished = performance.now();

  const dependencies = await inputs.dependencyHashes();
  const ruleSet: RuleSetReference = {
    id: compiled.document.id,
    version: compiled.document.version,
    hash: await compiled.hash(),
    requestSchemaHash: dependencies.requestSchema,
    portContractHash: dependencies.portContract,
    validFrom: compiled.document.validFrom,
    validTo: compiled.document.validTo ?? null,
  };
  const trace = {
    requestId: inputs.requestId,
    taskId: inputs.taskId,
    title: compiled.document.title,
    subject: inputs.subject,
    request: inputs.data,
    submittedAt: inputs.submittedAt,
    referenceDate: inputs.submittedOn,
    evaluatedAt: inputs.evaluatedAt,
    today: inputs.today,
    timeZone: inputs.timeZone,
    ruleSet,
    gates,
    checks,
    operations: [],
    facts: context.factsUsed(),
    portCalls: context.portCalls,
    timings: { totalMs: finished - started, rulesMs: rulesDone - started, operationsMs: 0 },
  };
  // planOperations answers undefined only after recording its failure on the context.
  if (context.failure || plannedOperations === undefined) {
    const error = context.failure as NonNullable<typeof context.failure>;
    const failure: TechnicalFailure = { kind: 'technical-failure', ...trace, error: error.error, retryable: error.retryable };
    return failure;
  }
  const decision: Decision = { kind: 'decision', ...trace, verdict, reasons, warnings, plannedOperations };
  return decision;
}
