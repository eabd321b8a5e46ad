import type { MatchRecord } from '../../functions/ports/ports';

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
