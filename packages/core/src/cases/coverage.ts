import type { CheckDefinition, Condition, GateDefinition, RuleSetDocument } from '@smart-task/schemas';
import type { Catalog, LoadedDocument } from '../catalog/catalog.js';
import { sourceOf } from '../catalog/rule-library.js';
import { leavesOf } from '../compile/fact-graph.js';
import type { RuleOutcome } from '../evaluate/decision.js';
import type { EvaluatedCondition } from '../compile/compile-rule-set.js';
import type { ObservedRules, RulesObserver } from '../evaluate/run-istruttoria.js';
import { joinPointer, toPointer } from '../json/pointer.js';
import { executeCases, type CaseResult, type RunCasesOptions } from './run-cases.js';

/** How many evaluations saw a leaf condition true, saw it false, or did not evaluate it. */
export interface ConditionOutcomes {
  readonly true: number;
  readonly false: number;
  /** Not compared: a gate failed before it, its check did not apply, `all`/`any` stopped early, or its data could not be read. */
  readonly notEvaluated: number;
}

/** How many evaluations saw a gate or check pass, fail, or not evaluated it (a gate failed first, it did not apply, its data could not be read). */
export interface RuleOutcomes {
  readonly passed: number;
  readonly failed: number;
  readonly notEvaluated: number;
}

/** A leaf condition of a gate or check and what the cases made of it. */
export interface ConditionCoverage {
  /** The file the condition is written in: the rule set, or the rule library a gate or check comes from. */
  readonly file: string;
  /** RFC 6901 pointer to the condition in `file`, e.g. `/checks/2/conditions/all/1`. */
  readonly pointer: string;
  /** The gate or check the condition belongs to. */
  readonly ruleId: string;
  /** Whether the condition decides the rule (`conditions`) or whether a check applies (`applicableWhen`). */
  readonly part: 'conditions' | 'applicableWhen';
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  /** The condition's `value` as written. */
  readonly value: unknown;
  readonly seen: ConditionOutcomes;
}

/** A gate or check and how often the cases saw it pass and fail. */
export interface RuleCoverage {
  readonly id: string;
  readonly kind: 'gate' | 'check';
  readonly file: string;
  /** RFC 6901 pointer to the gate or check in `file`, e.g. `/gates/0`. */
  readonly pointer: string;
  readonly seen: RuleOutcomes;
}

/** The coverage of one rule-set version. */
export interface RuleSetCoverage {
  readonly file: string;
  readonly version: string;
  /** How many cases were evaluated with this version. */
  readonly evaluations: number;
  readonly conditions: readonly ConditionCoverage[];
  readonly rules: readonly RuleCoverage[];
}

/** Condition-outcome counts: each leaf condition has two outcomes to see, true and false. */
export interface CoverageFigures {
  /** Leaf conditions (of every version). */
  readonly conditions: number;
  /** Leaf conditions seen both true and false. */
  readonly conditionsBothWays: number;
  /** Outcomes to see: twice the leaf conditions. */
  readonly outcomes: number;
  /** Outcomes seen by at least one case. */
  readonly outcomesSeen: number;
  /** `outcomesSeen / outcomes` as a percentage rounded down to two decimals; 100 when there is nothing to see. */
  readonly percent: number;
  /** Gates and checks (of every version). */
  readonly rules: number;
  /** Gates and checks seen both passing and failing. */
  readonly rulesPassedAndFailed: number;
}

/** The coverage of one task: its figures and the detail of each rule-set version. */
export interface TaskCoverage extends CoverageFigures {
  readonly task: string;
  readonly ruleSets: readonly RuleSetCoverage[];
}

/** Condition-outcome coverage of a catalog's cases: the totals, and per task. */
export interface CoverageReport extends CoverageFigures {
  readonly tasks: readonly TaskCoverage[];
}

