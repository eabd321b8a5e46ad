import { describe, expect, it } from 'vitest';
import { formatAlert, toSnsSubject } from '../../../functions/alert/format-alert';

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

describe('alert message', () => {
  it('carries topic, certainty, headline, summary and evidence with the cues marked', () => {
    const message = formatAlert(
      {
        topicId: 'trump-kim-summit',
        topicName: 'Possible Trump–Kim summit',
        certainty: 'speculative',
        alerts: true,
        evidence: [{ sentence: 'Trump is likely to meet Kim.', certainty: 'speculative', cues: ['likely'] }],
      },
      {
        key: 'articles/a.txt',
        bucket: 'b',
        title: 'Trump may meet Kim',
        publishedAt: '2025-10-18',
        summary: ['S1.', 'S2.'],
      },
    );
    expect(message.subject).toBe('Newswatch: Possible Trump-Kim summit (speculative)');
    expect(message.attributes).toEqual({
      topic: 'trump-kim-summit',
      certainty: 'speculative',
      articleKey: 'articles/a.txt',
    });
    expect(message.body).toContain('Trump is [likely] to meet Kim.');
    expect(message.body).toContain('- S1.');
    expect(message.body).toContain('Published: 2025-10-18');
  });
});
