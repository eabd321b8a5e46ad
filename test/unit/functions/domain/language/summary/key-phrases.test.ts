import { describe, expect, it } from 'vitest';
import type { SentenceRole } from '../../../../../../functions/domain/language/analysis';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import {
  extractKeyPhrases,
  MAX_KEY_PHRASES,
} from '../../../../../../functions/domain/language/summary/key-phrases';
import { splitParagraph } from '../../../../../../functions/domain/language/sentences';
import { plainTextArticle } from '../../../../../support/article-factories';

/** Key phrases of paragraphs of body text (or of the role given), with these entity names. */
const phrasesOf = (paragraphs: string[], entityNames: string[] = [], role: SentenceRole = 'body') =>
  extractKeyPhrases(
    paragraphs.flatMap((text, i) => splitParagraph(text, i).map((draft) => ({ tokens: draft.tokens, role }))),
    entityNames,
  );

const TRADE_STORY = [
  'Trade tensions between the two countries rose again on Monday as new tariffs took effect.',
  'Exporters warned that the trade tensions would hit steel producers hardest.',
  'Steel producers have already cut jobs at three plants, the industry body said.',
  'Officials said a trade tension of this kind could last for years.',
];

describe('extractKeyPhrases', () => {
  it('ranks the repeated noun phrase first, folding plurals and case', () => {
    const phrases = phrasesOf(TRADE_STORY);
    expect(phrases[0]).toBe('trade tensions');
    expect(phrases).toContain('steel producers');
    // "trade tensions" and "trade tension" are one phrase.
    expect(phrases.filter((p) => p.startsWith('trade tension'))).toHaveLength(1);
  });

  it('keeps adjectives in front of nouns but not general ones', () => {
    const phrases = phrasesOf([
      'Officials have not yet done any of the logistical planning for the summit.',
      'Other officials said the logistical planning would take months.',
    ]);
    expect(phrases).toContain('logistical planning');
    expect(phrases).not.toContain('other officials');
  });

  it('leaves out stop phrases, dates and numbers', () => {
    const phrases = phrasesOf([
      'Officials said on Monday that people had waited for years for the new bridge.',
      'Officials said last year that the bridge would open in June.',
    ]);
    expect(phrases).toContain('bridge');
    for (const general of ['officials', 'people', 'years', 'year', 'Monday', 'June']) {
      expect(phrases).not.toContain(general);
    }
  });

  it('leaves out the article’s entities under any of their names, but keeps phrases built on them', () => {
    const story = [
      'President Donald Trump is likely to meet Kim Jong Un during his Asia trip.',
      'Officials in the Trump administration discussed a meeting with Kim Jong Un.',
      'Trump said the meeting with Kim could happen soon.',
    ];
    const without = phrasesOf(story);
    expect(without).toContain('Kim Jong Un');
    const phrases = phrasesOf(story, [
      'Donald Trump',
      'President Donald Trump',
      'Trump',
      'Kim Jong Un',
      'Kim',
    ]);
    for (const name of ['Kim Jong Un', 'Donald Trump', 'Trump', 'Kim']) expect(phrases).not.toContain(name);
    expect(phrases).toContain('Trump administration');
    expect(phrases).toContain('meeting');
  });

  it('leaves out titles standing for people', () => {
    const phrases = phrasesOf([
      'The foreign secretary met Chinese President Xi Jinping in Beijing on the trade dispute.',
      'The North Korean leader did not attend the talks on the trade dispute.',
    ]);
    expect(phrases[0]).toBe('trade dispute');
    expect(phrases).toContain('Xi Jinping');
    for (const title of ['foreign secretary', 'Chinese President', 'North Korean leader']) {
      expect(phrases).not.toContain(title);
    }
  });

  it('joins hyphenated compounds', () => {
    const phrases = phrasesOf([
      'The cross-country team left for the training camp on Friday.',
      'The cross-country team is expected back next month.',
    ]);
    expect(phrases).toContain('cross-country team');
  });

  it('reads no captions', () => {
    expect(phrasesOf(['Flood water covers the high street in York.(PA)'], [], 'caption')).toEqual([]);
  });

  it(`returns at most ${MAX_KEY_PHRASES} phrases, each once`, () => {
    const many = Array.from(
      { length: 30 },
      (_, i) =>
        `The ${['red', 'green', 'blue', 'old', 'tall'][i % 5]} tower number ${i} hosts a ${['museum', 'library', 'cafe', 'school', 'gallery', 'bakery'][i % 6]}.`,
    );
    const phrases = phrasesOf(many);
    expect(phrases.length).toBeLessThanOrEqual(MAX_KEY_PHRASES);
    expect(new Set(phrases.map((p) => p.toLowerCase())).size).toBe(phrases.length);
  });

  it('returns nothing for text with no nouns', () => {
    expect(phrasesOf(['It is what it is.'])).toEqual([]);
  });
});

describe('key phrases through analyseArticle', () => {
  it('fills keyPhrases without the entities listed in the same analysis', () => {
    const analysed = analyseArticle(
      plainTextArticle({
        date: '2025-10-18',
        paragraphs: [
          'Storm Fenna brought flooding to Cardiff on Monday, and flood defences failed in two places.',
          'Engineers in Cardiff said the flood defences had not been repaired since 2020.',
          'The council promised to review the flood defences before the winter.',
        ],
      }),
    );
    expect(analysed.keyPhrases[0]).toBe('flood defences');
    expect(analysed.entities.places).toContain('Cardiff');
    expect(analysed.keyPhrases).not.toContain('Cardiff');
  });
});
