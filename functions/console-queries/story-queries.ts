import type { Certainty } from '../contracts/vocabulary';
import { ARTICLES_GSI_PK, ITEM_TYPE } from '../contracts/table-schema';
import { storyChange, type StoryChange } from '../domain/stories/story-identity';
import type { TableAccess } from './access';
import { queryIndex, type DateRange } from './article-queries';

/**
 * `stories` and `story <id>`: content stories as their Article items tell them (`storyId`,
 * `storyRole`, `copyOf`, `matches`), read through gsi1 ARTICLES and grouped here; no index of
 * their own, no read of the alert ledger.
 *
 * A story's certainty for a topic is worked out from its articles in the order ingest stored them
 * (the order the alert function claimed the ledger in; a story is shown oldest first by date): an original whose match would alert (reported, at the topic's minimum)
 * sets it when storyChange calls it news (new, escalated, flipped); a copy, a side mention or a
 * match below the minimum leaves it. A topic the story never alerted shows its newest article's
 * certainty instead.
 */

/** Days `stories` looks back when no --from is given. */
export const DEFAULT_WINDOW_DAYS = 90;

/** What an article did to its story for a topic: a storyChange, or why it could not alert. */
export type ArticleChange = StoryChange | 'side-mention' | 'below-minimum';

export interface StoryArticleMatch {
  topicId: string;
  certainty: Certainty;
  /** Reported and at the topic's minimum: the alert function claims the story with it. */
  alerting: boolean;
  reported: boolean;
}

/** An Article item as the story commands read it. */
export interface StoryArticle {
  key: string;
  entryId?: string;
  storyId: string;
  role: 'original' | 'copy';
  copyOf?: string;
  title: string;
  /** `YYYY-MM-DD`: the publication date, else the ingest date (as story grouping dates it). */
  date: string;
  ingestedAt: string;
  /** See {@link outletOf}; null when nothing names it. */
  outlet: string | null;
  matches: StoryArticleMatch[];
}

export interface StorySummary {
  storyId: string;
  title: string;
  firstSeen: string;
  lastSeen: string;
  /** Articles of the story (copies included). */
  articles: number;
  /** How many of them are copies. */
  copies: number;
  outlets: string[];
  certainty: Record<string, Certainty>;
}

export interface StoryTimelineEntry {
  key: string;
  entryId?: string;
  title: string;
  date: string;
  outlet: string | null;
  role: 'original' | 'copy';
  copyOf?: string;
  certainty: Record<string, Certainty>;
  changes: Record<string, ArticleChange>;
}

export interface StoryDetail extends Omit<StorySummary, 'articles'> {
  articles: StoryTimelineEntry[];
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
};

/**
 * The outlet of an article: its `source` (a feed's channel, a JSON article's publisher), else the
 * host of its `url`, else the folder its object was uploaded under (`articles/<folder>/…`, as
 * `upload --prefix reuters/` makes); null when none of them says.
 */
export function outletOf(item: { source?: unknown; url?: unknown; key?: unknown }): string | null {
  const source = text(item.source);
  if (source) return source;
  const url = text(item.url);
  const host = url ? hostOf(url) : undefined;
  if (host) return host;
  const folders = String(item.key ?? '').split('/');
  return folders.length > 2 && folders[1] ? folders[1] : null;
}

/** The story view of an Article item; undefined for one without a story (written before them). */
export function storyArticleOf(item: Record<string, unknown>): StoryArticle | undefined {
  const storyId = text(item.storyId);
  if (item.type !== undefined && item.type !== ITEM_TYPE.article) return undefined;
  if (!storyId) return undefined;
  const ingestedAt = text(item.ingestedAt) ?? '';
  const published = text(item.publishedAt);
  const copyOf = text(item.copyOf);
  const matches = (Array.isArray(item.matches) ? item.matches : []) as Record<string, unknown>[];
  return {
    key: String(item.key ?? ''),
    ...(text(item.entryId) ? { entryId: text(item.entryId) } : {}),
    storyId,
    role: item.storyRole === 'copy' ? 'copy' : 'original',
    ...(item.storyRole === 'copy' && copyOf ? { copyOf } : {}),
    title: String(item.title ?? ''),
    date: (published ?? ingestedAt).slice(0, 10),
    ingestedAt,
    outlet: outletOf(item),
    matches: matches
      .filter((match) => typeof match?.topicId === 'string' && typeof match.certainty === 'string')
      .map((match) => ({
        topicId: match.topicId as string,
        certainty: match.certainty as Certainty,
        // Items stored before side mentions were told apart alerted only on what they reported.
        reported: match.reported !== false,
        alerting: match.alerts === true && match.reported !== false,
      })),
  } as StoryArticle;
}

