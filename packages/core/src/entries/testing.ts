/**
 * @smart-task/core/testing — what tests, demos and fixtures need: in-memory data and action ports
 * answering from a fixture, and the runner of a catalog's cases.
 */
export { createInMemoryActionPort, createInMemoryDataPort, mergeFixtures } from '../adapters/in-memory-ports.js';
export type { InMemoryActionPort, InMemoryDataPort } from '../adapters/in-memory-ports.js';
export { runCases, compareWithExpectation } from '../cases/run-cases.js';
export type { CaseResult, RunCasesOptions } from '../cases/run-cases.js';
