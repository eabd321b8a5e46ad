import { existsSync } from 'node:fs';
import { copyFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../../infra/paths';
import type { PipelineReport } from '../../infra/local/pipeline';

export const SEED_ARTICLES = join(REPO_ROOT, 'seeds', 'articles');
/** The article this project was created from, when ../shared is beside the checkout. */
export const SHARED_SEED = join(REPO_ROOT, '..', 'shared', 'seeds', '000_b24041950b01e9b9.txt');

/** Copies every file of seeds/articles, and the shared seed when present, into `dir`. */
export const copySeedArticles = async (dir: string): Promise<void> => {
  for (const entry of await readdir(SEED_ARTICLES, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith('.'))
      await copyFile(join(SEED_ARTICLES, entry.name), join(dir, entry.name));
  }
  if (existsSync(SHARED_SEED)) await copyFile(SHARED_SEED, join(dir, basename(SHARED_SEED)));
};

/** What identifies an alert across runs (not its message id or time), sorted. */
export const alertIdentities = (report: PipelineReport): string[] =>
  report.alerts
    .map(
      (alert) =>
        `${alert.topicId} ${alert.articleKey} ${String(alert.storyId)} ${String(alert.certainty)} ${String(alert.change)}`,
    )
    .sort();