/** Oldest first: by date, then by when ingest stored them, then by key and entry. */
const inOrder = (a: StoryArticle, b: StoryArticle) =>
  a.date.localeCompare(b.date) ||
  a.ingestedAt.localeCompare(b.ingestedAt) ||
  a.key.localeCompare(b.key) ||
  (a.entryId ?? '').localeCompare(b.entryId ?? '');

/**
 * One story's articles in order, each with its certainty and the change it made per topic, and
 * the story's certainty per topic at the end (see the module comment).
 */
export function storyDetail(articles: readonly StoryArticle[]): StoryDetail {
  const ordered = [...articles].sort(inOrder);
  const first = ordered[0];
  if (!first) throw new Error('a story has at least one article');
  const alerted = new Map<string, Certainty>();
  const newest = new Map<string, Certainty>();
  const made = new Map<
    StoryArticle,
    { certainty: Record<string, Certainty>; changes: Record<string, ArticleChange> }
  >();
  const arrived = [...articles].sort((a, b) => a.ingestedAt.localeCompare(b.ingestedAt) || inOrder(a, b));
  for (const article of arrived) {
    const certainty: Record<string, Certainty> = {};
    const changes: Record<string, ArticleChange> = {};
    made.set(article, { certainty, changes });
    for (const match of article.matches) {
      certainty[match.topicId] = match.certainty;
      newest.set(match.topicId, match.certainty);
      if (article.role === 'copy') {
        changes[match.topicId] = 'duplicate';
      } else if (!match.alerting) {
        changes[match.topicId] = match.reported ? 'below-minimum' : 'side-mention';
      } else {
        const change = storyChange(alerted.get(match.topicId), match.certainty);
        if (change !== 'duplicate') alerted.set(match.topicId, match.certainty);
        changes[match.topicId] = change;
      }
    }
  }
  const timeline = ordered.map((article): StoryTimelineEntry => {
    const { certainty, changes } = made.get(article)!;
    return {
      key: article.key,
      ...(article.entryId === undefined ? {} : { entryId: article.entryId }),
      title: article.title,
      date: article.date,
      outlet: article.outlet,
      role: article.role,
      ...(article.copyOf === undefined ? {} : { copyOf: article.copyOf }),
      certainty,
      changes,
    };
  });
  const topics = [...newest.keys()].sort();
  return {
    storyId: first.storyId,
    title: (ordered.find((article) => article.role === 'original') ?? first).title,
    firstSeen: first.date,
    lastSeen: (ordered.at(-1) ?? first).date,
    copies: ordered.filter((article) => article.role === 'copy').length,
    outlets: [...new Set(ordered.flatMap((article) => (article.outlet ? [article.outlet] : [])))].sort(),
    certainty: Object.fromEntries(
      topics.map((topic) => [topic, alerted.get(topic) ?? (newest.get(topic) as Certainty)]),
    ),
    articles: timeline,
  };
}

export const summaryOf = ({ articles, ...story }: StoryDetail): StorySummary => ({
  storyId: story.storyId,
  title: story.title,
  firstSeen: story.firstSeen,
  lastSeen: story.lastSeen,
  articles: articles.length,
  copies: story.copies,
  outlets: story.outlets,
  certainty: story.certainty,
});

/**
 * The stories of these articles, newest first (by last seen, then first seen); with a topic,
 * only those with an article that matched it.
 */
