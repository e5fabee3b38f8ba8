import type { CaseDefinition, Subject } from '@smart-task/schemas';
import { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures, type InMemoryActionPort, type InMemoryDataPort } from '../adapters/in-memory-ports.js';
import type { Catalog } from '../catalog/catalog.js';
import { createEngine } from '../engine.js';
import { isSmartTaskError } from '../errors.js';
import { isFactReference } from '../compile/fact-graph.js';
import type { EvaluatorName } from '../compile/evaluated-condition.js';
import type { ConditionTrace, EvaluationResult, Reason, RuleOutcome } from '../evaluate/decision.js';
import type { RulesObserver } from '../evaluate/run-istruttoria.js';
import type { ActionPort, DataPort } from '../port.js';

/** The outcome of one case. */
export interface CaseResult {
  readonly task: string;
  readonly file: string;
  /** RFC 6901 pointer to the case in `file`: `/cases/3`. */
  readonly pointer: string;
  readonly caseId: string;
  readonly description: string;
  readonly passed: boolean;
  /** One line per mismatch: what was expected and what happened, with the values the rules concerned saw. */
  readonly failures: readonly string[];
  readonly result?: EvaluationResult;
}

/** Options of {@link runCases}. */
export interface RunCasesOptions {
  /** Clock for cases that fix none themselves (ISO date-time); defaults to the system clock. */
  readonly now?: string;
  /** Only the cases of this task. */
  readonly taskId?: string;
  /** Time limit of each port call and operation, in milliseconds; default 250 (fixtures answer at once unless they set `delayMs`). */
  readonly timeoutMs?: number;
  /** What runs the conditions (see `EngineOptions.evaluator`); `json-rules-engine` runs the cases against the reference semantics. */
  readonly evaluator?: EvaluatorName;
}

const list = (values: readonly string[]) => `[${values.join(', ')}]`;

function sideOf(fact: string, path: string | undefined): string {
  return `${fact}${path ? path.slice(1) : ''}`;
}

/** `request.dataRipresa = "2026-03-11" dateOnOrBefore limiteRiattivazione = "2026-03-10" → false`. */
function describeCondition(condition: ConditionTrace): string {
  const left = sideOf(condition.fact, condition.path);
  const right = isFactReference(condition.value) ? sideOf(condition.value.fact, condition.value.path) : undefined;
  if (condition.result === undefined) return `${left} ${condition.operator} ${right ?? JSON.stringify(condition.value)} → not evaluated`;
  const compared = JSON.stringify(condition.comparedWith ?? condition.value);
  return `${left} = ${JSON.stringify(condition.factValue)} ${condition.operator} ${right ? `${right} = ${compared}` : compared} → ${condition.result}`;
}

function explainRule(outcome: RuleOutcome | undefined): string {
  if (!outcome || outcome.conditions.length === 0) return '';
  return `\n      saw: ${outcome.conditions.map(describeCondition).join('\n           ')}`;
}

/** `PASSED`, `FAILED`, `NOT_EVALUATED (NOT_APPLICABLE)`. */
function statusOf(outcome: RuleOutcome | undefined): string {
  if (!outcome) return 'absent';
  return outcome.notEvaluatedBecause ? `${outcome.status} (${outcome.notEvaluatedBecause})` : outcome.status;
}

/** The detail of a reason-code mismatch: what each rule concerned did and saw. */
function explainReasons(got: readonly Reason[], expected: readonly string[], rules: readonly RuleOutcome[]): string {
  const codes = got.map((reason) => reason.code);
  const unexpected = got.filter((reason) => !expected.includes(reason.code)).map((reason) => `\n      ${reason.ruleId} failed: ${reason.message.it}${explainRule(rules.find((rule) => rule.id === reason.ruleId))}`);
  const missing = expected
    .filter((code) => !codes.includes(code))
    .map((code) => {
      const rule = rules.find((candidate) => candidate.reasonCode === code);
      return rule ? `\n      ${rule.id} ${statusOf(rule)}, expected to fail with ${code}${explainRule(rule)}` : `\n      no gate or check has the reason code ${code}`;
    });
  return [...unexpected, ...missing].join('');
}

/** Compares a result with a case's expectations; returns the mismatches. */
export function compareWithExpectation(testCase: CaseDefinition, result: EvaluationResult): string[] {
  const { expect } = testCase;
  const failures: string[] = [];
  const rules = [...result.gates, ...result.checks];
  if (expect.technicalFailure) {
    if (result.kind !== 'technical-failure') {
      failures.push(`outcome: expected technical failure ${expect.technicalFailure.code}, got verdict ${result.verdict}`);
    } else {
      if (result.error.code !== expect.technicalFailure.code) failures.push(`technical failure: expected ${expect.technicalFailure.code}, got ${result.error.code} (${result.error.message})`);
      if (expect.technicalFailure.retryable !== undefined && result.retryable !== expect.technicalFailure.retryable) failures.push(`retryable: expected ${expect.technicalFailure.retryable}, got ${result.retryable}`);
    }
  } else if (result.kind === 'technical-failure') {
    failures.push(`outcome: expected verdict ${expect.verdict}, got technical failure ${result.error.code}: ${result.error.message}`);
  } else {
    if (result.verdict !== expect.verdict) failures.push(`verdict: expected ${expect.verdict}, got ${result.verdict}`);
    if (expect.warnings) {
      const warnings = result.warnings.map((warning) => warning.code);
      if (list(warnings) !== list(expect.warnings)) failures.push(`warnings: expected ${list(expect.warnings)}, got ${list(warnings)}${explainReasons(result.warnings, expect.warnings, rules)}`);
    }
    const reasons = result.reasons.map((reason) => reason.code);
    const expectedReasons = expect.reasons ?? [];
    if (list(reasons) !== list(expectedReasons)) failures.push(`reasons: expected ${list(expectedReasons)}, got ${list(reasons)}${explainReasons(result.reasons, expectedReasons, rules)}`);
  }
  if (expect.operations) {
    const performed = result.operations.map((operation) => operation.id);
    if (list(performed) !== list(expect.operations)) failures.push(`operations: expected ${list(expect.operations)}, got ${list(performed)}`);
  }
  for (const [id, status] of Object.entries(expect.checks ?? {})) {
    const outcome = rules.find((rule) => rule.id === id);
    if (outcome?.status !== status) failures.push(`${id}: expected ${status}, got ${statusOf(outcome)}${explainRule(outcome)}`);
  }
  return failures;
}

