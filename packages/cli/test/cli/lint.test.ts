import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, cli, useCatalogCopy } from './cli-harness.js';
import type { LooseJson } from '../../../core/test/support/loose-json.js';

const FIXTURES = 'packages/core/test/lint/fixtures';
const SUMMARY = /^\d+ errors?, \d+ warnings?, \d+ infos? \(\d+ tasks?, \d+ files? linted\)$/;

const NEVER_TRUE = `${FIXTURES}/LINT_CONDITION_NEVER_TRUE`;
const NEVER_TRUE_RULES = `${NEVER_TRUE}/prova-lint.rules.json`;
const NEVER_TRUE_MESSAGE = 'Check CHK-01 can never pass: posizione $.stato equal 4 and posizione $.stato equal 5 cannot all hold: posizione $.stato can only be 1, 2, 3, 4, 5, absent. Every request it applies to gets NA-PROVA.';
const NEVER_TRUE_HINT = 'correct the values or operators so that a valid request passes';
const NEVER_TRUE_SUMMARY = '1 error, 0 warnings, 0 infos (1 task, 2 files linted)';

const UNREAD = `${FIXTURES}/LINT_UNREAD_REQUEST_FIELD`;
const UNREAD_SCHEMA = `${UNREAD}/prova-lint.schema.json`;
const UNREAD_SUMMARY = '0 errors, 1 warning, 0 infos (1 task, 2 files linted)';

const junitParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) });

/** Parses JUnit XML after checking it is well-formed. */
function parseJunit(xml: string): LooseJson {
  expect(XMLValidator.validate(xml)).toBe(true);
  return junitParser.parse(xml);
}

