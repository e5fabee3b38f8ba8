import { catalogDocuments } from '@smart-task/rules';
import { decisionSchema } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/json/create-ajv.js';
import { formatIssue, loadCatalog, runCases } from '../src/index.js';

describe('the bundled catalog', () => {
  const loaded = loadCatalog(catalogDocuments);

  it('loads without issues', () => {
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect(loaded.ok).toBe(true);
  });

  it('passes every case', async () => {
    if (!loaded.ok) throw new Error('catalog did not load');
    const results = await runCases(loaded.value);
    expect(results.length).toBeGreaterThan(0);
    const failed = results.filter((result) => !result.passed).map((result) => `${result.task}/${result.caseId}: ${result.failures.join('; ')}`);
    expect(failed).toEqual([]);
  });
});

describe('every evaluation result of the cases', () => {
  it('matches the published decision schema', async () => {
    const loaded = loadCatalog(catalogDocuments);
    if (!loaded.ok) throw new Error('catalog did not load');
    const validate = createAjv().compile(decisionSchema as object);
    const results = (await runCases(loaded.value)).map((result) => JSON.parse(JSON.stringify(result.result)));
    expect(results.length).toBeGreaterThan(50);
    const kinds = new Set(results.map((result) => `${result.kind} ${result.verdict ?? result.error.code}`));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    for (const result of results) {
      if (!validate(result)) throw new Error(`${result.requestId}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  });
});
