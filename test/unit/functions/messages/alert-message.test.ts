import { describe, expect, it } from 'vitest';
import { SMS_MAX, formatAlert, toSnsSubject } from '../../../../functions/messages/alert-message';
import type { TopicMatch } from '../../../../functions/domain/topics/match-topics';
import { analyseUpload } from '../../../../functions/domain/analyse-upload';
import { compileTopics } from '../../../../functions/domain/topics/match-topics';
import { parseTopics } from '../../../../functions/domain/topics/topic-schema';
import { formatDigest } from '../../../../functions/messages/digest-message';
import topicsFile from '../../../../seeds/topics.json';

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
  reported: true,
  evidence: [
    {
      sentence: 'Trump is likely to meet Kim.',
      index: 0,
      certainty,
      cues: ['likely'],
      site: 'lede',
      participants: ['Donald Trump', 'Kim Jong Un'],
      trigger: 'meet',
    },
  ],
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

/** Bidi controls, directional marks and control characters: what display text never holds. */
/* eslint-disable no-control-regex -- control characters are what must not be there */
const DISPLAY_CONTROLS =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

describe('alert text never carries bidi or control characters', () => {
  // U+202E (right-to-left override) makes "teem ton" display as "not meet": a reader would see
  // a denial where the analysis matched and stored something else.
  const RLO = '\u202e';

  it('from an uploaded article whose title and text hold U+202E: not in the subject, the SMS or the email', () => {
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire${RLO}</title><item><guid>1</guid><pubDate>Mon, 04 Feb 2019 09:00:00 GMT</pubDate><title>Trump to meet Kim ${RLO}teem ton${'\u202c'} in Hanoi</title><description>Donald Trump will meet Kim Jong Un in Hanoi${'\u200f'} next month\u009b, officials said.</description></item></channel></rss>`;
    const analysis = analyseUpload(
      { bytes: new TextEncoder().encode(feed), key: 'articles/wire.xml' },
      { maxBytes: 100_000 },
      compileTopics(parseTopics(topicsFile)),
    );
    if (!analysis.ok) throw new Error(`${analysis.reason}: ${analysis.detail}`);
    const [entry] = analysis.entries;
    const [topicMatch] = entry?.matches ?? [];
    if (!entry || !topicMatch) throw new Error('expected a trump-kim-summit match');
    // Removed once where the analysis outputs it…
    const { title, summary, summaryLine, source } = entry.article;
    expect(
      [title, ...summary, summaryLine, source, ...topicMatch.evidence.map((e) => e.sentence)].join('\n'),
    ).not.toMatch(DISPLAY_CONTROLS);
    expect(title).toBe('Trump to meet Kim teem ton in Hanoi');

    const message = formatAlert(
      topicMatch,
      {
        key: 'articles/wire.xml',
        bucket: 'b',
        title,
        publishedAt: '2019-02-04',
        summary,
        summaryLine,
        source: source ?? '',
      },
      { storyId: `trump-kim-summit#${topicMatch.period}`, change: 'new' },
    );
    for (const text of [message.subject, message.sms, message.body])
      expect(text).not.toMatch(DISPLAY_CONTROLS);
    expect(message.sms).toContain('Trump to meet Kim teem ton in Hanoi');
  });

  it('…and again in the formatters, whatever a stored item or a topic name holds', () => {
    const hostile = (text: string) => `${RLO}${text}\u2066\u200e\u0007\u009b`;
    const message = formatAlert(
      {
        ...match('planned'),
        topicName: hostile('Possible Trump–Kim summit'),
        evidence: [{ sentence: hostile('Trump will meet Kim.'), certainty: 'planned', cues: ['will'] }],
      },
      {
        ...article,
        title: hostile('Trump may meet Kim'),
        summary: [hostile('S1.')],
        summaryLine: hostile('Trump may meet Kim next month.'),
        source: hostile('Wire'),
      },
      { storyId: 'trump-kim-summit#2025-11', change: 'new' },
    );
    for (const text of [message.subject, message.sms, message.body])
      expect(text).not.toMatch(DISPLAY_CONTROLS);
    expect(message.body).toContain('\nTrump may meet Kim\n');
    expect(message.body).toContain('- (planned) Trump [will] meet Kim.');
    expect(message.sms).toContain('Trump may meet Kim next month.');

    const digest = formatDigest({ id: 'trump-kim-summit', name: hostile('Summit') }, '2025-11-02', [
      {
        topicId: 'trump-kim-summit',
        topicName: 'Summit',
        storyId: 'trump-kim-summit#2025-11',
        certainty: 'planned',
        outcome: 'digest',
        delivery: 'digest',
        articleKey: 'articles/a.txt',
        bucket: 'b',
        title: hostile('Trump may meet Kim'),
        summaryLine: hostile('Trump may meet Kim next month.'),
        publishedAt: '2025-11-02',
        evidence: [{ sentence: hostile('Trump will meet Kim.'), certainty: 'planned', cues: ['will'] }],
        contentHash: 'h',
        matchedAt: '2025-11-02T08:00:00.000Z',
      },
    ]);
    for (const text of [digest.subject, digest.sms, digest.body]) expect(text).not.toMatch(DISPLAY_CONTROLS);
    expect(digest.body).toContain('[planned] Trump may meet Kim');
  });
});
