import type { MatchRecord } from '../../functions/ports/ports';
import type { ArticleTopicMatch } from '../../functions/domain/article-matches';

/** A Match as the alert function records it; override what a test is about. */
export const matchRecord = (overrides: Partial<MatchRecord> = {}): MatchRecord => ({
  topicId: 'rate-decision',
  topicName: 'Central bank rate decision',
  storyId: 'rate-decision#2025-11',
  certainty: 'speculative',
  outcome: 'digest',
  delivery: 'digest',
  articleKey: 'articles/rates.txt',
  bucket: 'newswatch-articles',
  title: 'Bank may cut rates next week',
  summaryLine: 'Economists expect the central bank to cut its main rate next week.',
  publishedAt: '2025-11-02',
  evidence: [
    { sentence: 'The bank may cut its main rate next week.', certainty: 'speculative', cues: ['may'] },
  ],
  contentHash: 'a'.repeat(64),
  matchedAt: '2025-11-02T08:00:00.000Z',
  ...overrides,
});

/** A topic match as the Article item keeps it (ingest decides it); override what a test is about. */
export const articleTopicMatch = (overrides: Partial<ArticleTopicMatch> = {}): ArticleTopicMatch => ({
  topicId: 'trump-kim-summit',
  topicName: 'Trump–Kim summit',
  certainty: 'speculative',
  alerts: true,
  reported: true,
  delivery: 'instant',
  evidence: [{ sentence: 'Trump could meet Kim next week.', certainty: 'speculative', cues: ['could'] }],
  ...overrides,
});
