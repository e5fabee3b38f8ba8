import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The files that take longest, most of it waiting (pg-boss polling, child processes killed and
 * restarted, deadlines of port calls) or compiling engines: started first, so that the short files fill
 * the other worker meanwhile instead of leaving it idle at the end. On a fresh clone Vitest has no timings
 * of its own yet and orders by file size, which started these last (the suite's tail was one of them).
 */
const LONG_RUNNING = [
  'packages/postgres/test/embedded-worker.test.ts',
  'packages/postgres/test/durable-example.test.ts',
  'packages/postgres/test/workers.test.ts',
  'packages/core/test/fuzz/catalog-mutations.test.ts',
  'packages/core/test/lifecycle/crash-and-fault.test.ts',
  'packages/core/test/fuzz/fault-injection.test.ts',
];

/** Vitest's order (failed first, then longest by its recorded timings, else largest), with {@link LONG_RUNNING} ahead of the rest. */
class LongRunningFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => LONG_RUNNING.findIndex((path) => file.moduleId.endsWith(path));
    const long = sorted.filter((file) => rank(file) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...long, ...sorted.filter((file) => rank(file) < 0)];
  }
}

/** Tests run against the packages' sources, so a fresh clone needs no build; `dist.test.ts` checks the build. */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@smart-task\/core\/node$/, replacement: src('./packages/core/src/node/index.ts') },
      { find: /^@smart-task\/core\/(lifecycle|audit|testing|toolchain)$/, replacement: src('./packages/core/src/entries/$1.ts') },
      { find: /^@smart-task\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@smart-task\/schemas$/, replacement: src('./packages/schemas/src/index.ts') },
      { find: /^@smart-task\/rules\/cases$/, replacement: src('./packages/rules/src/cases.ts') },
      { find: /^@smart-task\/rules$/, replacement: src('./packages/rules/src/index.ts') },
      { find: /^@smart-task\/postgres$/, replacement: src('./packages/postgres/src/index.ts') },
      // @smart-task/core's subpath import (its package.json "imports"), in its Node variant: the tests run in Node.
      { find: /^#pattern-check$/, replacement: src('./packages/core/src/pattern-check.ts') },
      { find: /^#meta-validators$/, replacement: src('./packages/core/src/meta-validators.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // Explicit and generous: `pnpm test` must pass on a busy two-core machine (a build beside it), where
    // compiling an engine, a CLI run over the whole catalog or a child process takes seconds, not the
    // milliseconds of an idle laptop. A test that hangs still fails, after a minute instead of 5 s.
    // A test that needs more states its own timeout next to it.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default in `run` mode is one worker fewer than the cores: one worker on our two-core
    // machines, so the suite ran file after file. Many of the longest files wait on child processes or
    // PostgreSQL, so two workers keep both cores busy without starving them.
    maxWorkers: 2,
    // One module registry per worker, not per file: each file imported the library's sources, Ajv and
    // json-rules-engine afresh (import time 47 s of the suite's 207 on a fresh clone, 174 s when loaded),
    // and started its engines cold. The library keeps no state a test could leak besides content-keyed
    // caches, no test mocks a module, and the bundled catalog every file shares is frozen by the setup
    // file, so a test that wrote into it would fail where it writes.
    isolate: false,
    setupFiles: [src('./test/freeze-bundled-catalog.ts')],
    sequence: { sequencer: LongRunningFirst },
  },
});
