import { existsSync } from 'node:fs';
import { copyFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { storyOfTopicStoryId } from '../../functions/domain/stories/story-identity';
import type { PipelineReport } from '../../infra/local/pipeline';
import { SEED_ARTICLES, SHARED_SEED } from './article-factories';

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

/** The article id a story lists: the S3 key, and `#<entry id>` for an entry of a feed. */
const articleIdOf = (item: Record<string, unknown>) =>
  item.entryId === undefined ? String(item.key) : `${String(item.key)}#${String(item.entryId)}`;

/**
 * The content stories of a scanned table as a partition of its articles: each story as the sorted
 * ids of its articles, the stories sorted. Two runs group alike when these are equal, whatever ids
 * their stories got (an id comes from the founding article, which depends on arrival order).
 */
export const storyPartition = (items: readonly Record<string, unknown>[]): string[][] => {
  const stories = new Map<string, string[]>();
  for (const item of items) {
    if (item.type !== 'Article') continue;
    const members = stories.get(String(item.storyId)) ?? [];
    members.push(articleIdOf(item));
    stories.set(String(item.storyId), members);
  }
  return [...stories.values()].map((members) => members.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
};

/**
 * Each alert's identity with its story named by its articles (see storyPartition) rather than by
 * id: `<topic> <article> [<story's article ids>] <certainty> <change>`, sorted.
 */
export const alertIdentitiesByStory = (
  report: PipelineReport,
  items: readonly Record<string, unknown>[],
): string[] => {
  const members = new Map<string, string>();
  for (const item of items) {
    if (item.type !== 'Article') continue;
    const story = String(item.storyId);
    members.set(story, [members.get(story), articleIdOf(item)].filter(Boolean).join(' '));
  }
  const named = (storyId: string) => {
    const content = storyOfTopicStoryId(storyId);
    return `[${(members.get(content) ?? content).split(' ').sort().join(' ')}]`;
  };
  return report.alerts
    .map(
      (alert) =>
        `${alert.topicId} ${alert.articleKey} ${named(String(alert.storyId))} ${String(alert.certainty)} ${String(alert.change)}`,
    )
    .sort();
};
