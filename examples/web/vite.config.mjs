import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The page: built into dist/, which the server serves (pnpm web). `vite` alone serves it in development,
// with /api proxied to a server started with PORT=5180 (node server/main.mjs).
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('./dist', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 2_000 },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:5180' } },
});
