import { defineConfig } from 'tsup';

/** The `smart-task` command, started by bin/smart-task.js, in ESM; @smart-task/core and the other dependencies stay external. */
export default defineConfig({
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  clean: true,
  target: 'node20',
});
