import { describe, expect, it } from 'vitest';
import {
  alertFromMessage,
  articlesFromItems,
  formatHumanReport,
  matchesFromItems,
  rejectionsFromItems,
  toJsonReport,
  type PipelineReport,
} from '../../../../infra/local/report';
import type { CapturedPublish } from '../../../../infra/local/emulators/sns/server';

const items = [
  {
    pk: 'ARTICLE#articles/b.txt',
    sk: 'ARTICLE',
    type: 'Article',
    key: 'articles/b.txt',
    title: 'B',
    publishedAt: '2025-10-18',
    summary: ['One.', 'Two.'],
    entities: { people: ['Donald Trump'], organizations: ['CNN'], places: ['Asia'] },
    wordCount: 12,
    contentHash: 'h',
    storyId: '2025-10-aaaaaaaaaa',
    storyRole: 'original',
    ingestedAt: '2025-10-19T08:00:00.000Z',
  },
  {
    pk: 'ARTICLE#articles/a.txt',
    sk: 'ARTICLE',
    type: 'Article',
    key: 'articles/a.txt',
    title: 'A',
    publishedAt: null,
  },
  {
    pk: 'REJECTION#articles/e.txt',
    sk: 'REJECTION',
    type: 'Rejection',
    key: 'articles/e.txt',
    reason: 'empty',
    detail: 'no bytes',
  },
  { pk: 'ALERT#t', sk: 'CONTENT#h', type: 'Alert', topicId: 't' },
];

const published: CapturedPublish = {
  messageId: 'm-1',
  receivedAt: '2025-10-18T00:00:00.000Z',
  topicArn: 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts-local',
  subject: 'Newswatch: summit (likely)',
  message:
    'Summit\nCertainty: likely\n\nEvidence:\n- (likely) Trump will meet Kim.\n- (speculative) They may talk.\n\nFooter',
  messageAttributes: {
    topic: { dataType: 'String', stringValue: 'trump-kim-summit' },
    certainty: { dataType: 'String', stringValue: 'likely' },
    articleKey: { dataType: 'String', stringValue: 'articles/b.txt' },
    score: { dataType: 'Number', stringValue: '0.5' },
  },
};

