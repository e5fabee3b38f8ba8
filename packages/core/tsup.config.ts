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
 * The two variants of each of the catalog loader's subpath imports, which package.json's `imports` maps
 * them to: under the `browser` condition, `#pattern-check` without the backtracking analyser (~1 MB)
 * and `#meta-validators` compiling the meta-schemas instead of the generated standalone code (~340 KB).
 * Internal: built without types, and imported by the other entries by their specifier.
 */
const subpathImports = {
  'pattern-check': 'src/pattern-check.ts',
  'pattern-check.browser': 'src/pattern-check.browser.ts',
  'meta-validators': 'src/meta-validators.ts',
  'meta-validators.browser': 'src/meta-validators.browser.ts',
};

/**
 * The modules the worker threads of the `node` entry run, found beside it: `replay-thread.js` for
 * `replayAuditRecordsInThreads`, `case-thread.js` for `startCaseThreads`. Internal: no types.
 */
const threadModules = { 'replay-thread': 'src/node/replay-thread.ts', 'case-thread': 'src/node/case-thread.ts' };

/**
 * The public entries (`.` and its subpaths) in ESM + CJS with types; `@internal` members are left out of
 * the `.d.ts`. `#pattern-check` and `#meta-validators` stay external, so a bundler or Node picks its variant when it resolves it.
 */
export default defineConfig({
  entry: { ...entry, ...subpathImports, ...threadModules },
  format: ['esm', 'cjs'],
  // The declaration build does not map `#meta-validators` (package.json `imports`) from dist/ back to src/
  // as tsc does for `#pattern-check`: `paths` maps it to the Node variant's source, for this build only
  // (in tsconfig.json it would reach esbuild, which would bundle the generated code into browser builds).
  dts: { entry, compilerOptions: { stripInternal: true, paths: { '#meta-validators': ['./src/meta-validators.ts'] } } },
  external: ['#pattern-check', '#meta-validators'],
  clean: true,
  // `import.meta.url` in the CJS build too (the node entry finds its thread modules beside itself).
  shims: true,
  target: 'node20',
});
