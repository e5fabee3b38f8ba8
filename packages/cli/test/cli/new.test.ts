import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyCatalog, REPO_ROOT } from './cli-harness.js';
import { useTempRoot } from './monorepo-copy.js';

const TASK = 'variazione-sede-legale';
const SCHEMA = `packages/schemas/tasks/${TASK}.schema.json`;
const RULES = `packages/rules/tasks/${TASK}.rules.json`;
const CASES = `packages/rules/tasks/${TASK}.cases.json`;

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('smart-task new', () => {
  describe('in the monorepo layout', () => {
    const temp = useTempRoot({ withCatalog: true });

    it('writes the three files where the packages keep them, and they validate and pass their cases', { timeout: 60_000 }, async () => {
      const run = await cli(['new', TASK, '--title-it', 'Variazione sede legale', '--title-en', 'Change of registered office'], temp.dir);
      expect(run.stderr).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.stdout.slice(0, 3)).toEqual([`created ${SCHEMA}`, `created ${RULES}`, `created ${CASES}`]);
      expect(run.stdout).toContain(`    import variazioneSedeLegale from '../tasks/${TASK}.schema.json' with { type: 'json' };`);
      expect(run.stdout).toContainEqual(expect.stringContaining(`{ file: 'rules/tasks/${TASK}.rules.json', content: variazioneSedeLegaleRules }`));
      // The cases go to the cases entry, not to the runtime catalog of packages/rules/src/index.ts.
      expect(run.stdout).toContain('  packages/rules/src/cases.ts');
      expect(run.stdout).toContainEqual(expect.stringContaining(`{ file: 'rules/tasks/${TASK}.cases.json', content: variazioneSedeLegaleCases },   ← in caseDocuments`));

      const validate = await cli(['validate', 'packages/schemas', 'packages/rules'], temp.dir);
      expect(validate.stdout).toEqual([expect.stringMatching(/^ok: \d+ tasks, \d+ files checked/)]);
      const test = await cli(['test', 'packages/schemas', 'packages/rules', '--task', TASK], temp.dir);
      expect(test.stdout).toEqual([`${TASK}: 3 passed, 0 failed`, '3 passed, 0 failed']);
      expect(test.code).toBe(0);
      const lint = await cli(['lint', 'packages/schemas', 'packages/rules'], temp.dir);
      expect(lint.stdout.filter((line) => line.includes(TASK))).toEqual([]);
      expect(lint.code).toBe(0);
    });

    it('uses the gates of the rule library by reference, and cases for the field, the check and a failed gate', async () => {
      expect((await cli(['new', TASK], temp.dir)).code).toBe(0);
      const ruleSet = readJson(join(temp.dir, RULES));
      const library = readJson(join(temp.dir, 'packages/rules/shared/comuni.library.json'));
      expect(ruleSet.gates).toEqual(library.gates.map((gate: { id: string }) => ({ use: gate.id })));
      expect(ruleSet.status).toBe('planned');
      expect(ruleSet.operations).toEqual([]);
      expect(ruleSet.checks).toHaveLength(1);
      expect(ruleSet.checks[0].conditions.all[0]).toMatchObject({ fact: 'request', path: '$.dataDecorrenza' });
      expect(ruleSet.checks[0].message.it).toMatch(/^TODO/);
      expect(ruleSet.title).toEqual({ it: 'Variazione sede legale', en: 'TODO: English title of "Variazione sede legale"' });

      const schema = readJson(join(temp.dir, SCHEMA));
      expect(Object.keys(schema.properties)).toEqual(['dataDecorrenza']);
      expect(schema.required).toEqual(['dataDecorrenza']);

      const cases = readJson(join(temp.dir, CASES));
      const checkId = ruleSet.checks[0].id;
      expect(cases.cases.map((testCase: { expect: unknown }) => testCase.expect)).toEqual([
        { verdict: 'ACCOLTA', reasons: [], operations: [], checks: { [checkId]: 'PASSED' } },
        { verdict: 'NON_ACCOLTA', reasons: [ruleSet.checks[0].reasonCode], operations: [], checks: { [checkId]: 'FAILED' } },
        { verdict: 'NON_ACCOLTA', reasons: [expect.stringMatching(/^NA-AUTH-/)], operations: [], checks: { [checkId]: 'NOT_EVALUATED' } },
      ]);
      const gateReasons = library.gates.map((gate: { reasonCode: string }) => gate.reasonCode);
      expect(gateReasons).toContain(cases.cases[2].expect.reasons[0]);
    });

    it('refuses a task id that exists, without touching its files', async () => {
      const before = readFileSync(join(temp.dir, 'packages/rules/tasks/revoca-delega-intermediario.rules.json'), 'utf8');
      const run = await cli(['new', 'revoca-delega-intermediario'], temp.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: packages\/schemas\/tasks\/revoca-delega-intermediario\.schema\.json, .* already exist: smart-task new never overwrites\. Choose another task id/)]);
      expect(readFileSync(join(temp.dir, 'packages/rules/tasks/revoca-delega-intermediario.rules.json'), 'utf8')).toBe(before);
    });

    it('refuses an id another file of the catalog already defines', async () => {
      cpSync(join(temp.dir, 'packages/rules/tasks/revoca-delega-intermediario.rules.json'), join(temp.dir, 'packages/rules/tasks/revoca-v2.rules.json'));
      rmSync(join(temp.dir, 'packages/schemas/tasks/revoca-delega-intermediario.schema.json'));
      rmSync(join(temp.dir, 'packages/rules/tasks/revoca-delega-intermediario.rules.json'));
      rmSync(join(temp.dir, 'packages/rules/tasks/revoca-delega-intermediario.cases.json'));
      const again = await cli(['new', 'revoca-delega-intermediario'], temp.dir);
      expect(again.code).toBe(2);
      expect(again.stderr).toEqual(['smart-task: task "revoca-delega-intermediario" already exists in packages/rules/tasks/revoca-v2.rules.json: choose another task id, or edit that task\'s files.']);
      expect(existsSync(join(temp.dir, 'packages/rules/tasks/revoca-delega-intermediario.rules.json'))).toBe(false);
    });
  });

  describe("in a catalog of schemas/ and rules/ roots (the packages' layout without packages/)", () => {
    it('writes each file where that layout keeps it: schemas/tasks and rules/tasks, and they validate and pass', { timeout: 60_000 }, async () => {
      const copy = copyCatalog();
      try {
        const run = await cli(['new', TASK, '--dir', copy.dir], REPO_ROOT);
        expect(run.stderr).toEqual([]);
        expect(run.code).toBe(0);
        const written = [`schemas/tasks/${TASK}.schema.json`, `rules/tasks/${TASK}.rules.json`, `rules/tasks/${TASK}.cases.json`];
        for (const file of written) expect(existsSync(copy.path(file)), file).toBe(true);
        expect(readdirSync(copy.dir).sort()).toEqual(['rules', 'schemas']);
        expect(run.stdout).not.toContainEqual(expect.stringContaining('request-schemas.ts'));
        expect(run.stdout.at(-1)).toBe(`Next: replace the TODOs, then run smart-task validate ${join(copy.dir, 'schemas')} ${join(copy.dir, 'rules')} and smart-task test ${join(copy.dir, 'schemas')} ${join(copy.dir, 'rules')} --task ${TASK}.`);
        // The catalog's rule library is found through rules/shared: the gates are used by reference.
        const library = readJson(copy.path('rules/shared/comuni.library.json'));
        expect(readJson(copy.path(written[1] ?? '')).gates).toEqual(library.gates.map((gate: { id: string }) => ({ use: gate.id })));

        const validate = await cli(['validate', 'schemas', 'rules'], copy.dir);
        expect(validate.stdout).toEqual([expect.stringMatching(/^ok: \d+ tasks, \d+ files checked/)]);
        const test = await cli(['test', 'schemas', 'rules', '--task', TASK], copy.dir);
        expect(test.stdout).toEqual([`${TASK}: 3 passed, 0 failed`, '3 passed, 0 failed']);
        expect(test.code).toBe(0);
      } finally {
        copy.remove();
      }
    });

    it('writes into schemas/ and rules/ themselves when they have no tasks folder', { timeout: 60_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smart-task-roots-'));
      try {
        mkdirSync(join(dir, 'schemas'));
        mkdirSync(join(dir, 'rules'));
        const run = await cli(['new', 'cambio-iban', '--dir', '.'], dir);
        expect(run.code).toBe(0);
        expect(run.stdout.slice(0, 3)).toEqual(['created schemas/cambio-iban.schema.json', 'created rules/cambio-iban.rules.json', 'created rules/cambio-iban.cases.json']);
        expect(readdirSync(dir).sort()).toEqual(['rules', 'schemas']);
        expect(run.stdout.at(-1)).toBe('Next: replace the TODOs, then run smart-task validate schemas rules and smart-task test schemas rules --task cambio-iban.');
        expect((await cli(['validate', 'schemas', 'rules'], dir)).stdout).toEqual(['ok: 1 task, 3 files checked']);
        const test = await cli(['test', 'schemas', 'rules'], dir);
        expect(test.stdout.at(-1)).toBe('3 passed, 0 failed');
        expect(test.code).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('in a directory without the packages', () => {
    const temp = useTempRoot({ withCatalog: false });
    it('writes the three files into --dir, with a gate written out, and they validate and pass', { timeout: 60_000 }, async () => {
      const run = await cli(['new', 'cambio-iban', '--dir', temp.dir], REPO_ROOT);
      expect(run.code).toBe(0);
      expect(readdirSync(temp.dir).sort()).toEqual(['cambio-iban.cases.json', 'cambio-iban.rules.json', 'cambio-iban.schema.json']);
      expect(run.stdout).not.toContainEqual(expect.stringContaining('request-schemas.ts'));
      const ruleSet = readJson(join(temp.dir, 'cambio-iban.rules.json'));
      expect(ruleSet.gates).toEqual([expect.objectContaining({ id: 'AUTH-01', reasonCode: 'NA-AUTH-PROFILO' })]);

      expect((await cli(['validate', '.'], temp.dir)).stdout).toEqual(['ok: 1 task, 3 files checked']);
      const test = await cli(['test'], temp.dir);
      expect(test.stdout.at(-1)).toBe('3 passed, 0 failed');
      expect(test.code).toBe(0);
    });

    it('refuses an id that is not kebab-case and writes nothing', async () => {
      const run = await cli(['new', 'Cambio_IBAN'], temp.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual(['smart-task: task id "Cambio_IBAN" is not kebab-case: use lower-case letters and digits separated by single hyphens. Did you mean "cambio-iban"?']);
      expect(readdirSync(temp.dir)).toEqual([]);
    });

    it('never overwrites a file of the new task', async () => {
      expect((await cli(['new', 'cambio-iban'], temp.dir)).code).toBe(0);
      const run = await cli(['new', 'cambio-iban'], temp.dir);
      expect(run.code).toBe(2);
      expect(run.stderr[0]).toMatch(/already exist: smart-task new never overwrites/);
    });

    it('refuses a --dir that does not exist', async () => {
      const run = await cli(['new', 'cambio-iban', '--dir', 'nowhere'], temp.dir);
      expect(run.code).toBe(2);
      expect(run.stderr[0]).toMatch(/^smart-task: --dir nowhere: no such directory; give the root of the catalog/);
    });
  });
});
