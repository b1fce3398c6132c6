import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The client is plain Preact: oxc compiles JSX with Preact's automatic runtime, so no framework
// plugin is needed. Everything is bundled (no CDN, no external fonts) and nothing is inlined, so
// the server's CSP can forbid inline scripts and eval.
const root = fileURLToPath(new URL('.', import.meta.url));
// `npx vite --config client/vite.config.ts` proxies the API to a running server (H7's, port 3000).
const backend = process.env.KIER_DEV_BACKEND ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be bundled anyway, but no browser we support needs it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
});
