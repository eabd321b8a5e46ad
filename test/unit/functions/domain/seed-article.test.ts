import { describe, expect, it } from 'vitest';
import type { AnalysedArticle } from '../../../../functions/domain/language/analysis';
import { analyseArticle } from '../../../../functions/domain/analyse-article';
import { readSharedSeed, sharedSeedAvailable, SHARED_SEED } from '../../../support/article-factories';

if (!sharedSeedAvailable)
  console.warn(`Seed article tests skipped: ${SHARED_SEED} not found (../shared beside the repo).`);

describe.skipIf(!sharedSeedAvailable)('the seed article (../shared/seeds/000_b24041950b01e9b9.txt)', () => {
  const analysed = (sharedSeedAvailable ? analyseArticle(readSharedSeed()) : null) as AnalysedArticle;
  const byText = (start: string) => analysed.sentences.find((s) => s.text.startsWith(start));

  it('reads the date header', () => {
    expect(analysed.publishedAt).toBe('2025-10-18');
    expect(analysed.sentences[0]?.text.startsWith('Donald Trump is likely')).toBe(true);
  });

  it('makes the glued photo caption one sentence with role caption', () => {
    const caption = byText('President Donald Trump meets with');
    expect(caption?.text).toBe(
      'President Donald Trump meets with North Korean leader Kim Jong Un at the border village of Panmunjom in the Demilitarised Zone, South Korea, on June 30, 2019.(AP File)',
    );
    expect(caption?.role).toBe('caption');
    expect(caption?.paragraph).toBe(0);
    expect(analysed.sentences.filter((s) => s.role === 'caption')).toHaveLength(1);
    expect(analysed.sentences.some((s) => s.text === '(AP File)')).toBe(false);
  });

  it('gives the subheading role heading', () => {
    const heading = byText('Donald Trump’s public interest');
    expect(heading?.text).toBe('Donald Trump’s public interest in meeting Kim Jong Un');
    expect(heading?.role).toBe('heading');
    expect(analysed.sentences.filter((s) => s.role === 'heading')).toHaveLength(1);
  });

  it('keeps the unpunctuated last sentence as body and splits "with him.." correctly', () => {
    expect(analysed.sentences.at(-1)?.role).toBe('body');
    expect(analysed.sentences.at(-1)?.text.endsWith('per the reports')).toBe(true);
    expect(byText('Trump was open to the idea')?.text).toBe(
      'Trump was open to the idea, even suggesting that Kim would like to meet with him.',
    );
  });

  it('summarises in three body sentences, in article order, led by the lead', () => {
    expect(analysed.summary).toHaveLength(3);
    const sentences = analysed.summary.map((text) => analysed.sentences.find((s) => s.text === text));
    expect(sentences.every((s) => s?.role === 'body')).toBe(true);
    const indices = sentences.map((s) => s?.index ?? -1);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(indices[0]).toBe(0);
    expect(analysed.summary.join(' ')).not.toContain('(AP File)');
  });

  it('generates a sensible title: the lead without its attribution, short, unpunctuated', () => {
    expect(analysed.titleGenerated).toBe(true);
    expect(analysed.title).toBe('Donald Trump is likely to meet North Korea’s Kim Jong Un');
    expect(analysed.title.length).toBeLessThanOrEqual(90);
    expect(analysed.title).not.toContain('CNN reported');
  });

  it('counts the body words', () => {
    // `wc -w` of the body after the "date 2025-10-18" header.
    expect(analysed.wordCount).toBe(471);
  });

  it('resolves the dates against the article date (a Saturday)', () => {
    const date = (text: string) => analysed.dates.find((d) => d.text === text);
    expect(date('next month')).toMatchObject({
      value: '2025-11',
      granularity: 'month',
      relative: true,
      sentence: 0,
    });
    // "CNN reported on Saturday": the article's own day.
    expect(date('Saturday')).toMatchObject({
      value: '2025-10-18',
      granularity: 'day',
      relative: true,
      sentence: 0,
    });
    // In the photo caption.
    expect(date('June 30, 2019')).toMatchObject({ value: '2019-06-30', granularity: 'day', relative: false });
    expect(date('June 2019')).toMatchObject({ value: '2019-06', relative: false });
    expect(date('earlier this year')?.value).toBe('2025');
    expect(date('August')?.value).toBe('2025-08');
    expect(date('last month')?.value).toBe('2025-09');
    expect(analysed.dates).toHaveLength(7);
  });

  it('details the people with the aliases the article uses', () => {
    const detail = (name: string) => analysed.entityDetails.find((d) => d.name === name);
    const trump = detail('Donald Trump');
    expect(trump).toMatchObject({ type: 'person', firstSentence: 0 });
    expect(trump?.aliases).toEqual(expect.arrayContaining(['Trump', 'President Donald Trump']));
    expect(trump?.mentions).toBeGreaterThanOrEqual(10);
    expect(detail('Kim Jong Un')).toMatchObject({ type: 'person', aliases: ['Kim'], firstSentence: 0 });
    // The tagger finds the acronym, not always its long form: either way one organisation goes by it.
    const apec = analysed.entityDetails.filter((d) => d.name === 'APEC' || d.aliases.includes('APEC'));
    expect(apec.map((d) => d.type)).toEqual(['organization']);
    // No alias is listed as an entity of its own.
    expect(analysed.entityDetails.map((d) => d.name)).not.toContain('Trump');
  });

  it('has key phrases that are not entity names', () => {
    expect(analysed.keyPhrases.length).toBeGreaterThanOrEqual(5);
    expect(analysed.keyPhrases).toContain('meeting');
    expect(analysed.keyPhrases).toContain('Trump administration');
    const names = analysed.entityDetails.flatMap((d) => [d.name, ...d.aliases]);
    for (const phrase of analysed.keyPhrases) expect(names).not.toContain(phrase);
  });

  it('has an SMS line of at most 140 characters from the best sentence', () => {
    expect(analysed.summaryLine.length).toBeLessThanOrEqual(140);
    expect(analysed.summaryLine.startsWith('Donald Trump is likely to meet North Korea’s Kim Jong Un')).toBe(
      true,
    );
    expect(analysed.summaryLine).not.toContain('(AP File)');
  });
});
