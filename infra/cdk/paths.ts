import { fileURLToPath } from 'node:url';

/** Repository root: bundling runs from here, with its package-lock.json and node_modules. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** Lambda entry points, each exporting `handler`. */
export const FUNCTION_ENTRIES = {
  ingest: `${PROJECT_ROOT}/functions/ingest/handler.ts`,
  alert: `${PROJECT_ROOT}/functions/alert/handler.ts`,
  digest: `${PROJECT_ROOT}/functions/digest/handler.ts`,
} as const;
