import { catalogDocuments } from '@smart-task/rules';
import { describe, expect, it } from 'vitest';
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
