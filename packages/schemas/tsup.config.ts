import { defineConfig } from 'tsup';

/**
 * One entry in ESM + CJS with types. The JSON documents (meta-schemas, port contract, request schemas)
 * stay external: the entry imports `../meta/*.json`, `../port-contract.json` and `../tasks/*.json`, which
 * the package ships once, instead of embedding a copy of each in both builds. Target node20.10, the first
 * Node 20 with import attributes: for an older target esbuild drops the `with { type: 'json' }` that
 * Node's ESM loader needs.
 */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  external: [/\.json$/],
  clean: true,
  target: 'node20.10',
});
