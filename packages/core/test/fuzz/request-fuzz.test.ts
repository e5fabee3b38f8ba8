import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRequestFuzz } from '../../../../bench/fuzz/harness.mjs';
import * as main from '../../src/index.js';
import * as testing from '../../src/entries/testing.js';

/** The fuzzers take the library as one object: the main entry and the testing helpers. */
const core = { ...main, ...testing };
/** The bundled catalog with its cases, which the fuzzers build their requests from. */
const documents = [...catalogDocuments, ...caseDocuments];

/**
 * The request fuzzer at CI size (`pnpm fuzz` runs it at full size against the built packages):
 * 10,000 calls of evaluate, decide, composeForm, validate, pruneHidden, listTasks, ruleSetInForce and
 * performOperations
 * with requests built from the catalog's cases and fields replaced by fast-check's `anything` or by
 * hostile values, with a fixed seed.
 */
describe('fuzzed requests', () => {
  it('each end in a result or a SmartTaskError with coded issues, never another throw', { timeout: 180_000 }, async () => {
    const { counts, examples } = await runRequestFuzz({ core, documents, fc, runs: 10_000, seed: 20_261_202 });
    expect(examples).toEqual([]);
    expect(counts.uncoded).toBe(0);
    expect(counts.requests).toBe(10_000);
    expect(counts.results).toBeGreaterThan(1_000);
    expect(counts.coded).toBeGreaterThan(1_000);
  });
});
