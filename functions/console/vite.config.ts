import { defineConfig } from 'vite';

/**
 * The console's browser app (issue 16): `npm run build:console` writes functions/console/dist
 * (CONSOLE_APP in infra/paths.ts), which CDK deploys to the site bucket and the local console
 * serves. The served CSP has no 'unsafe-inline', so the build emits external JS and CSS only.
 *
 * `CONSOLE_API` (e.g. http://127.0.0.1:8080) proxies /api and /config.json in `vite dev`.
 */
const api = process.env.CONSOLE_API;

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline polyfill script; every browser the console supports has modulepreload.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs (the CSP allows 'self' only).
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: api ? { '/api': api, '/config.json': api } : undefined,
  },
});
