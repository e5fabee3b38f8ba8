import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import { describe, expect, it } from 'vitest';
import { MUTATION_KINDS, runCatalogMutations } from '../../../../bench/fuzz/harness.mjs';
import * as main from '../../src/index.js';
import * as testing from '../../src/entries/testing.js';

/** The fuzzers take the library as one object: the main entry and the testing helpers. */
const core = { ...main, ...testing };
/** The bundled catalog with its cases, which the fuzzers build their requests from. */
const documents = [...catalogDocuments, ...caseDocuments];

/**
 * The catalog mutator at CI size (`pnpm fuzz` runs more): 100 mutated copies of the bundled catalog,
 * each with one value deleted, of another type, a long string, one level deeper, a non-JSON number,
 * or a document dropped or duplicated. Loading must return issues, never throw; a catalog that loads
 * must give an engine or a SmartTaskError.
 */
describe('mutated catalogs', () => {
  it('never make the loader or createEngine throw', { timeout: 180_000 }, () => {
    const { counts, throws } = runCatalogMutations({ core, documents, count: 100, seed: 20_261_202, kinds: MUTATION_KINDS, createEngine: true });
    expect(throws).toEqual([]);
    expect(counts.catalogs).toBe(100);
    expect(counts.refused).toBeGreaterThan(20);
    expect(counts.loaded).toBeGreaterThan(10);
  });
});