describe('report', () => {
  it('reads Article and Rejection items, sorted by key, with defaults for missing fields', () => {
    expect(articlesFromItems(items)).toEqual([
      {
        key: 'articles/a.txt',
        title: 'A',
        publishedAt: null,
        summary: [],
        entities: { people: [], organizations: [], places: [] },
      },
      {
        key: 'articles/b.txt',
        title: 'B',
        publishedAt: '2025-10-18',
        summary: ['One.', 'Two.'],
        entities: { people: ['Donald Trump'], organizations: ['CNN'], places: ['Asia'] },
        wordCount: 12,
        storyId: '2025-10-aaaaaaaaaa',
        storyRole: 'original',
        ingestedOn: '2025-10-19',
      },
    ]);
    expect(rejectionsFromItems(items)).toEqual([
      { key: 'articles/e.txt', reason: 'empty', detail: 'no bytes' },
    ]);
  });

  it('turns a published alert into topic, article key, subject, message and extras', () => {
    expect(alertFromMessage(published)).toEqual({
      topicId: 'trump-kim-summit',
      articleKey: 'articles/b.txt',
      subject: 'Newswatch: summit (likely)',
      message: published.message,
      certainty: 'likely',
      score: 0.5,
      evidence: ['(likely) Trump will meet Kim.', '(speculative) They may talk.'],
    });
  });

  it('falls back to a JSON body for topic and key', () => {
    const alert = alertFromMessage({
      ...published,
      subject: undefined,
      messageAttributes: {},
      message: JSON.stringify({ topicId: 'x', articleKey: 'articles/x.txt', certainty: 'confirmed' }),
    } as unknown as CapturedPublish);
    expect(alert).toMatchObject({
      topicId: 'x',
      articleKey: 'articles/x.txt',
      subject: null,
      certainty: 'confirmed',
    });
  });

  const report: PipelineReport = {
    articles: articlesFromItems(items),
    alerts: [alertFromMessage(published)],
    rejected: rejectionsFromItems(items),
    failures: [],
    stats: {
      files: 3,
      s3Events: 3,
      ingestInvocations: 3,
      streamRecords: 4,
      alertBatches: 1,
      itemsInTable: 4,
      wallTimeMs: 8123,
    },
  };

  it('--json keeps exactly the contract fields', () => {
    const json = toJsonReport(report);
    expect(Object.keys(json)).toEqual(['articles', 'alerts', 'rejected', 'stories']);
    expect(Object.keys(json.articles[1] ?? {})).toEqual([
      'key',
      'title',
      'publishedAt',
      'summary',
      'entities',
      'storyId',
      'storyRole',
    ]);
    // An item written before content stories has none.
    expect(Object.keys(json.articles[0] ?? {})).not.toContain('storyId');
    expect(json.stories).toEqual([
      { storyId: '2025-10-aaaaaaaaaa', title: 'B', articles: ['articles/b.txt'] },
    ]);
    expect(json.rejected).toEqual([{ key: 'articles/e.txt', reason: 'empty' }]);
    expect(json.alerts[0]).toMatchObject({
      topicId: 'trump-kim-summit',
      articleKey: 'articles/b.txt',
      certainty: 'likely',
    });
  });

  it('prints articles, alerts, rejections and a one-line tally', () => {
    const text = formatHumanReport(report);
    expect(text).toContain(
      '  B\n  2025-10-18  ·  articles/b.txt  ·  12 words\n    • One.\n    • Two.\n    people: Donald Trump\n',
    );
    expect(text).toContain('  A\n  date unknown  ·  articles/a.txt\n');
    expect(text).toContain('[trump-kim-summit] Newswatch: summit (likely)  ·  articles/b.txt');
    expect(text).toContain('    Certainty: likely');
    expect(text).toContain('  articles/e.txt: empty (no bytes)');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'newswatch: 3 files → 2 articles, 1 alert, 1 rejected, 0 failed in 8.1 s',
    );
  });

  it('lists every topic match with what became of it, a digest match pointing at the digest command', () => {
    const matches = matchesFromItems([
      { type: 'Article', key: 'articles/x.txt' },
      {
        type: 'Match',
        topicId: 'fed-rate-decision',
        articleKey: 'articles/z.txt',
        certainty: 'speculative',
        storyId: 'fed-rate-decision#2025-11',
        outcome: 'digest',
      },
      {
        type: 'Match',
        topicId: 'trump-kim-summit',
        articleKey: 'articles/b.txt',
        certainty: 'speculative',
        storyId: 'trump-kim-summit#2025-11',
        outcome: 'duplicate',
      },
    ]);
    expect(matches.map((m) => m.articleKey)).toEqual(['articles/b.txt', 'articles/z.txt']);
    const text = formatHumanReport({ ...report, matches });
    expect(text).toContain('Matches (2)');
    expect(text).toContain(
      '  [trump-kim-summit] articles/b.txt: speculative, story trump-kim-summit#2025-11, story already alerted at this certainty: no alert',
    );
    expect(text).toMatch(/\[fed-rate-decision\] articles\/z\.txt: .*queued for the daily digest/);
  });

  it('groups the articles into their stories: first original’s title, keys with entry ids, copies', () => {
    const feed = (entryId: string, overrides: Record<string, unknown>) => ({
      pk: 'ARTICLE#articles/feed.xml',
      sk: `ENTRY#${entryId}`,
      type: 'Article',
      key: 'articles/feed.xml',
      entryId,
      summary: ['One.'],
      ...overrides,
    });
    const storyItems = [
      ...items,
      // A wire copy dated before B: the story is still titled after its original.
      feed('e1', {
        title: 'B (wire)',
        publishedAt: '2025-10-17',
        storyId: '2025-10-aaaaaaaaaa',
        storyRole: 'copy',
        copyOf: 'articles/b.txt',
      }),
      feed('e2', {
        title: 'Storm',
        publishedAt: '2025-10-20',
        storyId: '2025-10-bbbbbbbbbb',
        storyRole: 'original',
      }),
    ];
    const withStories: PipelineReport = { ...report, articles: articlesFromItems(storyItems) };
    const json = toJsonReport(withStories);
    expect(json.articles.find((article) => article.entryId === 'e1')).toMatchObject({
      storyId: '2025-10-aaaaaaaaaa',
      storyRole: 'copy',
      copyOf: 'articles/b.txt',
    });
    expect(json.stories).toEqual([
      {
        storyId: '2025-10-aaaaaaaaaa',
        title: 'B',
        articles: ['articles/b.txt', 'articles/feed.xml#e1'],
      },
      { storyId: '2025-10-bbbbbbbbbb', title: 'Storm', articles: ['articles/feed.xml#e2'] },
    ]);
    const text = formatHumanReport(withStories);
    expect(text).toContain(
      'Stories (2)\n\n  B\n  2025-10-aaaaaaaaaa  ·  2 articles  ·  1 copy\n  Storm\n  2025-10-bbbbbbbbbb  ·  1 article\n\nAlerts (1)',
    );
    // A run whose items predate content stories prints no Stories section.
    const before = articlesFromItems(items.filter((item) => item.storyId === undefined));
    expect(formatHumanReport({ ...report, articles: before })).not.toContain('Stories (');
  });
});
