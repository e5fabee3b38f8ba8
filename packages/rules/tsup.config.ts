import { defineConfig } from 'tsup';

const entry = { index: 'src/index.ts', cases: 'src/cases.ts' };

/**
 * The runtime catalog (`.`) and the cases (`./cases`) in ESM + CJS with types. The JSON documents stay
 * external: the entries import `../tasks/*.json` and `../shared/*.json`, which the package ships once,
 * instead of embedding a copy of each in both builds. Target node20.10, the first Node 20 with import
 * attributes: for an older target esbuild drops the `with { type: 'json' }` that Node's ESM loader needs.
 */
export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  dts: { entry },
  external: [/\.json$/],
  clean: true,
  target: 'node20.10',
});
