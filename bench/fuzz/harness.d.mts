// Types of harness.mjs for the tests that run it.
import type * as Core from '@smart-task/core';
import type { CatalogDocument } from '@smart-task/schemas';
import type FastCheck from 'fast-check';

export interface Random {
  next(): number;
  int(size: number): number;
  pick<T>(items: readonly T[]): T;
}
export function createRandom(seed: number): Random;

export interface Modules {
  readonly core: typeof Core;
  /** The catalog with its cases: `[...catalogDocuments, ...caseDocuments]` of `@smart-task/rules` and `@smart-task/rules/cases`. */
  readonly documents: readonly CatalogDocument[];
}

export const FAULT_KINDS: readonly string[];
export interface FaultCounts {
  evaluations: number;
  withFaults: number;
  decisions: number;
  technicalFailures: number;
  wrongVerdicts: number;
  throws: number;
  lateInjected: number;
  lateAccepted: number;
}
export interface FaultCampaign {
  readonly cases: number;
  readonly counts: FaultCounts;
  readonly byKind: Record<string, { injected: number; technicalFailures: number; wrongVerdicts: number }>;
  readonly examples: readonly { case: string; kind: string; callIndex: number; problem: string }[];
}
export function runFaultCampaign(options: Modules & { evaluations: number; seed?: number; timeoutMs?: number; concurrency?: number }): Promise<FaultCampaign>;

export interface RequestFuzz {
  readonly counts: { requests: number; results: number; coded: number; uncoded: number };
  readonly examples: readonly { method: string; paths: readonly string[]; error: string }[];
}
export function runRequestFuzz(options: Modules & { fc: typeof FastCheck; runs: number; seed?: number; batch?: number }): Promise<RequestFuzz>;

export const MUTATION_KINDS: readonly string[];
export interface CatalogMutations {
  readonly counts: { catalogs: number; loaded: number; refused: number; loaderThrows: number; engineThrows: number };
  readonly throws: readonly { step: string; kind: string; file: string; error: string }[];
}
export function runCatalogMutations(options: Modules & { count: number; seed?: number; kinds?: readonly string[]; createEngine?: boolean }): CatalogMutations;
