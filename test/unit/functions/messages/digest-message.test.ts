import { describe, expect, it } from 'vitest';
import { digestStories, formatDigest } from '../../../../functions/messages/digest-message';
import { matchRecord } from '../../../support/match-factories';

const topic = { id: 'rate-decision', name: 'Central bank rate decision' };

describe('digest stories', () => {
  it('groups matches by story, leads with the most certain article and counts the articles', () => {
    const stories = digestStories([
      matchRecord({ articleKey: 'articles/a.txt', matchedAt: '2025-11-02T08:00:00Z' }),
      matchRecord({
        articleKey: 'articles/b.txt',
        certainty: 'planned',
        title: 'Bank will decide on Thursday',
        matchedAt: '2025-11-02T09:00:00Z',
      }),
      matchRecord({
        articleKey: 'articles/c.txt',
        storyId: 'rate-decision#2025-12',
        matchedAt: '2025-11-02T07:00:00Z',
      }),
    ]);

    expect(stories.map((s) => [s.storyId, s.lead.certainty, s.articles])).toEqual([
      ['rate-decision#2025-11', 'planned', 2],
      ['rate-decision#2025-12', 'speculative', 1],
    ]);
    expect(stories[0]?.lead.title).toBe('Bank will decide on Thursday');
  });

  it('counts a feed entry and the same object twice only once per entry', () => {
    const [story] = digestStories([
      matchRecord({ entryId: 'wire-1' }),
      matchRecord({ entryId: 'wire-1', matchedAt: '2025-11-02T10:00:00Z' }),
      matchRecord({ entryId: 'wire-2' }),
    ]);
    expect(story?.articles).toBe(2);
  });
});

describe('digest message', () => {
  const message = formatDigest(topic, '2025-11-02', [
    matchRecord({ certainty: 'planned', title: 'Bank will decide on Thursday' }),
    matchRecord({ articleKey: 'articles/other.txt', storyId: 'rate-decision#2025-12' }),
  ]);

  it('lists every story with certainty, headline, evidence and source, most certain first', () => {
    const body = message.body;
    expect(body).toContain('2 stories from 2 articles');
    expect(body.indexOf('[planned] Bank will decide on Thursday')).toBeGreaterThan(-1);
    expect(body.indexOf('[planned]')).toBeLessThan(body.indexOf('[speculative]'));
    expect(body).toContain('Evidence: The bank [may] cut its main rate next week.');
    expect(body).toContain('Source: s3://newswatch-articles/articles/rates.txt');
    expect(body).toContain('subscribed to Newswatch topic "rate-decision"');
  });

  it('fits SNS: an ASCII subject under 100 characters and one SMS segment', () => {
    const long = formatDigest({ id: 'x', name: 'A very long topic name '.repeat(8) }, '2025-11-02', [
      matchRecord({ title: 'Ünïcödé “quoted” headline — '.repeat(10) }),
    ]);
    for (const m of [message, long]) {
      expect(m.subject.length).toBeLessThan(100);
      expect(m.subject).toMatch(/^[\x20-\x7e]+$/);
      expect(m.sms.length).toBeLessThanOrEqual(160);
      expect(m.sms).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('carries the topic and the most certain story as filterable attributes', () => {
    expect(message.attributes).toEqual({
      topic: 'rate-decision',
      certainty: 'planned',
      kind: 'digest',
      day: '2025-11-02',
    });
  });
});
