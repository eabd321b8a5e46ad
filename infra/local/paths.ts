import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is infra/local/paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULT_INPUT_DIR = join(REPO_ROOT, 'seeds', 'articles');
/** Where `npm start` appends the alerts it captures: `.local/` is gitignored. */
export const DEFAULT_ALERTS_FILE =
  process.env.NEWSWATCH_LOCAL_ALERTS_FILE || join(REPO_ROOT, '.local', 'alerts.jsonl');
/**
 * The local stack's kept state (table, bucket, SNS subscriptions): `npm start` leaves its run
 * there and `newswatch --local` commands read and extend it. NEWSWATCH_LOCAL_STATE_DIR moves it
 * (tests point it at a temporary folder).
 */
export const DEFAULT_STATE_DIR = process.env.NEWSWATCH_LOCAL_STATE_DIR || join(REPO_ROOT, '.local', 'state');
export const DEFAULT_HANDLERS = {
  ingest: join(REPO_ROOT, 'functions', 'ingest', 'handler.ts'),
  alert: join(REPO_ROOT, 'functions', 'alert', 'handler.ts'),
} as const;
