/**
 * Metric names and namespace, free of imports: the handlers emit them and the CDK dashboard reads
 * them, so the two cannot drift apart.
 */
/** CloudWatch namespace of every Newswatch metric; the dashboard reads the same constant. */
export const METRICS_NAMESPACE = 'Newswatch';

export const METRIC = {
  articlesIngested: 'ArticlesIngested',
  articlesRejected: 'ArticlesRejected',
  articlesDeleted: 'ArticlesDeleted',
  topicMatches: 'TopicMatches',
  alertsSent: 'AlertsSent',
  alertsSuppressed: 'AlertsSuppressed',
  digestQueued: 'DigestQueued',
  digestsSent: 'DigestsSent',
} as const;
