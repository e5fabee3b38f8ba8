import { decisionSchema } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/formats/create-ajv.js';
import { formatIssue } from '../src/index.js';
import { bundledCaseResults, bundledCatalogLoad } from './support/shared-engine.js';

describe('the bundled catalog', () => {
  it('loads without issues', () => {
    const loaded = bundledCatalogLoad();
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect(loaded.ok).toBe(true);
  });

  it('passes every case', async () => {
    const results = await bundledCaseResults();
    expect(results.length).toBeGreaterThan(0);
    const failed = results.filter((result) => !result.passed).map((result) => `${result.task}/${result.caseId}: ${result.failures.join('; ')}`);
    expect(failed).toEqual([]);
  });
});

describe('every evaluation result of the cases', () => {
  it('matches the published decision schema', async () => {
    const validate = createAjv().compile(decisionSchema as object);
    const results = (await bundledCaseResults()).map((result) => JSON.parse(JSON.stringify(result.result)));
    expect(results.length).toBeGreaterThan(50);
    const kinds = new Set(results.map((result) => `${result.kind} ${result.verdict ?? result.error.code}`));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    for (const result of results) {
      if (!validate(result)) throw new Error(`${result.requestId}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  });
});