/** The 1-based line and column where `needle` first occurs after `after` in a file of the repository. */
function positionOf(file: string, needle: string, after: string): { line: number; column: number } {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const offset = text.indexOf(needle, text.indexOf(after));
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

describe('smart-task lint', () => {
  it('passes on the real catalog: no error, the summary last', async () => {
    const run = await cli(['lint', 'packages/schemas', 'packages/rules']);
    expect(run.code).toBe(0);
    expect(run.stdout.at(-1)).toMatch(SUMMARY);
    expect(run.stdout.at(-1)).toMatch(/^0 errors, /);
    expect(run.stderr).toEqual([]);
  });

  it('prints file:pointer CODE message (fix: hint) for an error and exits 1', async () => {
    const run = await cli(['lint', NEVER_TRUE]);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([`${NEVER_TRUE_RULES}:/checks/0/conditions LINT_CONDITION_NEVER_TRUE ${NEVER_TRUE_MESSAGE} (fix: ${NEVER_TRUE_HINT})`, NEVER_TRUE_SUMMARY]);
    expect(run.stderr).toEqual([]);
  });

  it('names the severity of a warning after the pointer, and exits 0 when the findings are only warnings', async () => {
    const run = await cli(['lint', UNREAD]);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([
      `${UNREAD_SCHEMA}:/properties/note warning LINT_UNREAD_REQUEST_FIELD The form asks for "note", but no gate, check, operation, message or fact of task "prova-lint" reads request $.note. (fix: remove the field from the request schema, or read it in a condition, an operation parameter or a message placeholder)`,
      UNREAD_SUMMARY,
    ]);
  });

  describe('--reporter', () => {
    it('json: one document on stdout with counts, hint, line and column; the summary on stderr', async () => {
      const run = await cli(['lint', NEVER_TRUE, '--reporter', 'json']);
      expect(run.code).toBe(1);
      expect(run.stderr).toEqual([NEVER_TRUE_SUMMARY]);
      expect(JSON.parse(run.out)).toEqual({
        reportVersion: 1,
        command: 'lint',
        ok: false,
        summary: NEVER_TRUE_SUMMARY,
        counts: { error: 1, warning: 0, info: 0 },
        files: [NEVER_TRUE_RULES, `${NEVER_TRUE}/prova-lint.schema.json`],
        diagnostics: [
          {
            code: 'LINT_CONDITION_NEVER_TRUE',
            severity: 'error',
            file: NEVER_TRUE_RULES,
            pointer: '/checks/0/conditions',
            ...positionOf(NEVER_TRUE_RULES, '"conditions"', '"checks"'),
            message: NEVER_TRUE_MESSAGE,
            hint: NEVER_TRUE_HINT,
          },
        ],
      });
    });

    it('json: a warning-only catalog is ok, exit 0', async () => {
      const run = await cli(['lint', UNREAD, '--reporter', 'json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.out)).toMatchObject({ ok: true, summary: UNREAD_SUMMARY, counts: { error: 0, warning: 1, info: 0 }, diagnostics: [{ code: 'LINT_UNREAD_REQUEST_FIELD', severity: 'warning' }] });
      expect(run.stderr).toEqual([UNREAD_SUMMARY]);
    });

    it('junit: well-formed, one test case per file, a failure per error with its code, warnings in system-out', async () => {
      const failing = await cli(['lint', NEVER_TRUE, '--reporter', 'junit']);
      expect(failing.code).toBe(1);
      expect(failing.stderr).toEqual([NEVER_TRUE_SUMMARY]);
      const { testsuites } = parseJunit(failing.out);
      expect(testsuites).toMatchObject({ name: 'smart-task lint', tests: '2', failures: '1', errors: '0' });
      const [suite] = testsuites.testsuite;
      expect(suite).toMatchObject({ name: 'smart-task lint', tests: '2', failures: '1', skipped: '0' });
      const cases = Object.fromEntries(suite.testcase.map((testCase: LooseJson) => [testCase.name, testCase]));
      expect(Object.keys(cases).sort()).toEqual([NEVER_TRUE_RULES, `${NEVER_TRUE}/prova-lint.schema.json`]);
      expect(cases[NEVER_TRUE_RULES].failure).toEqual([expect.objectContaining({ type: 'LINT_CONDITION_NEVER_TRUE', message: `/checks/0/conditions ${NEVER_TRUE_MESSAGE}` })]);
      expect(cases[NEVER_TRUE_RULES].failure[0]['#text']).toContain(`(fix: ${NEVER_TRUE_HINT})`);
      expect(cases[`${NEVER_TRUE}/prova-lint.schema.json`].failure).toBeUndefined();

      const warning = parseJunit((await cli(['lint', UNREAD, '--reporter', 'junit'])).out);
      expect(warning.testsuites).toMatchObject({ tests: '2', failures: '0' });
      const schemaCase = warning.testsuites.testsuite[0].testcase.find((testCase: LooseJson) => testCase.name === UNREAD_SCHEMA);
      expect(schemaCase.failure).toBeUndefined();
      expect(schemaCase['system-out']).toMatch(/^packages\/.*prova-lint\.schema\.json:\/properties\/note warning LINT_UNREAD_REQUEST_FIELD .* \(fix: remove the field/);
    });

    it('github: one annotation per finding at the line and column of its pointer, with the hint', async () => {
      const error = await cli(['lint', NEVER_TRUE, '--reporter', 'github']);
      expect(error.code).toBe(1);
      const at = positionOf(NEVER_TRUE_RULES, '"conditions"', '"checks"');
      expect(error.stdout).toEqual([`::error file=${NEVER_TRUE_RULES},line=${at.line},col=${at.column},title=LINT_CONDITION_NEVER_TRUE::${NEVER_TRUE_MESSAGE} (fix: ${NEVER_TRUE_HINT}) (at /checks/0/conditions)`]);
      expect(error.stderr).toEqual([NEVER_TRUE_SUMMARY]);

      const warning = await cli(['lint', UNREAD, '--reporter', 'github']);
      expect(warning.code).toBe(0);
      const note = positionOf(UNREAD_SCHEMA, '"note"', '"properties"');
      expect(warning.stdout).toEqual([expect.stringMatching(new RegExp(`^::warning file=${UNREAD_SCHEMA},line=${note.line},col=${note.column},title=LINT_UNREAD_REQUEST_FIELD::The form asks for "note", .* \\(at /properties/note\\)$`))]);
    });

    it('exits 2 for an unknown reporter, listing the known ones', async () => {
      const run = await cli(['lint', UNREAD, '--reporter', 'jsno']);
      expect(run.code).toBe(2);
      expect(run.stdout).toEqual([]);
      expect(run.stderr).toEqual(['smart-task: --reporter "jsno" is not a reporter. Did you mean "json"? Use one of: text, json, junit, github.']);
    });
  });

  describe('on a catalog that does not load', () => {
    const catalog = useCatalogCopy();
    const breakOperator = () =>
      catalog.editJson('rules/tasks/revoca-delega-intermediario.rules.json', (json) => {
        json.checks.find((check: LooseJson) => check.id === 'DEL-RI-01').conditions.all[0].operator = 'equalz';
      });

    it('prints the loader issues instead of linting, and exits 1', async () => {
      breakOperator();
      const run = await cli(['lint', 'schemas', 'rules'], catalog.dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toContainEqual(expect.stringMatching(/^rules\/tasks\/revoca-delega-intermediario\.rules\.json:\/checks\/\d+\/conditions\/all\/0\/operator UNKNOWN_OPERATOR /));
      expect(run.stdout.at(-1)).toBe('1 issue in 1 file: fix them before linting');
      expect(run.stdout.some((line) => line.includes(' LINT_'))).toBe(false);
    });

    it('reports the loader issues with --reporter json, the summary on stderr', async () => {
      breakOperator();
      const run = await cli(['lint', 'schemas', 'rules', '--reporter', 'json'], catalog.dir);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.out);
      expect(report).toMatchObject({ command: 'lint', ok: false, summary: '1 issue in 1 file: fix them before linting', counts: { error: 1 } });
      expect(report.diagnostics.map((diagnostic: { code: string }) => diagnostic.code)).toEqual(['UNKNOWN_OPERATOR']);
      expect(run.stderr).toEqual(['1 issue in 1 file: fix them before linting']);
    });
  });

  it('exits 2 for a directory that does not exist', async () => {
    const run = await cli(['lint', 'nowhere']);
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: lint nowhere: no such file or directory/)]);
  });

  it('is listed in the usage text with its --reporter option', async () => {
    const run = await cli(['--help']);
    expect(run.out).toContain('smart-task lint [dir...] [--reporter text|json|junit|github]');
    expect(run.out).toMatch(/^ {2}--reporter text\|json\|junit\|github +validate, lint, test: /m);
  });
});