/**
 * Runs the cases of a catalog, each against its own in-memory ports and clock, and compares every
 * outcome with what the case expects. Planned tasks are included.
 *
 * @example
 * const results = await runCases(catalog, { taskId: 'revoca-delega-intermediario' });
 * for (const failed of results.filter((result) => !result.passed)) console.log(failed.caseId, failed.failures);
 */
export function runCases(catalog: Catalog, options: RunCasesOptions = {}): Promise<CaseResult[]> {
  return executeCases(catalog, options, undefined);
}

/** A cases file of a task: what a {@link CaseRunner} runs at once. */
export interface CasesFile {
  readonly task: string;
  readonly file: string;
}

/** Runs cases files of a catalog with one engine, one file after the other. */
export interface CaseRunner {
  /** The results of the file's cases, in file order. */
  run(cases: CasesFile): Promise<CaseResult[]>;
}

/** The cases files {@link runCases} runs (only `taskId`'s when given), in its order: tasks in catalog order, then the task's files. */
export function casesFilesOf(catalog: Catalog, taskId: string | undefined): CasesFile[] {
  return [...catalog.tasks.values()].filter((task) => !taskId || task.id === taskId).flatMap((task) => task.cases.map(({ file }) => ({ task: task.id, file })));
}

/**
 * A runner of the catalog's cases: one engine, created now, for every cases file; telling `observeRules`
 * of every evaluated rule tree (see `measureCoverage`). Files run one after the other even when asked at
 * once: the cases share the engine's clock. With `compileAtStart` the engine compiles every validator
 * now (see `EngineOptions.compileAtStart`), as a runner that starts on any file must.
 */
export function createCaseRunner(catalog: Catalog, options: RunCasesOptions, observeRules: RulesObserver | undefined, compileAtStart = false): CaseRunner {
  const dataPorts = new Map<string, InMemoryDataPort>();
  const actionPorts = new Map<string, InMemoryActionPort>();
  let now = new Date();
  const routedDataPort: DataPort = { fetch: (fact, params, context) => (dataPorts.get(context.requestId) as InMemoryDataPort).fetch(fact, params, context) };
  const routedActionPort: ActionPort = { perform: (call, context) => (actionPorts.get(context.requestId) as InMemoryActionPort).perform(call, context) };
  const engine = createEngine({
    catalog,
    dataPort: routedDataPort,
    actionPort: routedActionPort,
    clock: { now: () => now },
    plannedTasks: 'all',
    timeoutMs: options.timeoutMs ?? 250,
    ...(options.evaluator && { evaluator: options.evaluator }),
    ...(observeRules && { observeRules }),
    ...(compileAtStart && { compileAtStart }),
  });

  async function runFile({ task: taskId, file }: CasesFile): Promise<CaseResult[]> {
    const document = catalog.tasks.get(taskId)?.cases.find((cases) => cases.file === file)?.document;
    if (!document) throw new Error(`no cases file ${file} of task ${taskId} in this catalog`);
    const results: CaseResult[] = [];
    for (const [index, testCase] of document.cases.entries()) {
      const requestId = `case:${taskId}:${testCase.id}`;
      const fixture = mergeFixtures(document.fixture, testCase.fixture);
      dataPorts.set(requestId, createInMemoryDataPort(fixture));
      actionPorts.set(requestId, createInMemoryActionPort(fixture));
      const clock = testCase.now ?? document.now ?? options.now;
      now = clock ? new Date(clock) : new Date();
      const base = { task: taskId, file, pointer: `/cases/${index}`, caseId: testCase.id, description: testCase.description };
      try {
        const result = await engine.evaluate(taskId, {
          requestId,
          subject: (testCase.subject ?? document.subject) as Subject,
          data: testCase.data,
          ...(testCase.submittedAt !== undefined && { submittedAt: testCase.submittedAt }),
        });
        const failures = compareWithExpectation(testCase, result);
        results.push({ ...base, passed: failures.length === 0, failures, result });
      } catch (error) {
        const message = isSmartTaskError(error) ? error.message : String(error);
        results.push({ ...base, passed: false, failures: [`the request was refused before evaluation: ${message}`] });
      } finally {
        dataPorts.delete(requestId);
        actionPorts.delete(requestId);
      }
    }
    return results;
  }

  let previous: Promise<unknown> = Promise.resolve();
  return {
    run(cases) {
      const results = previous.then(() => runFile(cases));
      previous = results.catch(() => undefined);
      return results;
    },
  };
}

/** {@link runCases}, telling `observeRules` of every evaluated rule tree (see `measureCoverage`). */
export async function executeCases(catalog: Catalog, options: RunCasesOptions, observeRules: RulesObserver | undefined): Promise<CaseResult[]> {
  const runner = createCaseRunner(catalog, options, observeRules);
  const results: CaseResult[] = [];
  for (const cases of casesFilesOf(catalog, options.taskId)) results.push(...(await runner.run(cases)));
  return results;
}
