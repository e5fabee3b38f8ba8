import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from './cli-harness.js';
import { CASES_FILE, coverageCases, writeCoverageTask, type CoverageTaskDirectory } from '../../../core/test/support/coverage-task.js';

const RULES = 'prova-copertura.rules.json';

describe('smart-task test --coverage', () => {
  let task: CoverageTaskDirectory;
  beforeEach(() => {
    task = writeCoverageTask();
  });
  afterEach(() => task.remove());

  it('prints the condition outcomes the cases saw and what they never exercised, before the counts', async () => {
    const run = await cli(['test', '.', '--coverage'], task.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([
      'prova-copertura: 3 passed, 0 failed',
      'coverage         conditions true+false  outcomes seen  gates+checks passed+failed',
      'prova-copertura  3/5                    8/10 80.0%     2/3',
      'total            3/5                    8/10 80.0%     2/3',
      'never exercised:',
      '  prova-copertura:',
      `    ${RULES}:/checks/0/conditions/all/0 C-01 request.importo greaterThan 0: never false`,
      `    ${RULES}:/checks/1/conditions C-02 request.motivo exists true: never false`,
      `    ${RULES}:/checks/1 check C-02: never failed`,
      '3 passed, 0 failed',
    ]);
    expect(run.stderr).toEqual([]);
  });

  it('says so when every outcome was seen', async () => {
    task.write(CASES_FILE, {
      ...coverageCases,
      cases: [
        ...coverageCases.cases,
        { id: 'zero', description: 'Importo 0', data: { importo: 0, urgente: false }, expect: { verdict: 'NON_ACCOLTA', reasons: ['NA-IMPORTO'] } },
        { id: 'senza-motivo', description: 'Urgente senza motivo', data: { importo: 10, urgente: true }, expect: { verdict: 'NON_ACCOLTA', reasons: ['NA-MOTIVO'] } },
      ],
    });
    const run = await cli(['test', '.', '--coverage'], task.dir);
    expect(run.code).toBe(0);
    expect(run.stdout.slice(-3)).toEqual(['total            5/5                    10/10 100.0%   3/3', 'every condition outcome was seen', '5 passed, 0 failed']);
  });

  it('passes --min when coverage reaches it and fails with the figure and the threshold when it does not', async () => {
    const enough = await cli(['test', '.', '--min', '80'], task.dir);
    expect(enough.code).toBe(0);
    expect(enough.stdout).toContain('total            3/5                    8/10 80.0%     2/3');
    expect(enough.stderr).toEqual([]);

    const short = await cli(['test', '.', '--min', '80.5'], task.dir);
    expect(short.code).toBe(1);
    expect(short.stdout.at(-1)).toBe('3 passed, 0 failed');
    expect(short.stderr).toEqual(['smart-task: condition-outcome coverage 80.0% (8 of 10 outcomes) is below --min 80.5%: add cases that make the conditions listed under "never exercised" true and false, or lower --min.']);
  });

  it('exits 2 for a --min that is not a percentage', async () => {
    for (const value of ['101', 'abc', '-5', '']) {
      const run = await cli(['test', '.', `--min=${value}`], task.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual([`smart-task: --min ${JSON.stringify(value)} is not a percentage: write a number from 0 to 100, e.g. --min 90.`]);
    }
  });

  it('measures the real catalog', { timeout: 120_000 }, async () => {
    const run = await cli(['test', 'packages/schemas', 'packages/rules', '--coverage'], REPO_ROOT);
    expect(run.code).toBe(0);
    const total = run.stdout.find((line) => line.startsWith('total '));
    expect(total).toMatch(/^total +\d+\/\d+ +\d+\/\d+ \d+\.\d% +\d+\/\d+$/);
    expect(run.stdout.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });
});

describe('smart-task test failure output', () => {
  let task: CoverageTaskDirectory;
  beforeEach(() => {
    task = writeCoverageTask();
  });
  afterEach(() => task.remove());

  it('shows, for each rule whose outcome differs from the expectation, the values its conditions saw', async () => {
    const [piccolo, grande] = coverageCases.cases;
    task.write(CASES_FILE, {
      ...coverageCases,
      cases: [
        { ...piccolo, expect: { verdict: 'NON_ACCOLTA', reasons: ['NA-IMPORTO'], checks: { 'C-02': 'FAILED' } } },
        { ...grande, expect: { verdict: 'ACCOLTA', reasons: [] } },
      ],
    });
    const run = await cli(['test', '.'], task.dir);
    expect(run.code).toBe(1);
    expect(run.out.split('\n')).toEqual([
      'prova-copertura: 0 passed, 2 failed',
      '✘ prova-copertura/piccolo — Importo 50, non urgente: accolta',
      '    verdict: expected NON_ACCOLTA, got ACCOLTA',
      '    reasons: expected [NA-IMPORTO], got []',
      '          C-01 PASSED, expected to fail with NA-IMPORTO',
      '          saw: request.importo = 50 greaterThan 0 → true',
      '               request.importo = 50 lessThanInclusive 100 → true',
      '    C-02: expected FAILED, got NOT_EVALUATED (NOT_APPLICABLE)',
      '          saw: request.motivo exists true → not evaluated',
      `    at ${CASES_FILE}:/cases/0`,
      '✘ prova-copertura/grande-urgente — Importo 150, urgente con motivo: non accolta per C-01',
      '    verdict: expected ACCOLTA, got NON_ACCOLTA',
      '    reasons: expected [], got [NA-IMPORTO]',
      "          C-01 failed: L'importo 150 non è ammesso.",
      '          saw: request.importo = 150 greaterThan 0 → true',
      '               request.importo = 150 lessThanInclusive 100 → false',
      `    at ${CASES_FILE}:/cases/1`,
      '0 passed, 2 failed',
    ]);
  });
});
