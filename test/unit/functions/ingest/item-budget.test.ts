import { describe, expect, it } from 'vitest';
import {
  ITEM_BUDGET_BYTES,
  STRING_BUDGET,
  boundArticleRecord,
  itemBytes,
} from '../../../../functions/ingest/item-budget';
import type { ArticleRecord } from '../../../../functions/ports/records';

const record = (overrides: Partial<ArticleRecord> = {}): ArticleRecord => ({
  key: 'articles/a.txt',
  bucket: 'bucket',
  size: 100,
  sequencer: '0001',
  format: 'plain-text',
  title: 'Council approves tram line',
  titleGenerated: false,
  publishedAt: '2025-11-02',
  summary: ['The city council approved a new tram line on Monday.'],
  summaryLine: 'The city council approved a new tram line on Monday.',
  entities: { people: ['Ann Lee'], organizations: ['City Council'], places: ['Leeds'] },
  entityDetails: [],
  dates: [{ text: 'Monday', value: '2025-11-03', granularity: 'day', sentence: 0, relative: true }],
  keyPhrases: ['tram line'],
  wordCount: 10,
  contentHash: 'a'.repeat(64),
  ingestedAt: '2025-11-02T10:00:00.000Z',
  storyId: '2025-11-0a1b2c3d4e',
  storyRole: 'original',
  matches: [],
  ...overrides,
});

describe('the Article item budget', () => {
  it('leaves an ordinary article as analysed', () => {
    const bounded = boundArticleRecord(record());
    expect(bounded).toEqual({ record: record(), bytes: itemBytes(record()), trimmed: 0 });
  });

  it('cuts a runaway title, summary sentence and key phrase to their budgets', () => {
    const word = 'x'.repeat(300_000);
    const { record: bounded, bytes } = boundArticleRecord(
      record({
        title: word,
        summary: [word],
        summaryLine: word,
        keyPhrases: [word],
        url: `https://a.b/${word}`,
      }),
    );
    expect(bounded.title.length).toBe(STRING_BUDGET.title);
    expect(bounded.title.endsWith('…')).toBe(true);
    expect(bounded.summary[0]?.length).toBe(STRING_BUDGET.sentence);
    expect(bounded.keyPhrases[0]?.length).toBe(STRING_BUDGET.term);
    expect(bounded).not.toHaveProperty('url');
    expect(bytes).toBeLessThan(ITEM_BUDGET_BYTES);
  });

  it('trims long lists, least useful first, until the item fits, and keeps every match', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `phrase number ${i} of a very long list`);
    const matches = [
      {
        topicId: 't',
        topicName: 'T',
        certainty: 'planned' as const,
        alerts: true,
        reported: true,
        delivery: 'instant' as const,
        period: '2025-11',
        evidence: [{ sentence: 'They will meet.', certainty: 'planned' as const, cues: ['will'] }],
      },
    ];
    const big = record({
      keyPhrases: many,
      entities: { people: many, organizations: many, places: many },
      entityDetails: many.map((name) => ({
        name,
        type: 'person',
        aliases: [name],
        mentions: 2,
        firstSentence: 0,
      })),
      matches,
    });
    expect(itemBytes(big)).toBeGreaterThan(ITEM_BUDGET_BYTES * 4);
    const { record: bounded, bytes, trimmed } = boundArticleRecord(big);
    expect(bytes).toBeLessThanOrEqual(ITEM_BUDGET_BYTES);
    expect(trimmed).toBeGreaterThan(0);
    expect(bounded.entityDetails).toEqual([]);
    expect(bounded.matches).toEqual(matches);
    expect(bounded.title).toBe(big.title);
  });
});
