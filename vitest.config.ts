import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
  },
});
