/**
 * Metric names and namespace, free of imports: the handlers emit them and the CDK dashboard reads
 * them, so the two cannot drift apart.
 */
/** CloudWatch namespace of every Newswatch metric; the dashboard reads the same constant. */
export const METRICS_NAMESPACE = 'Newswatch';

export const METRIC = {
  /** S3 events the ingest function handled, whatever came of them. */
  objectEvents: 'ObjectEvents',
  /** Stream records the alert function handled (one per Article change), whatever came of them. */
  articleChanges: 'ArticleChanges',
  /** Digest function runs; with DigestsSent, shows days that had nothing to send. */
  digestRuns: 'DigestRuns',
  articlesIngested: 'ArticlesIngested',
  articlesRejected: 'ArticlesRejected',
  articlesDeleted: 'ArticlesDeleted',
  topicMatches: 'TopicMatches',
  alertsSent: 'AlertsSent',
  alertsSuppressed: 'AlertsSuppressed',
  digestQueued: 'DigestQueued',
  digestsSent: 'DigestsSent',
  /** Invocations that threw (Lambda retries them), by error name. */
  invocationFailures: 'InvocationFailures',
  /** Feed sources the poller polled, by outcome (ok, not-modified, failing). */
  sourcesPolled: 'SourcesPolled',
  /** New feed entries written to the bucket for ingest. */
  feedEntriesWritten: 'FeedEntriesWritten',
  /** Sources failing for a day or more, reported by every poller run: the alarm's metric. */
  sourcesFailingForADay: 'SourcesFailingForADay',
  /** Webhook posts the delivery function made, by format and outcome (delivered, failed, blocked). */
  webhookPosts: 'WebhookPosts',
  /** Stream records that can never be processed (not an Article item): logged and skipped. */
  malformedRecords: 'MalformedRecords',
} as const;
