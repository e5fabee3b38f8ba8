import { defineConfig } from 'tsup';

const entry = {
  index: 'src/index.ts',
  lifecycle: 'src/entries/lifecycle.ts',
  audit: 'src/entries/audit.ts',
  testing: 'src/entries/testing.ts',
  toolchain: 'src/entries/toolchain.ts',
  node: 'src/node/index.ts',
};

/**
 * The two variants of the catalog loader's pattern check, which package.json's `imports` maps
 * `#pattern-check` to: the `browser` condition gets the one without the backtracking analyser (~1 MB).
 * Internal: built without types, and imported by the other entries by their specifier.
 */
const patternCheck = {
  'pattern-check': 'src/pattern-check.ts',
  'pattern-check.browser': 'src/pattern-check.browser.ts',
};

/** The module each thread of `replayAuditRecordsInThreads` (the `node` entry) runs, found beside it as `replay-thread.js`. Internal: no types. */
const replayThread = { 'replay-thread': 'src/node/replay-thread.ts' };

/**
 * The public entries (`.` and its subpaths) in ESM + CJS with types; `@internal` members are left out of
 * the `.d.ts`. `#pattern-check` stays external, so a bundler or Node picks its variant when it resolves it.
 */
export default defineConfig({
  entry: { ...entry, ...patternCheck, ...replayThread },
  format: ['esm', 'cjs'],
  dts: { entry, compilerOptions: { stripInternal: true } },
  external: ['#pattern-check'],
  clean: true,
  // `import.meta.url` in the CJS build too (the node entry finds replay-thread.js beside itself).
  shims: true,
  target: 'node20',
});
