import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Infra tests bundle the functions with esbuild and integration tests start DynamoDB Local:
    // both need more than the 5 s default on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration suites each start their own DynamoDB Local on a free port; run files in
    // separate forks so a crash in one cannot take the others down.
    pool: 'forks',
  },
});
