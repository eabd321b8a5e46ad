import { describe, expect, it } from 'vitest';
import type { AnalysedArticle } from '../../../functions/domain/article';
import { analyseArticle } from '../../../functions/domain/analyse-article';
import { readSeed, seedAvailable, SEED_FILE } from './article-factory';

if (!seedAvailable)
  console.warn(`Seed article tests skipped: ${SEED_FILE} not found (../shared beside the repo).`);

describe.skipIf(!seedAvailable)('the seed article (../shared/seeds/000_b24041950b01e9b9.txt)', () => {
  const analysed = (seedAvailable ? analyseArticle(readSeed()) : null) as AnalysedArticle;
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
});
