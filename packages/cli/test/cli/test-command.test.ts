import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, useCatalogCopy } from './cli-harness.js';

const CASES = 'rules/tasks/revoca-delega-intermediario.cases.json';
/** A request the base fixture of the revoca cases accepts on 2026-03-10. */
const ACCEPTED_DATA = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'CESSAZIONE_INCARICO' };

describe('smart-task test', () => {
  it('passes every case of the real catalog', { timeout: 60_000 }, async () => {
    const run = await cli(['test', 'packages/schemas', 'packages/rules']);
    const last = run.stdout.at(-1) ?? '';
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(last.split(' ')[0])).toBeGreaterThan(0);
    expect(run.stdout).toContainEqual(expect.stringMatching(/^revoca-delega-intermediario: \d+ passed, 0 failed$/));
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
  });

  describe('on a copy', () => {
    const catalog = useCatalogCopy();

    it('prints a failing case with expected vs actual and ends with the counts', { timeout: 60_000 }, async () => {
      catalog.editJson(CASES, (json) => {
        json.now = '2026-03-10T09:00:00+01:00';
        json.cases = [
          { id: 'cli-accolta', description: 'Accepted as expected', data: ACCEPTED_DATA, expect: { verdict: 'ACCOLTA', reasons: [] } },
          { id: 'cli-broken', description: 'Expects the wrong verdict', data: ACCEPTED_DATA, expect: { verdict: 'NON_ACCOLTA', reasons: [] } },
        ];
      });
      const run = await cli(['test', 'schemas', 'rules', '--task', 'revoca-delega-intermediario'], catalog.dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toEqual([
        'revoca-delega-intermediario: 1 passed, 1 failed',
        '✘ revoca-delega-intermediario/cli-broken — Expects the wrong verdict',
        '    verdict: expected NON_ACCOLTA, got ACCOLTA',
        `    at ${CASES}:/cases/1`,
        '1 passed, 1 failed',
      ]);
    });

    it('runs only the cases of --task', async () => {
      const run = await cli(['test', 'schemas', 'rules', '--task', 'revoca-delega-intermediario'], catalog.dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toHaveLength(2);
      expect(run.stdout[0]).toMatch(/^revoca-delega-intermediario: \d+ passed, 0 failed$/);
      expect(run.stdout[1]).toBe(run.stdout[0]?.replace('revoca-delega-intermediario: ', ''));
    });

    it('exits 2 for an unknown --task', async () => {
      const run = await cli(['test', 'schemas', 'rules', '--task', 'revoca-delega'], catalog.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: unknown task "revoca-delega"\..*Known tasks: .*revoca-delega-intermediario/)]);
    });

    it('prints the catalog issues and runs nothing when the catalog is broken', async () => {
      catalog.editJson('rules/tasks/revoca-delega-intermediario.rules.json', (json) => {
        json.$schema = 'nope';
      });
      const run = await cli(['test', 'schemas', 'rules'], catalog.dir);
      expect(run.code).toBe(1);
      expect(run.stdout[0]).toMatch(/^rules\/tasks\/revoca-delega-intermediario\.rules\.json:\/\$schema WRONG_SCHEMA /);
      expect(run.stdout.at(-1)).toMatch(/issues? in \d+ files?: fix them before running the cases$/);
    });

    it('fails when no case ran', async () => {
      const casesFiles = readdirSync(catalog.dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.cases.json'));
      expect(casesFiles).toContain(join('rules', 'tasks', 'revoca-delega-intermediario.cases.json'));
      for (const file of casesFiles) rmSync(catalog.path(file));
      const run = await cli(['test', 'schemas', 'rules'], catalog.dir);
      expect(run.code).toBe(1);
      expect(run.stdout.at(-1)).toBe('0 passed, 0 failed');
      expect(run.stdout).toContainEqual('revoca-delega-intermediario: no cases');
      expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: no case ran/)]);
    });

    it('uses --now for cases that fix no clock', async () => {
      catalog.editJson(CASES, (json) => {
        delete json.now;
        json.cases = [{ id: 'cli-clock', description: 'Depends on the clock', data: ACCEPTED_DATA, expect: { verdict: 'ACCOLTA' } }];
      });
      const inWindow = await cli(['test', 'schemas', 'rules', '--task', 'revoca-delega-intermediario', '--now', '2026-03-10T09:00:00+01:00'], catalog.dir);
      expect(inWindow.stdout.at(-1)).toBe('1 passed, 0 failed');
      expect(inWindow.code).toBe(0);
      const late = await cli(['test', 'schemas', 'rules', '--task', 'revoca-delega-intermediario', '--now', '2027-06-01T09:00:00+02:00'], catalog.dir);
      expect(late.code).toBe(1);
      expect(late.out).toContain('verdict: expected ACCOLTA, got NON_ACCOLTA');
      expect(late.stdout.at(-1)).toBe('0 passed, 1 failed');
    });

    it('exits 2 for an invalid --now', async () => {
      const run = await cli(['test', 'schemas', 'rules', '--now', '2026-03-10'], catalog.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual([expect.stringMatching(/^smart-task: --now "2026-03-10" is not an ISO date-time/)]);
    });
  });
});
