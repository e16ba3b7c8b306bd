// Builds the UI into web/dist, which `dateline serve` serves (its --ui-dir).
// `npm run dev` serves it with hot reload and sends /api to a running server.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
  server: { proxy: { '/api': process.env.DATELINE_API || 'http://127.0.0.1:8080' } },
});