/** Something the cases never exercised: a condition never true or never false, a rule never passing or never failing. */
export interface CoverageGap {
  readonly task: string;
  readonly file: string;
  readonly pointer: string;
  readonly ruleId: string;
  /** What it is: `condition` (a leaf), `gate` or `check`. */
  readonly subject: 'condition' | 'gate' | 'check';
  /** The outcomes no case saw: `true`/`false` for a condition, `passed`/`failed` for a rule. */
  readonly missing: readonly ('true' | 'false' | 'passed' | 'failed')[];
  /** One line saying what it is: `AUTH-02 condition subject.profilo notEqual "INTERMEDIARIO"`. */
  readonly label: string;
}

/** Cases results with the coverage they reached. */
export interface CoverageRun {
  readonly results: CaseResult[];
  readonly coverage: CoverageReport;
}

interface ConditionCounter {
  readonly static: Omit<ConditionCoverage, 'seen'>;
  readonly seen: { true: number; false: number; notEvaluated: number };
}

interface RuleCounter {
  readonly static: Omit<RuleCoverage, 'seen'>;
  readonly seen: { passed: number; failed: number; notEvaluated: number };
  /** The leaves of `conditions`, in depth-first order. */
  readonly conditions: readonly ConditionCounter[];
  /** The leaves of `applicableWhen`, in depth-first order. */
  readonly applicableWhen: readonly ConditionCounter[];
}

interface RuleSetCounter {
  readonly task: string;
  readonly loaded: LoadedDocument<RuleSetDocument>;
  readonly rules: readonly RuleCounter[];
  evaluations: number;
}

function conditionCounters(loaded: LoadedDocument<RuleSetDocument>, ruleId: string, part: ConditionCoverage['part'], condition: Condition | undefined, pointer: string): ConditionCounter[] {
  if (condition === undefined) return [];
  return leavesOf(condition, joinPointer(pointer, part)).map(({ leaf, pointer: leafPointer }) => ({
    static: {
      ...sourceOf(loaded, leafPointer),
      ruleId,
      part,
      fact: leaf.fact,
      ...(leaf.path !== undefined && { path: leaf.path }),
      operator: leaf.operator,
      value: leaf.value,
    },
    seen: { true: 0, false: 0, notEvaluated: 0 },
  }));
}

function ruleCounter(loaded: LoadedDocument<RuleSetDocument>, definition: GateDefinition | CheckDefinition, kind: 'gate' | 'check', index: number): RuleCounter {
  const pointer = toPointer([kind === 'gate' ? 'gates' : 'checks', index]);
  return {
    static: { id: definition.id, kind, ...sourceOf(loaded, pointer) },
    seen: { passed: 0, failed: 0, notEvaluated: 0 },
    conditions: conditionCounters(loaded, definition.id, 'conditions', definition.conditions, pointer),
    applicableWhen: conditionCounters(loaded, definition.id, 'applicableWhen', 'applicableWhen' in definition ? definition.applicableWhen : undefined, pointer),
  };
}

/** The leaves of an evaluated tree, depth first: the same order as {@link leavesOf} on the written condition. */
function evaluatedLeaves(node: EvaluatedCondition | undefined): EvaluatedCondition[] {
  if (node === undefined) return [];
  return leavesOf(node as unknown as Condition, '').map(({ leaf }) => leaf as unknown as EvaluatedCondition);
}

function count(counters: readonly ConditionCounter[], node: EvaluatedCondition | undefined, trusted: boolean): void {
  const leaves = trusted ? evaluatedLeaves(node) : [];
  counters.forEach((counter, index) => {
    const result = leaves[index]?.result;
    if (result === true) counter.seen.true += 1;
    else if (result === false) counter.seen.false += 1;
    else counter.seen.notEvaluated += 1;
  });
}

function record(counter: RuleSetCounter, { located, outcomes }: ObservedRules): void {
  counter.evaluations += 1;
  counter.rules.forEach((rule, index) => {
    const outcome: RuleOutcome | undefined = outcomes[index];
    const where = located[index];
    if (outcome?.status === 'PASSED') rule.seen.passed += 1;
    else if (outcome?.status === 'FAILED') rule.seen.failed += 1;
    else rule.seen.notEvaluated += 1;
    // When the rule's data could not be read, its comparisons ran on nothing: they prove nothing.
    const trusted = outcome !== undefined && outcome.notEvaluatedBecause !== 'TECHNICAL_FAILURE';
    // The rule's node is `{ all: [conditions] }`; the applicability node is `{ not: applicableWhen }`.
    count(rule.conditions, where?.node?.all?.[0], trusted);
    count(rule.applicableWhen, where?.notApplicable?.not, trusted);
  });
}

