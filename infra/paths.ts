import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, without a trailing slash (this file is infra/paths.ts). Computed here only,
 * so CDK bundling (which needs the root's package-lock.json and node_modules), the local twin and
 * the tests cannot disagree about it.
 */
export const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The Lambda entry points, each exporting `handler`: CDK bundles these files, and the local twin
 * imports the same ones, so what runs locally is what gets deployed.
 */
export const FUNCTION_ENTRIES = {
  ingest: join(REPO_ROOT, 'functions', 'ingest', 'handler.ts'),
  alert: join(REPO_ROOT, 'functions', 'alert', 'handler.ts'),
  digest: join(REPO_ROOT, 'functions', 'digest', 'handler.ts'),
  reprocess: join(REPO_ROOT, 'functions', 'reprocess', 'handler.ts'),
  /** The feed poller: polls the followed sources on a schedule (issue 17). */
  poller: join(REPO_ROOT, 'functions', 'poller', 'handler.ts'),
  /** Webhook delivery: posts alerts from the alerts topic's queue to Slack, Teams and JSON webhooks. */
  delivery: join(REPO_ROOT, 'functions', 'delivery', 'handler.ts'),
  /** The console's JSON API (API Gateway HTTP API, payload format 2.0). */
  api: join(REPO_ROOT, 'functions', 'api', 'handler.ts'),
} as const;

/**
 * The console's browser app (Vite root) and where `npm run build:console` writes it: CDK deploys
 * that folder to the site bucket, and the local console serves it.
 */
export const CONSOLE_APP = {
  root: join(REPO_ROOT, 'functions', 'console'),
  dist: join(REPO_ROOT, 'functions', 'console', 'dist'),
} as const;
