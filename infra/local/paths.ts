import { join } from 'node:path';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../paths';

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
/**
 * The handlers the local pipeline drives: S3 events reach ingest, stream records reach alert. The
 * digest runs on demand (`newswatch digest --local`), which imports its handler itself.
 */
export const DEFAULT_HANDLERS = { ingest: FUNCTION_ENTRIES.ingest, alert: FUNCTION_ENTRIES.alert } as const;
