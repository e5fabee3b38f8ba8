import { describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../src/index.js';
import { measureCoverage, coverageGaps } from '../../src/entries/toolchain.js';
import { runCases } from '../../src/entries/testing.js';
import { COVERAGE_TASK, RULES_FILE, coverageCases, coverageRuleSet, coverageTaskDocuments } from '../support/coverage-task.js';

function catalogOf(cases: unknown = coverageCases): Catalog {
  const loaded = loadCatalog(coverageTaskDocuments(cases));
  if (!loaded.ok) throw new Error(loaded.issues.map((item) => `${item.file}:${item.pointer} ${item.code} ${item.message}`).join('\n'));
  return loaded.value;
}

const onlyCases = (...ids: string[]) => ({ ...coverageCases, cases: coverageCases.cases.filter((testCase) => ids.includes(testCase.id)) });

describe('measureCoverage', () => {
  it('counts, for every leaf condition, the cases that saw it true, false or did not evaluate it', async () => {
    const { results, coverage } = await measureCoverage(catalogOf());
    expect(results.map((result) => result.passed)).toEqual([true, true, true]);
    const [task] = coverage.tasks;
    expect(task?.task).toBe(COVERAGE_TASK);
    const conditions = task?.ruleSets[0]?.conditions.map(({ pointer, ruleId, part, seen }) => ({ pointer, ruleId, part, seen }));
    expect(conditions).toEqual([
      // G-01 passed for the two AZIENDA cases and failed for the intermediario.
      { pointer: '/gates/0/conditions', ruleId: 'G-01', part: 'conditions', seen: { true: 2, false: 1, notEvaluated: 0 } },
      // After the failed gate no check runs.
      { pointer: '/checks/0/conditions/all/0', ruleId: 'C-01', part: 'conditions', seen: { true: 2, false: 0, notEvaluated: 1 } },
      { pointer: '/checks/0/conditions/all/1', ruleId: 'C-01', part: 'conditions', seen: { true: 1, false: 1, notEvaluated: 1 } },
      // C-02 applies only to the urgent case; its condition is read only then.
      { pointer: '/checks/1/applicableWhen', ruleId: 'C-02', part: 'applicableWhen', seen: { true: 1, false: 1, notEvaluated: 1 } },
      { pointer: '/checks/1/conditions', ruleId: 'C-02', part: 'conditions', seen: { true: 1, false: 0, notEvaluated: 2 } },
    ]);
    expect(task?.ruleSets[0]?.rules.map(({ id, pointer, seen }) => ({ id, pointer, seen }))).toEqual([
      { id: 'G-01', pointer: '/gates/0', seen: { passed: 2, failed: 1, notEvaluated: 0 } },
      { id: 'C-01', pointer: '/checks/0', seen: { passed: 1, failed: 1, notEvaluated: 1 } },
      { id: 'C-02', pointer: '/checks/1', seen: { passed: 1, failed: 0, notEvaluated: 2 } },
    ]);
    expect(task?.ruleSets[0]?.evaluations).toBe(3);
    // 5 leaves, 10 outcomes; seen: G-01 2, C-01 1 + 2, applicableWhen 2, C-02 1.
    expect({ ...coverage, tasks: undefined }).toEqual({
      conditions: 5,
      conditionsBothWays: 3,
      outcomes: 10,
      outcomesSeen: 8,
      percent: 80,
      rules: 3,
      rulesPassedAndFailed: 2,
      tasks: undefined,
    });
  });

  it('lists what was never exercised, with the file and pointer of each condition and rule', async () => {
    const { coverage } = await measureCoverage(catalogOf(onlyCases('piccolo')));
    const gaps = coverageGaps(coverage.tasks[0]!);
    expect(gaps.map(({ file, pointer, missing, label }) => `${file}:${pointer} ${label}: ${missing.join('/')}`)).toEqual([
      `${RULES_FILE}:/gates/0/conditions G-01 subject.profilo equal "AZIENDA": false`,
      `${RULES_FILE}:/checks/0/conditions/all/0 C-01 request.importo greaterThan 0: false`,
      `${RULES_FILE}:/checks/0/conditions/all/1 C-01 request.importo lessThanInclusive 100: false`,
      `${RULES_FILE}:/checks/1/applicableWhen C-02 applicableWhen request.urgente equal true: true`,
      `${RULES_FILE}:/checks/1/conditions C-02 request.motivo exists true: true/false`,
      `${RULES_FILE}:/gates/0 gate G-01: failed`,
      `${RULES_FILE}:/checks/0 check C-01: failed`,
      `${RULES_FILE}:/checks/1 check C-02: passed/failed`,
    ]);
    expect(coverage.outcomesSeen).toBe(4);
    expect(coverage.percent).toBe(40);
  });

  it('only measures the task of taskId, and reports full coverage of nothing as 100%', async () => {
    const { results, coverage } = await measureCoverage(catalogOf(), { taskId: 'another-task' });
    expect(results).toEqual([]);
    expect(coverage.tasks).toEqual([]);
    expect(coverage.percent).toBe(100);
  });

  it('points at the library file for a gate taken from a rule library', async () => {
    const library = {
      $schema: 'https://smart-task.dev/schemas/rule-library/v1.json',
      id: 'prova-comuni',
      description: { it: 'Regole comuni di prova', en: 'Shared probe rules' },
      facts: {},
      gates: [coverageRuleSet.gates[0]],
      checks: [],
    };
    const ruleSet = { ...coverageRuleSet, gates: [{ use: 'G-01' }] };
    const loaded = loadCatalog([{ file: 'shared/prova.library.json', content: library }, { file: RULES_FILE, content: ruleSet }, ...coverageTaskDocuments().filter((document) => document.file !== RULES_FILE)]);
    if (!loaded.ok) throw new Error(loaded.issues.map((item) => `${item.file}:${item.pointer} ${item.code} ${item.message}`).join('\n'));
    const { coverage } = await measureCoverage(loaded.value);
    const ruleSetCoverage = coverage.tasks[0]?.ruleSets[0];
    expect(ruleSetCoverage?.conditions[0]).toMatchObject({ file: 'shared/prova.library.json', pointer: '/gates/0/conditions', ruleId: 'G-01', seen: { true: 2, false: 1 } });
    expect(ruleSetCoverage?.rules[0]).toMatchObject({ file: 'shared/prova.library.json', pointer: '/gates/0' });
    expect(ruleSetCoverage?.conditions[1]).toMatchObject({ file: RULES_FILE, pointer: '/checks/0/conditions/all/0' });
  });

  it('gives the same case results as runCases', async () => {
    const catalog = catalogOf();
    const { results } = await measureCoverage(catalog);
    const plain = await runCases(catalog);
    const summary = (list: typeof plain) => list.map(({ caseId, passed, failures, pointer }) => ({ caseId, passed, failures, pointer }));
    expect(summary(results)).toEqual(summary(plain));
  });
});