function percentOf(seen: number, total: number): number {
  return total === 0 ? 100 : Math.floor((seen * 10_000) / total) / 100;
}

function figuresOf(conditions: readonly ConditionCoverage[], rules: readonly RuleCoverage[]): CoverageFigures {
  const outcomesSeen = conditions.reduce((sum, condition) => sum + (condition.seen.true > 0 ? 1 : 0) + (condition.seen.false > 0 ? 1 : 0), 0);
  return {
    conditions: conditions.length,
    conditionsBothWays: conditions.filter((condition) => condition.seen.true > 0 && condition.seen.false > 0).length,
    outcomes: conditions.length * 2,
    outcomesSeen,
    percent: percentOf(outcomesSeen, conditions.length * 2),
    rules: rules.length,
    rulesPassedAndFailed: rules.filter((rule) => rule.seen.passed > 0 && rule.seen.failed > 0).length,
  };
}

function sumFigures(parts: readonly CoverageFigures[]): CoverageFigures {
  const add = (key: keyof CoverageFigures) => parts.reduce((sum, part) => sum + part[key], 0);
  const outcomes = add('outcomes');
  const outcomesSeen = add('outcomesSeen');
  return {
    conditions: add('conditions'),
    conditionsBothWays: add('conditionsBothWays'),
    outcomes,
    outcomesSeen,
    percent: percentOf(outcomesSeen, outcomes),
    rules: add('rules'),
    rulesPassedAndFailed: add('rulesPassedAndFailed'),
  };
}

/** Collects condition outcomes while cases run: pass `observe` to the engine, then read `report()`. */
export interface CoverageRecorder {
  readonly observe: RulesObserver;
  report(): CoverageReport;
  /**
   * Every count recorded since the last call, as a list of numbers in the catalog's order, and sets them
   * back to 0: what a recorder of the same catalog in another thread adds with {@link addCounts}.
   */
  takeCounts(): number[];
  /** Adds counts taken from a recorder of the same catalog and task (see {@link takeCounts}). */
  addCounts(counts: readonly number[]): void;
}

/** Replaces every count of the recorder by what `update` returns for it, in a fixed order: the same for two recorders of the same catalog. */
function updateCounts(counters: Iterable<RuleSetCounter>, update: (count: number) => number): void {
  for (const counter of counters) {
    counter.evaluations = update(counter.evaluations);
    for (const rule of counter.rules) {
      rule.seen.passed = update(rule.seen.passed);
      rule.seen.failed = update(rule.seen.failed);
      rule.seen.notEvaluated = update(rule.seen.notEvaluated);
      for (const { seen } of [...rule.conditions, ...rule.applicableWhen]) {
        seen.true = update(seen.true);
        seen.false = update(seen.false);
        seen.notEvaluated = update(seen.notEvaluated);
      }
    }
  }
}

/**
 * A recorder for the rule sets of a catalog (only `taskId`'s when given). Rule sets are recognised by
 * identity: the engine must be created from this very catalog.
 */
