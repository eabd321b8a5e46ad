import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the console in headless Chromium against the local console (issue 16). Kept
 * apart from `npm test` (whose include is test/**\/*.test.ts): it builds the app, runs the seed
 * pipeline and starts a browser, which the unit and integration runs need not pay for.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Building the app, the seed pipeline (DynamoDB Local's Java start included) and the server.
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