export function groupStories(
  articles: readonly StoryArticle[],
  options: { topic?: string } = {},
): StorySummary[] {
  const byStory = new Map<string, StoryArticle[]>();
  for (const article of articles) {
    const members = byStory.get(article.storyId);
    if (members) members.push(article);
    else byStory.set(article.storyId, [article]);
  }
  return [...byStory.values()]
    .filter(
      (members) =>
        options.topic === undefined ||
        members.some((article) => article.matches.some((match) => match.topicId === options.topic)),
    )
    .map((members) => summaryOf(storyDetail(members)))
    .sort(
      (a, b) =>
        b.lastSeen.localeCompare(a.lastSeen) ||
        b.firstSeen.localeCompare(a.firstSeen) ||
        a.storyId.localeCompare(b.storyId),
    );
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The article dates `stories` reads: --from (default DEFAULT_WINDOW_DAYS before --to, or before
 * today) to --to (default: no end).
 */
export const storiesWindow = (range: DateRange, now = new Date()): { from: string; to?: string } => ({
  from: range.from ?? addDays(range.to ?? now.toISOString().slice(0, 10), -DEFAULT_WINDOW_DAYS),
  ...(range.to === undefined ? {} : { to: range.to }),
});

/** `2025-11-3fa9c1d2e4` → `2025-10-01`: the first day of the month before the story began. */
export const storySearchStart = (storyId: string) => {
  const [year, month] = storyId.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
};

/** The gsi1 sort-key day of undated articles (see the article repository). */
const UNDATED_DAY = '0000-00-00';

/**
 * Article items of a day range, newest first: those dated in it, then the undated ones ingested
 * in it (they sort under UNDATED_DAY, before every date).
 */
async function articleItems(
  table: TableAccess,
  range: { from: string; to?: string },
  keep: (item: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>[]> {
  const dated = await queryIndex(table, ARTICLES_GSI_PK, range, { keep });
  const ingestedIn = (item: Record<string, unknown>) => {
    const day = String(item.ingestedAt ?? '').slice(0, 10);
    return day >= range.from && (range.to === undefined || day <= range.to);
  };
  const undated = await queryIndex(
    table,
    ARTICLES_GSI_PK,
    { from: UNDATED_DAY, to: UNDATED_DAY },
    { keep: (item) => ingestedIn(item) && keep(item) },
  );
  return [...dated, ...undated];
}

const articlesOf = (items: Record<string, unknown>[]) =>
  items.flatMap((item) => {
    const article = storyArticleOf(item);
    return article ? [article] : [];
  });

export interface StoriesQuery extends DateRange {
  topic?: string;
  limit?: number;
}

/** The stories of the articles in the window (see storiesWindow), newest first. */
export async function queryStories(
  table: TableAccess,
  query: StoriesQuery,
  now = new Date(),
): Promise<StorySummary[]> {
  const items = await articleItems(
    table,
    storiesWindow(query, now),
    (item) => text(item.storyId) !== undefined,
  );
  const stories = groupStories(articlesOf(items), query.topic === undefined ? {} : { topic: query.topic });
  return stories.slice(0, query.limit ?? stories.length);
}

/**
 * One story: its articles from the first day of the month before the one it began in (a margin:
 * an article joins the stories of its own month and the month before, see searchMonths), or
 * undefined when no article names it.
 */
export async function queryStory(table: TableAccess, storyId: string): Promise<StoryDetail | undefined> {
  return (await queryStoryItems(table, storyId))?.detail;
}

/** {@link queryStory} with the Article items it was told from (for their matches and evidence). */
export async function queryStoryItems(
  table: TableAccess,
  storyId: string,
): Promise<{ detail: StoryDetail; items: Record<string, unknown>[] } | undefined> {
  const items = await articleItems(
    table,
    { from: storySearchStart(storyId) },
    (item) => item.storyId === storyId,
  );
  const articles = articlesOf(items);
  return articles.length === 0 ? undefined : { detail: storyDetail(articles), items };
}
