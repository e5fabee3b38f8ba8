import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import type { CasesDocument, JsonSchema, RuleSetDocument } from '@smart-task/schemas';
import type { DataPort } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import { resolvePath } from '../src/json/path.js';
import { createInMemoryActionPort, createInMemoryDataPort, runCases } from '../src/entries/testing.js';
import { type ReadyForm } from '../src/index.js';
import { loadCatalogFromDirectories } from '../src/node/index.js';
import { REPO_ROOT } from '../../cli/test/cli/cli-harness.js';
import { portableSubsetIssues } from './support/portable-subset.js';
import { engineFor } from './support/shared-engine.js';

/**
 * One walk over the whole catalog as it is on disk: every task composes a portable form for the sample
 * subject of its cases file, asks nothing the port already knows, and every case passes.
 */
const loaded = loadCatalogFromDirectories([join(REPO_ROOT, 'packages/schemas'), join(REPO_ROOT, 'packages/rules')]);
if (!loaded.ok) throw new Error(`the catalog must load:\n${loaded.issues.map((item) => `${item.file}:${item.pointer} ${item.message}`).join('\n')}`);
const catalog = loaded.value;
const tasks = [...catalog.tasks.values()];
const latest = (taskId: string) => (catalog.tasks.get(taskId)?.ruleSets.at(-1) as { document: RuleSetDocument }).document;

/** The fields a composed form asks: base properties and those of conditional blocks. */
function askedFields(schema: JsonSchema): string[] {
  const base = Object.keys((schema.properties as object | undefined) ?? {});
  const conditional = ((schema.allOf as { then: { properties: object } }[] | undefined) ?? []).flatMap((block) => Object.keys(block.then.properties));
  return [...base, ...conditional];
}

describe('the whole catalog', () => {
  it('has the 17 Smart-Tasks of the domain, each with cases', () => {
    expect(tasks.length).toBe(17);
    for (const task of tasks) expect(task.cases.length, task.id).toBeGreaterThan(0);
  });

  it.each(tasks.map((task) => [task.id]))('%s composes a portable form for its sample subject that asks nothing the port knows', async (taskId) => {
    const task = catalog.tasks.get(taskId);
    const cases = task?.cases[0]?.document as CasesDocument;
    const subject = cases.subject ?? cases.cases[0]?.subject;
    if (!subject) throw new Error(`${taskId}: the cases file has no sample subject`);
    // The port answers, recorded apart from the engine, to tell what the port knew independently of the form.
    const inMemory = createInMemoryDataPort(cases.fixture ?? { facts: {} });
    const answers: { port: string; result: unknown }[] = [];
    const dataPort: DataPort = {
      async fetch(port, params, context) {
        const result = await inMemory.fetch(port, params, context);
        answers.push({ port, result });
        return result;
      },
    };
    const engine = engineFor({ dataPort, actionPort: createInMemoryActionPort(), clock: { now: () => new Date(cases.now ?? '2026-03-10T09:00:00+01:00') } }, { plannedTasks: 'all' });
    const form = await engine.composeForm(taskId, subject);
    expect(form.status, JSON.stringify(form)).toBe('ready');
    const ready = form as ReadyForm;
    expect(portableSubsetIssues(ready.schema, taskId)).toEqual([]);

    const facts = latest(taskId).facts;
    const requestFields = task?.requestSchema.document.properties as Record<string, JsonSchema>;
    const asked = askedFields(ready.schema);
    for (const field of asked) {
      const known = requestFields[field]?.['x-known'] as { fact: string; path?: string } | undefined;
      if (!known) continue;
      const declaration = facts[known.fact];
      const values = known.fact === 'subject' ? [resolvePath(subject, known.path)] : declaration && 'port' in declaration ? answers.filter((answer) => answer.port === declaration.port).map((answer) => resolvePath(answer.result, known.path)) : [];
      expect(
        values.filter((value) => value !== undefined && value !== null),
        `${taskId} asks ${field} although the port answered it`,
      ).toEqual([]);
    }
    for (const item of ready.known) expect(asked, `${taskId} shows ${item.field} as known and also asks it`).not.toContain(item.field);
  });

  it('passes every case, and every reason code of every rule set is produced by at least one case', async () => {
    const results = await runCases(catalog);
    expect(results.filter((result) => !result.passed).map((result) => `${result.task}/${result.caseId}: ${result.failures.join('; ')}`)).toEqual([]);
    const produced = new Set(results.flatMap((result) => (result.result?.kind === 'decision' ? [...result.result.reasons, ...result.result.warnings].map((reason) => `${result.task} ${reason.code}`) : [])));
    const named = tasks.flatMap((task) => {
      const document = latest(task.id);
      return [...new Set([...document.gates, ...document.checks].map((rule) => `${task.id} ${rule.reasonCode}`))];
    });
    expect(named.filter((code) => !produced.has(code))).toEqual([]);
  });

  it('is what @smart-task/rules and @smart-task/schemas bundle: every file on disk, and nothing else; the cases apart', () => {
    const onDisk = (directory: string, prefix: string) =>
      readdirSync(join(REPO_ROOT, directory))
        .filter((name) => name.endsWith('.json'))
        .map((name) => `${prefix}/${name}`);
    const isCases = (file: string) => file.endsWith('.cases.json');
    const expected = [...onDisk('packages/rules/tasks', 'rules/tasks').filter((file) => !isCases(file)), ...onDisk('packages/rules/shared', 'rules/shared'), ...onDisk('packages/schemas/tasks', 'schemas/tasks'), 'schemas/port-contract.json'].sort();
    expect(catalogDocuments.map((document) => document.file).sort()).toEqual(expected);
    const expectedCases = onDisk('packages/rules/tasks', 'rules/tasks').filter(isCases).sort();
    expect(expectedCases).toHaveLength(17);
    expect(caseDocuments.map((document) => document.file).sort()).toEqual(expectedCases);
  });
});
