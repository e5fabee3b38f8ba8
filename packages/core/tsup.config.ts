import { defineConfig } from 'tsup';

/** Public entries (`.` and `./node`) in ESM + CJS with types; the CLI, started by bin/smart-task.js, in ESM. */
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node/index.ts' } },
  clean: true,
  target: 'node20',
});
