import { defineConfig } from 'vitest/config';

// The end-to-end tests of the example host, in headless Chromium (Debian's, via playwright-core):
// `pnpm test:web` at the root. Generous limits: they must hold on a busy two-core machine.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['test/**/*.test.mjs'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
