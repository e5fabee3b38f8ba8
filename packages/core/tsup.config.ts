import { defineConfig } from 'tsup';

const entry = {
  index: 'src/index.ts',
  lifecycle: 'src/entries/lifecycle.ts',
  audit: 'src/entries/audit.ts',
  testing: 'src/entries/testing.ts',
  toolchain: 'src/entries/toolchain.ts',
  node: 'src/node/index.ts',
};

/** The public entries (`.` and its subpaths) in ESM + CJS with types; `@internal` members are left out of the `.d.ts`. */
export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  dts: { entry, compilerOptions: { stripInternal: true } },
  clean: true,
  target: 'node20',
});