export function createCoverageRecorder(catalog: Catalog, taskId?: string): CoverageRecorder {
  const counters = new Map<RuleSetDocument, RuleSetCounter>();
  for (const task of catalog.tasks.values()) {
    if (taskId !== undefined && task.id !== taskId) continue;
    for (const loaded of task.ruleSets) {
      const { document } = loaded;
      const rules = [...document.gates.map((gate, index) => ruleCounter(loaded, gate, 'gate', index)), ...document.checks.map((check, index) => ruleCounter(loaded, check, 'check', index))];
      counters.set(document, { task: task.id, loaded, rules, evaluations: 0 });
    }
  }
  return {
    observe(observed) {
      const counter = counters.get(observed.compiled.document);
      if (counter) record(counter, observed);
    },
    report() {
      const byTask = new Map<string, RuleSetCoverage[]>();
      for (const counter of counters.values()) {
        const ruleSets = byTask.get(counter.task) ?? [];
        ruleSets.push({
          file: counter.loaded.file,
          version: counter.loaded.document.version,
          evaluations: counter.evaluations,
          conditions: counter.rules.flatMap((rule) => [...rule.applicableWhen, ...rule.conditions]).map((condition) => ({ ...condition.static, seen: { ...condition.seen } })),
          rules: counter.rules.map((rule) => ({ ...rule.static, seen: { ...rule.seen } })),
        });
        byTask.set(counter.task, ruleSets);
      }
      const tasks = [...byTask].map(([task, ruleSets]): TaskCoverage => ({
        task,
        ...figuresOf(
          ruleSets.flatMap((ruleSet) => ruleSet.conditions),
          ruleSets.flatMap((ruleSet) => ruleSet.rules),
        ),
        ruleSets,
      }));
      return { ...sumFigures(tasks), tasks };
    },
    takeCounts() {
      const counts: number[] = [];
      updateCounts(counters.values(), (count) => {
        counts.push(count);
        return 0;
      });
      return counts;
    },
    addCounts(counts) {
      let places = 0;
      updateCounts(counters.values(), (count) => {
        places += 1;
        return count;
      });
      if (counts.length !== places) throw new Error(`coverage counts of another catalog: ${counts.length} counts for ${places} places`);
      let index = 0;
      updateCounts(counters.values(), (count) => count + (counts[index++] ?? 0));
    },
  };
}

function describeValue(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { fact?: unknown }).fact === 'string') {
    const reference = value as { fact: string; path?: string };
    return `${reference.fact}${reference.path ? reference.path.slice(1) : ''}`;
  }
  return JSON.stringify(value);
}

/** `subject.profilo notEqual "INTERMEDIARIO"`: a leaf condition as written. */
export function describeLeaf(condition: Pick<ConditionCoverage, 'fact' | 'path' | 'operator' | 'value'>): string {
  return `${condition.fact}${condition.path ? condition.path.slice(1) : ''} ${condition.operator} ${describeValue(condition.value)}`;
}

/**
 * What the cases of a task never exercised, in file order: each leaf condition not seen both true and
 * false, then each gate or check not seen both passing and failing.
 */
export function coverageGaps(task: TaskCoverage): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  for (const ruleSet of task.ruleSets) {
    for (const condition of ruleSet.conditions) {
      const missing = [...(condition.seen.true === 0 ? (['true'] as const) : []), ...(condition.seen.false === 0 ? (['false'] as const) : [])];
      if (missing.length === 0) continue;
      const part = condition.part === 'applicableWhen' ? ' applicableWhen' : '';
      gaps.push({ task: task.task, file: condition.file, pointer: condition.pointer, ruleId: condition.ruleId, subject: 'condition', missing, label: `${condition.ruleId}${part} ${describeLeaf(condition)}` });
    }
    for (const rule of ruleSet.rules) {
      const missing = [...(rule.seen.passed === 0 ? (['passed'] as const) : []), ...(rule.seen.failed === 0 ? (['failed'] as const) : [])];
      if (missing.length > 0) gaps.push({ task: task.task, file: rule.file, pointer: rule.pointer, ruleId: rule.id, subject: rule.kind, missing, label: `${rule.kind} ${rule.id}` });
    }
  }
  return gaps;
}

/**
 * Runs the cases of a catalog like {@link runCases} and measures their condition-outcome coverage: for
 * every leaf condition of every gate and check (`applicableWhen` included), how many cases saw it true,
 * false or not evaluated, and for every gate and check how many saw it pass or fail. Recording is opt-in:
 * `runCases` and the engine pay nothing for it.
 *
 * @example
 * const { results, coverage } = await measureCoverage(catalog, { now: '2026-03-10T09:00:00+01:00' });
 * console.log(`${coverage.percent}% of condition outcomes seen`);
 */
export async function measureCoverage(catalog: Catalog, options: RunCasesOptions = {}): Promise<CoverageRun> {
  const recorder = createCoverageRecorder(catalog, options.taskId);
  const results = await executeCases(catalog, options, recorder.observe);
  return { results, coverage: recorder.report() };
}
