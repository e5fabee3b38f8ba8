import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeWorkflowData, escapeWorkflowProperty } from '../../src/cli/reporters/github-reporter.js';
import { positionOfPointer } from '../../src/cli/reporters/source-position.js';
import { junitOfDiagnostics } from '../../src/cli/reporters/junit-reporter.js';
import { escapeXml, escapeXmlAttribute } from '../../src/cli/reporters/xml.js';
import { cli } from './cli-harness.js';
import { CASES_FILE, RULES_FILE, SCHEMA_FILE, coverageCases, coverageRuleSet, writeCoverageTask, type CoverageTaskDirectory } from '../../../core/test/support/coverage-task.js';
import type { LooseJson } from '../../../core/test/support/loose-json.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure', 'property'].includes(name) });

/** Parses JUnit XML after checking it is well-formed. */
function parseJunit(xml: string): LooseJson {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

/** The 1-based line and column where `needle` starts in the file (the first occurrence after `after`). */
function positionOf(dir: string, file: string, needle: string, after = ''): { line: number; column: number } {
  const text = readFileSync(join(dir, file), 'utf8');
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Where a case of the pretty-printed cases file starts: the `{` on the line before its `"id"`, indented 4. */
function caseStart(dir: string, id: string): { line: number; column: number } {
  return { line: positionOf(dir, CASES_FILE, `"id": "${id}"`).line - 1, column: 5 };
}

describe('positionOfPointer', () => {
  const text = ['{', '  "a": {', '    "b/c": [', '      1,', '      { "d": true }', '    ]', '  },', '  "e~f": "x"', '}'].join('\n');

  it('finds the property name of an object member and the value of an array item', () => {
    expect(positionOfPointer(text, '/a')).toEqual({ line: 2, column: 3 });
    expect(positionOfPointer(text, '/a/b~1c')).toEqual({ line: 3, column: 5 });
    expect(positionOfPointer(text, '/a/b~1c/0')).toEqual({ line: 4, column: 7 });
    expect(positionOfPointer(text, '/a/b~1c/1/d')).toEqual({ line: 5, column: 9 });
    expect(positionOfPointer(text, '/e~0f')).toEqual({ line: 8, column: 3 });
  });

  it('falls back to the nearest existing parent, the start of the file for the root and for text that is not JSON', () => {
    expect(positionOfPointer(text, '/a/missing')).toEqual({ line: 2, column: 3 });
    expect(positionOfPointer(text, '/a/b~1c/7')).toEqual({ line: 3, column: 5 });
    expect(positionOfPointer(text, '')).toEqual({ line: 1, column: 1 });
    expect(positionOfPointer('', '/a')).toEqual({ line: 1, column: 1 });
  });

  it('stops at the array for a segment that is not an RFC 6901 index', () => {
    const items = '{\n  "a": [\n    1,\n    2\n  ],\n  "b": { "": 3 }\n}';
    expect(positionOfPointer(items, '/a/1')).toEqual({ line: 4, column: 5 });
    for (const pointer of ['/a/', '/a/01', '/a/1e0', '/a/-']) expect(positionOfPointer(items, pointer)).toEqual({ line: 2, column: 3 });
    expect(positionOfPointer(items, '/b/')).toEqual({ line: 6, column: 10 });
  });

  it('counts CRLF files by line', () => {
    expect(positionOfPointer(text.replace(/\n/g, '\r\n'), '/a/b~1c/1/d')).toEqual({ line: 5, column: 9 });
  });
});

describe('escaping', () => {
  it('escapes GitHub workflow command data and properties as GitHub documents', () => {
    expect(escapeWorkflowData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeWorkflowProperty('dir/a:b,c%.json')).toBe('dir/a%3Ab%2Cc%25.json');
  });

  it('keeps tabs, line feeds and carriage returns through XML attribute and text normalization', () => {
    expect(escapeXmlAttribute('a\tb\nc\r\nd')).toBe('a&#9;b&#10;c&#13;&#10;d');
    expect(escapeXml('a\r\nb\tc')).toBe('a&#13;\nb\tc');
    const xml = junitOfDiagnostics({
      command: 'lint',
      ok: false,
      summary: '1 error',
      files: ['dir\tx.rules.json'],
      diagnostics: [{ code: 'X', severity: 'error', file: 'dir\tx.rules.json', pointer: '/a', message: 'first line\r\nsecond line' }],
    });
    const attributes = [...xml.matchAll(/ [a-z]+="([^"]*)"/g)].map((match) => match[1] ?? '');
    expect(attributes.filter((value) => /[\t\r\n]/.test(value))).toEqual([]);
    const { testsuites } = parseJunit(xml);
    const [testCase] = testsuites.testsuite[0].testcase;
    expect(testCase.failure[0].message).toBe('/a first line');
  });

  it('escapes XML text and drops characters XML cannot hold', () => {
    expect(escapeXml(`a & b < c > d "e" 'f'\u0001\u0008 g\u{1F600}`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos; g\u{1F600}');
  });
});

describe('--reporter', () => {
  let task: CoverageTaskDirectory;
  beforeEach(() => {
    task = writeCoverageTask();
  });
  afterEach(() => task.remove());

  const breakOperator = () => {
    const broken = structuredClone(coverageRuleSet) as LooseJson;
    broken.checks[0].conditions.all[1].operator = 'lessThanInclusiv';
    task.write(RULES_FILE, broken);
  };
  const failOneCase = () => {
    const [piccolo, grande, intermediario] = coverageCases.cases;
    task.write(CASES_FILE, { ...coverageCases, cases: [piccolo, { ...grande, description: 'Attesa sbagliata: 100% & <accolta>', expect: { verdict: 'ACCOLTA', reasons: [] } }, intermediario] });
  };

  it('exits 2 for an unknown reporter and suggests the closest', async () => {
    const run = await cli(['validate', '.', '--reporter', 'junt'], task.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual(['smart-task: --reporter "junt" is not a reporter. Did you mean "junit"? Use one of: text, json, junit, github.']);
  });

  describe('validate', () => {
    it('json: one document with every file, each issue with its line and column; the summary on standard error', async () => {
      breakOperator();
      const run = await cli(['validate', '.', '--reporter', 'json'], task.dir);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.out);
      const where = positionOf(task.dir, RULES_FILE, '"operator": "lessThanInclusiv"');
      expect(report).toMatchObject({ reportVersion: 1, command: 'validate', ok: false, summary: '1 issue in 1 file', counts: { error: 1, warning: 0, info: 0 } });
      expect([...report.files].sort()).toEqual([CASES_FILE, RULES_FILE, SCHEMA_FILE].sort());
      expect(report.diagnostics).toEqual([
        { code: 'UNKNOWN_OPERATOR', severity: 'error', file: RULES_FILE, pointer: '/checks/0/conditions/all/1/operator', line: where.line, column: where.column, message: expect.stringContaining('Did you mean "lessThanInclusive"?'), hint: null },
      ]);
      expect(run.stderr).toEqual(['1 issue in 1 file']);
    });

    it('json: a clean catalog is ok with no diagnostics', async () => {
      const run = await cli(['validate', '.', '--reporter', 'json'], task.dir);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.out)).toMatchObject({ ok: true, summary: 'ok: 1 task, 3 files checked', diagnostics: [], counts: { error: 0, warning: 0, info: 0 } });
      expect(run.stderr).toEqual(['ok: 1 task, 3 files checked']);
    });

    it('junit: one test case per file, a failure per error with its code', async () => {
      breakOperator();
      const run = await cli(['validate', '.', '--reporter', 'junit'], task.dir);
      expect(run.code).toBe(1);
      const { testsuites } = parseJunit(run.out);
      expect(testsuites).toMatchObject({ name: 'smart-task validate', tests: '3', failures: '1', errors: '0' });
      const [suite] = testsuites.testsuite;
      expect(suite).toMatchObject({ name: 'smart-task validate', tests: '3', failures: '1' });
      const cases = Object.fromEntries(suite.testcase.map((testCase: LooseJson) => [testCase.name, testCase]));
      expect(Object.keys(cases).sort()).toEqual([CASES_FILE, RULES_FILE, SCHEMA_FILE].sort());
      expect(cases[RULES_FILE].failure).toEqual([expect.objectContaining({ type: 'UNKNOWN_OPERATOR', message: expect.stringMatching(/^\/checks\/0\/conditions\/all\/1\/operator Unknown operator "lessThanInclusiv"/) })]);
      expect(cases[CASES_FILE].failure).toBeUndefined();
    });

    it('github: an error annotation at the line and column of the pointer', async () => {
      breakOperator();
      const run = await cli(['validate', '.', '--reporter', 'github'], task.dir);
      expect(run.code).toBe(1);
      const where = positionOf(task.dir, RULES_FILE, '"operator": "lessThanInclusiv"');
      expect(run.stdout).toEqual([
        expect.stringMatching(new RegExp(`^::error file=${RULES_FILE.replace(/\./g, '\\.')},line=${where.line},col=${where.column},title=UNKNOWN_OPERATOR::Unknown operator "lessThanInclusiv"\\..* \\(at /checks/0/conditions/all/1/operator\\)$`)),
      ]);
      expect(run.stderr).toEqual(['1 issue in 1 file']);
    });

    it('text: unchanged', async () => {
      breakOperator();
      const run = await cli(['validate', '.'], task.dir);
      expect(run.stdout).toEqual([expect.stringMatching(/^prova-copertura\.rules\.json:\/checks\/0\/conditions\/all\/1\/operator UNKNOWN_OPERATOR Unknown operator/), '1 issue in 1 file']);
      expect(run.stderr).toEqual([]);
    });
  });

  describe('test', () => {
    it('json: every case by task with its pointer, line and failures, and the coverage when measured', async () => {
      failOneCase();
      const run = await cli(['test', '.', '--reporter', 'json', '--coverage'], task.dir);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.out);
      expect(report).toMatchObject({ reportVersion: 1, command: 'test', ok: false, summary: '2 passed, 1 failed', passed: 2, failed: 1, minimumCoverage: null });
      expect(report.tasks).toHaveLength(1);
      expect(report.tasks[0]).toMatchObject({ task: 'prova-copertura', passed: 2, failed: 1 });
      const where = caseStart(task.dir, 'grande-urgente');
      expect(report.tasks[0].cases[1]).toEqual({
        id: 'grande-urgente',
        description: 'Attesa sbagliata: 100% & <accolta>',
        file: CASES_FILE,
        pointer: '/cases/1',
        line: where.line,
        column: where.column,
        passed: false,
        verdict: 'NON_ACCOLTA',
        reasons: ['NA-IMPORTO'],
        technicalFailure: null,
        failures: ['verdict: expected ACCOLTA, got NON_ACCOLTA', expect.stringMatching(/^reasons: expected \[\], got \[NA-IMPORTO\]\n {6}C-01 failed: .*\n {6}saw: request\.importo = 150 greaterThan 0 → true/)],
      });
      expect(report.coverage).toMatchObject({ outcomes: 10, outcomesSeen: 8, percent: 80, tasks: [{ task: 'prova-copertura' }] });
      expect(run.stderr).toEqual(['2 passed, 1 failed']);
    });

    it('junit: one test suite per task with a failure holding every mismatch, escaped', async () => {
      failOneCase();
      const run = await cli(['test', '.', '--reporter', 'junit', '--coverage'], task.dir);
      expect(run.code).toBe(1);
      expect(run.out).toContain('Attesa sbagliata: 100% &amp; &lt;accolta&gt;');
      const { testsuites } = parseJunit(run.out);
      expect(testsuites).toMatchObject({ name: 'smart-task test', tests: '3', failures: '1', errors: '0' });
      expect(testsuites.testsuite).toHaveLength(1);
      const [suite] = testsuites.testsuite;
      expect(suite).toMatchObject({ name: 'prova-copertura', tests: '3', failures: '1', skipped: '0' });
      expect(suite.properties.property).toContainEqual({ name: 'coverage.percent', value: '80' });
      expect(suite.testcase.map((testCase: LooseJson) => [testCase.classname, testCase.name, testCase.failure?.length ?? 0])).toEqual([
        ['prova-copertura', 'piccolo', 0],
        ['prova-copertura', 'grande-urgente', 1],
        ['prova-copertura', 'intermediario', 0],
      ]);
      const failure = suite.testcase[1].failure[0];
      expect(failure).toMatchObject({ type: 'CASE_FAILED', message: 'verdict: expected ACCOLTA, got NON_ACCOLTA' });
      expect(failure['#text']).toContain('request.importo = 150 lessThanInclusive 100 → false');
      expect(failure['#text']).toContain(`at ${CASES_FILE}:/cases/1`);
      expect(run.stderr).toEqual(['2 passed, 1 failed']);
    });

    it('github: an error on the failed case in its cases file, notices on the coverage gaps', async () => {
      failOneCase();
      const run = await cli(['test', '.', '--reporter', 'github', '--coverage'], task.dir);
      expect(run.code).toBe(1);
      const where = caseStart(task.dir, 'grande-urgente');
      const [caseAnnotation, ...notices] = run.out.split('\n');
      expect(caseAnnotation).toMatch(
        new RegExp(
          `^::error file=${CASES_FILE.replace(/\./g, '\\.')},line=${where.line},col=${where.column},title=CASE_FAILED::prova-copertura/grande-urgente — Attesa sbagliata: 100%25 & <accolta>%0Averdict: expected ACCOLTA, got NON_ACCOLTA%0Areasons: `,
        ),
      );
      expect(caseAnnotation).not.toMatch(/[\r\n]/);
      const motivo = positionOf(task.dir, RULES_FILE, '"conditions"', '"id": "C-02"');
      expect(notices).toContainEqual(
        `::notice file=${RULES_FILE},line=${motivo.line},col=${motivo.column},title=NOT_COVERED::C-02 request.motivo exists true: never false in the cases. Add a case of prova-copertura in which it is false. (at /checks/1/conditions)`,
      );
      const check = positionOf(task.dir, RULES_FILE, '"id": "C-02"').line - 1;
      expect(notices).toContainEqual(`::notice file=${RULES_FILE},line=${check},col=5,title=NOT_COVERED::check C-02: never failed in the cases. Add a case of prova-copertura in which it fails. (at /checks/1)`);
      expect(run.stderr).toEqual(['2 passed, 1 failed']);
    });

    it('reports a broken catalog as diagnostics with the chosen reporter', async () => {
      breakOperator();
      const run = await cli(['test', '.', '--reporter', 'json'], task.dir);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.out)).toMatchObject({ command: 'test', ok: false, diagnostics: [{ code: 'UNKNOWN_OPERATOR', file: RULES_FILE }] });
      expect(run.stderr).toEqual(['1 issue in 1 file: fix them before running the cases']);
    });
  });
});
