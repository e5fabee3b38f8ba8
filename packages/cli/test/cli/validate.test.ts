import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, useCatalogCopy } from './cli-harness.js';

const RULES = 'rules/tasks/revoca-delega-intermediario.rules.json';
const LIBRARY = 'rules/shared/comuni.library.json';

describe('smart-task validate', () => {
  it('passes on the real catalog', async () => {
    const run = await cli(['validate', 'packages/schemas', 'packages/rules']);
    expect(run.stdout).toHaveLength(1);
    expect(run.stdout[0]).toMatch(/^ok: \d+ tasks, \d+ files checked$/);
    expect(run.code).toBe(0);
  });

  it('reads a file reached through two directories once', async () => {
    const once = await cli(['validate', 'packages/schemas', 'packages/rules']);
    const twice = await cli(['validate', 'packages/schemas', 'packages/rules', 'packages/rules/tasks']);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toEqual(once.stdout);
  });

  describe('on a corrupted copy', () => {
    const catalog = useCatalogCopy();

    const validate = () => cli(['validate', 'schemas', 'rules'], catalog.dir);

    it('the copy itself is clean', async () => {
      const run = await validate();
      expect(run.stdout).toEqual([expect.stringMatching(/^ok: \d+ tasks, \d+ files checked$/)]);
      expect(run.code).toBe(0);
    });

    it('reports an unknown operator at its pointer and suggests the right one', async () => {
      catalog.editJson(LIBRARY, (json) => {
        expect(json.gates[3].conditions.all[1].operator).toBe('equal');
        json.gates[3].conditions.all[1].operator = 'equalz';
      });
      const run = await validate();
      expect(run.code).toBe(1);
      const line = run.stdout.find((item) => item.includes('UNKNOWN_OPERATOR'));
      expect(line).toMatch(/^rules\/shared\/comuni\.library\.json:\/gates\/3\/conditions\/all\/1\/operator UNKNOWN_OPERATOR Unknown operator "equalz"\. Did you mean "equal"\?/);
      expect(run.stdout.at(-1)).toBe('1 issue in 1 file');
    });

    it('reports a missing Italian message', async () => {
      catalog.editJson(RULES, (json) => {
        delete json.checks[0].message.it;
      });
      const run = await validate();
      expect(run.code).toBe(1);
      expect(run.stdout).toContainEqual(expect.stringMatching(/^rules\/tasks\/revoca-delega-intermediario\.rules\.json:\/checks\/0\/message MISSING_TRANSLATION .*Italian/));
    });

    it('reports a wrong $schema', async () => {
      catalog.editJson(RULES, (json) => {
        json.$schema = 'https://smart-task.dev/schemas/cases/v1.json';
      });
      const run = await validate();
      expect(run.code).toBe(1);
      expect(run.stdout).toContainEqual(expect.stringMatching(/^rules\/tasks\/revoca-delega-intermediario\.rules\.json:\/\$schema WRONG_SCHEMA /));
    });

    it('reports broken JSON syntax with the line', async () => {
      let line = 0;
      catalog.edit(RULES, (text) => {
        const lines = text.split('\n');
        const index = lines.findIndex((item) => item.includes('"version": "1.0.0",'));
        lines[index] = (lines[index] as string).replace('"1.0.0",', '"1.0.0"');
        line = index + 2; // the error shows at the next property
        return lines.join('\n');
      });
      const run = await validate();
      expect(run.code).toBe(1);
      expect(run.stdout).toContainEqual(expect.stringMatching(new RegExp(`^rules/tasks/revoca-delega-intermediario\\.rules\\.json:/ JSON_SYNTAX Not valid JSON at line ${line}, column \\d+`)));
      expect(run.stdout.at(-1)).toMatch(/^\d+ issues? in \d+ files?$/);
    });

    it.each([[[]], [['--reporter', 'github']], [['--reporter', 'json']]])('reports conditions nested 2,000 deep with file and pointer, not as an unexpected error (%j)', async (reporter) => {
      catalog.editJson(RULES, (json) => {
        let condition: object = { fact: 'request', path: '$.motivo', operator: 'exists', value: true };
        for (let level = 0; level < 2000; level += 1) condition = { all: [condition] };
        json.checks[0].conditions = condition;
      });
      const run = await cli(['validate', 'schemas', 'rules', ...reporter], catalog.dir);
      expect(run.code).toBe(1);
      expect(run.out).not.toMatch(/unexpected/i);
      expect(run.out).toContain('NESTING_TOO_DEEP');
      expect(run.out).toContain('revoca-delega-intermediario.rules.json');
      expect(run.out).toContain('/checks/0/conditions/all/0/all/0');
    });

    it('counts issues and files in the summary', async () => {
      catalog.editJson(RULES, (json) => {
        delete json.checks[0].message.it;
        delete json.checks[1].message.en;
      });
      catalog.editJson('rules/tasks/variazione-indirizzo-pec-aziendale.rules.json', (json) => {
        json.$schema = 'nope';
      });
      const run = await validate();
      expect(run.code).toBe(1);
      expect(run.stdout.at(-1)).toBe('3 issues in 2 files');
    });

    it('says so when a directory holds no catalog file', async () => {
      mkdirSync(catalog.path('empty'));
      const run = await cli(['validate', 'empty'], catalog.dir);
      expect(run.code).toBe(1);
      expect(run.stdout.at(-1)).toMatch(/^no catalog files found in empty/);
    });

    it('exits 2 with one line for a directory that does not exist', async () => {
      const run = await cli(['validate', 'nowhere'], catalog.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: validate nowhere: no such file or directory/)]);
      expect(run.stdout).toEqual([]);
    });
  });
});
