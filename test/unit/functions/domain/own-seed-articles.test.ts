import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../functions/domain/analyse-article';
import { SEED_ARTICLES } from '../../../support/article-factories';

const files = readdirSync(SEED_ARTICLES)
  .filter((name) => name.endsWith('.txt'))
  .sort();
const read = (name: string) => readFileSync(path.join(SEED_ARTICLES, name), 'utf8');

// The topic matcher's vocabulary for the Trump–Kim meeting story, kept here so that the seeds stay
// a clean positive and a clean near-miss for it.
const TRUMP = /\b(?:Donald Trump|Trump)\b/;
const KIM = /\b(?:Kim Jong[ -]Un|Kim)\b/i;
const MEETING =
  /\b(?:meet|meets|met|meeting|summit|talks|sit down|sat down|visit|visits|visited|host|hosts|hosted|hosting)\b/i;

describe('seeds/articles', () => {
  it('has at least six articles, named NNN-kebab-case.txt', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const name of files) expect(name).toMatch(/^\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$/);
  });

  it.each(files)('%s is in the seed format, dated 2025-10/11, 150–400 words', (name) => {
    const text = read(name);
    expect(text).toMatch(/^ date 2025-1[01]-\d{2} \S/);
    expect(text).not.toContain('\r');
    const analysed = analyseArticle(text);
    expect(analysed.publishedAt).toMatch(/^2025-1[01]-\d{2}$/);
    expect(analysed.wordCount).toBeGreaterThanOrEqual(150);
    expect(analysed.wordCount).toBeLessThanOrEqual(400);
    expect(analysed.summary.length).toBe(3);
    expect(analysed.title.length).toBeGreaterThan(10);
  });

  it('has at least one article without a final newline, like the seed', () => {
    expect(files.some((name) => !read(name).endsWith('\n'))).toBe(true);
  });

  it('001 reports a possible Trump–Kim meeting in one sentence, with a caption and a subheading', () => {
    const analysed = analyseArticle(read('001-summit-preparations.txt'));
    expect(
      analysed.sentences.some((s) => TRUMP.test(s.text) && KIM.test(s.text) && MEETING.test(s.text)),
    ).toBe(true);
    expect(analysed.sentences.filter((s) => s.role === 'caption').map((s) => s.text.slice(-9))).toEqual([
      '(Reuters)',
    ]);
    expect(analysed.sentences.filter((s) => s.role === 'heading')).toHaveLength(1);
    expect(analysed.entities.people.slice(0, 2)).toEqual(['Donald Trump', 'Kim Jong Un']);
  });

  it('002 names Trump and Kim but never a meeting between them in one sentence', () => {
    const analysed = analyseArticle(read('002-near-miss-trade-talks-and-missile-test.txt'));
    expect(analysed.entities.people).toEqual(
      expect.arrayContaining(['Donald Trump', 'Kim Jong Un', 'Xi Jinping']),
    );
    const together = analysed.sentences.filter((s) => TRUMP.test(s.text) && KIM.test(s.text));
    expect(together.filter((s) => MEETING.test(s.text))).toEqual([]);
  });

  it.each(files.slice(2))('%s has a subheading, caption, quote, abbreviation or decimal', (name) => {
    const text = read(name);
    const analysed = analyseArticle(text);
    const features = [
      analysed.sentences.some((s) => s.role === 'heading'),
      analysed.sentences.some((s) => s.role === 'caption'),
      /[“"]/.test(text),
      /\b(?:Mr|Mrs|Ms|Dr)\.|U\.S\./.test(text),
      /\d\.\d/.test(text),
    ];
    expect(features.filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });
});
