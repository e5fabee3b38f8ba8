import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCatalogDocument } from '../../src/catalog-doc/render-catalog-doc.js';
import { loadCatalogFromDirectories } from '@smart-task/core/node';
import { cli, useCatalogCopy } from './cli-harness.js';

const catalogOf = (dir: string) => {
  const loaded = loadCatalogFromDirectories([`${dir}/schemas`, `${dir}/rules`]);
  if (!loaded.ok) throw new Error(loaded.issues.map((item) => item.message).join('\n'));
  return loaded.value;
};

describe('the catalog document', () => {
  const catalog = useCatalogCopy();

  it('documents every task with its form, every gate and check with reason code and message, and its operations', () => {
    const value = catalogOf(catalog.dir);
    const text = renderCatalogDocument(value);
    for (const task of value.tasks.values()) {
      const { document } = task.ruleSets.at(-1) as (typeof task.ruleSets)[number];
      expect(text).toContain(`## ${document.title.it}`);
      expect(text).toContain(`\`${task.id}\``);
      for (const rule of [...document.gates, ...document.checks]) {
        expect(text).toContain(`| ${rule.id} |`);
        expect(text).toContain(`\`${rule.reasonCode}\``);
      }
      for (const operation of document.operations) expect(text).toContain(`(action \`${operation.action}\`)`);
    }
    expect(text).toContain("| `dataRipresa` | Data di ripresa dell'attività con dipendenti<br>*Date activity with employees resumes* | string (date) | asked, required |");
    expect(text).toContain('| `statoAttuale` | Stato attuale della posizione<br>*Current state of the position* | integer | known: `posizione.stato`, shown read-only |');
    expect(renderCatalogDocument(value)).toBe(text);
  });

  it('is written by smart-task doc, and --check passes until a rule set changes, then names the stale file', async () => {
    const write = await cli(['doc', 'schemas', 'rules', '--out', 'catalog.md'], catalog.dir);
    expect(write.code).toBe(0);
    expect(write.stdout[0]).toBe('wrote catalog.md');
    expect(readFileSync(catalog.path('catalog.md'), 'utf8')).toBe(renderCatalogDocument(catalogOf(catalog.dir)));
    expect((await cli(['doc', 'schemas', 'rules', '--out', 'catalog.md', '--check'], catalog.dir)).code).toBe(0);

    catalog.editJson('rules/tasks/riattivazione-posizione-contributiva.rules.json', (json) => {
      json.checks[0].message.it = 'Messaggio cambiato.';
    });
    const check = await cli(['doc', 'schemas', 'rules', '--out', 'catalog.md', '--check'], catalog.dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toEqual(['catalog.md: out of date', '1 generated file in . does not match the rule sets: run smart-task doc (pnpm catalog:doc) to regenerate']);
  });

  it('refuses to write from a broken catalog, and asks for --out', async () => {
    catalog.editJson('rules/tasks/riattivazione-posizione-contributiva.rules.json', (json) => {
      json.checks[0].severity = 'FATAL';
    });
    const broken = await cli(['doc', 'schemas', 'rules', '--out', 'catalog.md'], catalog.dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout.at(-1)).toBe('1 issue in 1 file: fix them before generating the catalog document');
    const noOut = await cli(['doc', 'schemas', 'rules'], catalog.dir);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toEqual(['smart-task: missing --out: add --out docs/catalog.md.']);
  });
});
