import type {
  ArticleDetailView,
  ArticleSummaryView,
  RejectionView,
  StoryDetailView,
  StorySummaryView,
  SubscriptionView,
  TopicMatchView,
} from '../contracts/console-api';
import type { ArticleTopicMatch } from '../domain/article-matches';
import type { ConsoleArticle, ConsoleArticleDetail, ConsoleStory } from '../console-queries/console-store';
import type { RejectionRow } from '../console-queries/article-queries';
import type { SubscriptionRow } from '../console-queries/sns-subscriptions';
import type { StorySummary } from '../console-queries/story-queries';

/**
 * The records the console store reads, as the contract's views (functions/contracts/console-api.ts).
 * Each field is copied by name: a field added to a record does not reach the browser until a view
 * says so (the subscription's raw filter policy, say).
 */

/** What a match did, as far as the Article item tells: whether it was sent needs the ledger. */
const outcomeOf = (match: ArticleTopicMatch): string | undefined =>
  !match.reported
    ? 'side-mention'
    : !match.alerts
      ? 'below-minimum'
      : match.delivery === 'digest'
        ? 'digest'
        : undefined;

export const topicMatchView = (match: ArticleTopicMatch): TopicMatchView => {
  const outcome = outcomeOf(match);
  return {
    topicId: match.topicId,
    topicName: match.topicName,
    certainty: match.certainty,
    alerts: match.alerts,
    reported: match.reported,
    ...(outcome === undefined ? {} : { outcome }),
    evidence: (match.evidence ?? []).map((evidence) => ({
      sentence: evidence.sentence,
      certainty: evidence.certainty,
      cues: evidence.cues ?? [],
      ...(evidence.site === undefined ? {} : { site: evidence.site }),
      ...(evidence.participants === undefined ? {} : { participants: evidence.participants }),
      ...(evidence.trigger === undefined ? {} : { trigger: evidence.trigger }),
    })),
  };
};

export const storySummaryView = (story: StorySummary): StorySummaryView => ({
  storyId: story.storyId,
  title: story.title,
  firstSeen: story.firstSeen,
  lastSeen: story.lastSeen,
  articles: story.articles,
  copies: story.copies,
  outlets: story.outlets,
  certainty: story.certainty,
});

const idOf = (entry: { key: string; entryId?: string }) =>
  entry.entryId === undefined ? entry.key : `${entry.key}#${entry.entryId}`;

export const storyDetailView = ({ detail, matches }: ConsoleStory): StoryDetailView => ({
  storyId: detail.storyId,
  title: detail.title,
  firstSeen: detail.firstSeen,
  lastSeen: detail.lastSeen,
  copies: detail.copies,
  outlets: detail.outlets,
  certainty: detail.certainty,
  articles: detail.articles.map((entry) => ({
    key: entry.key,
    ...(entry.entryId === undefined ? {} : { entryId: entry.entryId }),
    title: entry.title,
    date: entry.date,
    outlet: entry.outlet,
    role: entry.role,
    ...(entry.copyOf === undefined ? {} : { copyOf: entry.copyOf }),
    certainty: entry.certainty,
    changes: entry.changes,
    matches: (matches.get(idOf(entry)) ?? []).map(topicMatchView),
  })),
});

export const articleSummaryView = (article: ConsoleArticle): ArticleSummaryView => ({
  key: article.key,
  ...(article.entryId === undefined ? {} : { entryId: article.entryId }),
  title: article.title,
  publishedAt: article.publishedAt,
  ...(article.summaryLine === undefined ? {} : { summaryLine: article.summaryLine }),
  ...(article.source === undefined ? {} : { source: article.source }),
  ...(article.url === undefined ? {} : { url: article.url }),
  ...(article.storyId === undefined ? {} : { storyId: article.storyId }),
  ...(article.ingestedAt === undefined ? {} : { ingestedAt: article.ingestedAt }),
  entities: article.entities,
  topics: [...new Set(article.matches.map((match) => match.topicId))],
});

export const articleDetailView = (article: ConsoleArticleDetail): ArticleDetailView => ({
  ...articleSummaryView(article),
  summary: article.summary,
  dates: article.dates,
  ...(article.wordCount === undefined ? {} : { wordCount: article.wordCount }),
  matches: article.matches.map(topicMatchView),
});

export const rejectionView = (row: RejectionRow): RejectionView => ({
  key: row.key,
  reason: row.reason,
  detail: row.detail,
  rejectedAt: row.rejectedAt,
  ...(row.size === undefined ? {} : { size: row.size }),
});

export const subscriptionView = (row: SubscriptionRow): SubscriptionView => ({
  id: row.subscriptionArn,
  protocol: row.protocol,
  endpoint: row.endpoint,
  pendingConfirmation: row.pendingConfirmation,
  topics: row.topics,
  minimumCertainty: row.minimumCertainty,
});
