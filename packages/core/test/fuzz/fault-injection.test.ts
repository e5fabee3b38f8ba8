import { catalogDocuments } from '@smart-task/rules';
import { caseDocuments } from '@smart-task/rules/cases';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, runFaultCampaign } from '../../../../bench/fuzz/harness.mjs';
import * as main from '../../src/index.js';
import * as testing from '../../src/entries/testing.js';

/** The fuzzers take the library as one object: the main entry and the testing helpers. */
const core = { ...main, ...testing };
/** The bundled catalog with its cases, which the fuzzers build their requests from. */
const documents = [...catalogDocuments, ...caseDocuments];

/**
 * The fault-injection run at CI size (`pnpm fuzz` runs it at full size against the built packages):
 * about 2,000 evaluations of the catalog's cases, each with one data-port fault — a throw, a
 * PortError of each code, a hang past the deadline, a late answer, a contract-breaking answer,
 * Infinity — and a fixed seed.
 */
describe('faults injected on data-port calls across the catalog', () => {
  it('never turn into another verdict, a throw or a late answer used', { timeout: 180_000 }, async () => {
    const { counts, byKind, examples } = await runFaultCampaign({ core, documents, evaluations: 2_000, seed: 20_261_202, timeoutMs: 25, concurrency: 8 });
    expect(examples).toEqual([]);
    expect(counts.wrongVerdicts).toBe(0);
    expect(counts.throws).toBe(0);
    expect(counts.lateAccepted).toBe(0);
    expect(counts.withFaults).toBeGreaterThan(1_500);
    expect(counts.lateInjected).toBeGreaterThan(100);
    for (const kind of FAULT_KINDS) expect(byKind[kind]?.injected, kind).toBeGreaterThan(100);
  });
});
