// The web app's build: React + Ant Design, one chunk per workspace (routes are React.lazy) and per tab (the
// manager's MANAGER_TABS, the consultant's tabs), output to
// dist/web/ for the server to serve, each text asset also written brotli- and gzip-compressed beside it so the
// server sends the smaller file without compressing on every request. `npm run dev:web` proxies /api to a running server (PORT, default 3000).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the first screen always needs (React, the router, Ant Design's core, zh-CN) in one
            // chunk: it compresses ~10 kB smaller than the dozen pieces the default split makes of it (issue 13).
            { name: 'base', tags: ['$initial'], priority: 2 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
