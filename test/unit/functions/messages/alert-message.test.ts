import { describe, expect, it } from 'vitest';
import { SMS_MAX, formatAlert, toSnsSubject } from '../../../../functions/messages/alert-message';
import type { TopicMatch } from '../../../../functions/domain/topics/match-topics';

describe('SNS subject', () => {
  it('folds typographic characters to ASCII and drops the rest', () => {
    expect(toSnsSubject('Newswatch: Possible Trump–Kim summit “talks” in Séoul 😀')).toBe(
      'Newswatch: Possible Trump-Kim summit "talks" in Seoul',
    );
  });

  it('stays under SNS’s 100-character limit and on one line', () => {
    const subject = toSnsSubject(`A very long\nsubject ${'word '.repeat(40)}`);
    expect(subject.length).toBeLessThan(100);
    expect(subject).not.toMatch(/\n/);
    expect(subject.endsWith('...')).toBe(true);
  });
});

const match = (certainty: TopicMatch['certainty']): TopicMatch => ({
  topicId: 'trump-kim-summit',
  topicName: 'Possible Trump–Kim summit',
  certainty,
  alerts: true,
  delivery: 'instant',
  evidence: [{ sentence: 'Trump is likely to meet Kim.', index: 0, certainty, cues: ['likely'] }],
});

const article = {
  key: 'articles/a.txt',
  bucket: 'b',
  title: 'Trump may meet Kim',
  publishedAt: '2025-10-18',
  summary: ['S1.', 'S2.'],
  summaryLine:
    'Donald Trump is likely to meet North Korea’s Kim Jong Un during his upcoming visit to Asia next month, officials said on Saturday.',
};

describe('alert message', () => {
  it('carries topic, certainty, story, headline, summary and evidence with the cues marked', () => {
    const message = formatAlert(match('speculative'), article, {
      storyId: 'trump-kim-summit#2025-11',
      change: 'new',
    });
    expect(message.subject).toBe('Newswatch: Possible Trump-Kim summit (speculative)');
    expect(message.attributes).toEqual({
      topic: 'trump-kim-summit',
      certainty: 'speculative',
      articleKey: 'articles/a.txt',
      storyId: 'trump-kim-summit#2025-11',
      change: 'new',
    });
    expect(message.body).toContain('Trump is [likely] to meet Kim.');
    expect(message.body).toContain('- S1.');
    expect(message.body).toContain('Published: 2025-10-18');
  });

  it('says what changed when a story escalates', () => {
    const message = formatAlert(match('planned'), article, {
      storyId: 'trump-kim-summit#2025-11',
      change: 'escalated',
      previousCertainty: 'speculative',
    });
    expect(message.subject).toBe('Newswatch: Update: Possible Trump-Kim summit now planned, was speculative');
    expect(message.body).toMatch(
      /^Update: Possible Trump–Kim summit now planned, was speculative\nCertainty: planned \(was speculative\)/,
    );
  });

  it('fits the SMS in one GSM segment of ASCII text', () => {
    const { sms } = formatAlert(match('speculative'), article, { storyId: 's', change: 'new' });
    expect(sms.length).toBeLessThanOrEqual(SMS_MAX);
    expect(sms).toMatch(/^[\x20-\x7e]+$/);
    expect(sms).toMatch(
      /^Newswatch: Possible Trump-Kim summit \(speculative\)\. Donald Trump is likely to meet/,
    );
    expect(sms.endsWith('...')).toBe(true);
  });
});
