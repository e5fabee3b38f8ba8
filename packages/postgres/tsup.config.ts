import { defineConfig } from 'tsup';

/** The adapter in ESM + CJS with types; the CLI, started by bin/smart-task-postgres.js, in ESM. PGlite, pg and pg-boss stay external (installed beside it). */
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
});
