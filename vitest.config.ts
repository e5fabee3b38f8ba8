import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Tests run against the packages' sources, so a fresh clone needs no build; `dist.test.ts` checks the build. */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@smart-task\/core\/node$/, replacement: src('./packages/core/src/node/index.ts') },
      { find: /^@smart-task\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@smart-task\/schemas$/, replacement: src('./packages/schemas/src/index.ts') },
      { find: /^@smart-task\/rules$/, replacement: src('./packages/rules/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
  },
});
