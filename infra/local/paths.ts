import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is infra/local/paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULT_INPUT_DIR = join(REPO_ROOT, 'seeds', 'articles');
/** Where `npm start` appends the alerts it captures: `.local/` is gitignored. */
export const DEFAULT_ALERTS_FILE =
  process.env.NEWSWATCH_LOCAL_ALERTS_FILE || join(REPO_ROOT, '.local', 'alerts.jsonl');
export const DEFAULT_HANDLERS = {
  ingest: join(REPO_ROOT, 'functions', 'ingest', 'handler.ts'),
  alert: join(REPO_ROOT, 'functions', 'alert', 'handler.ts'),
} as const;
