import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../functions/domain/analyse-article';
import { MAX_ANALYSED_WORDS } from '../../../../functions/contracts/limits';
import { InvalidArticleError } from '../../../../functions/domain/documents/errors';
import { plainTextArticle, proseParagraphs } from '../../../support/article-factories';

const rejection = (text: string) => {
  try {
    analyseArticle(text);
  } catch (error) {
    if (error instanceof InvalidArticleError) return { reason: error.reason, name: error.name };
    throw error;
  }
  return null;
};

describe('analyseArticle', () => {
  it.each([
    ['empty text', 'empty', ''],
    ['whitespace only', 'empty', '   \n\n\t  '],
    ['CRLF blank lines only', 'empty', '\r\n\r\n'],
    ['a date header alone', 'no-body', ' date 2025-10-18'],
    ['a date header and punctuation only', 'no-body', ' date 2025-10-18 … — !'],
  ])('rejects %s with InvalidArticleError reason %s', (_, reason, text) => {
    expect(rejection(text)).toEqual({ reason, name: 'InvalidArticleError' });
  });

  it('reads a photo caption alone as the article: only an article without a word is rejected', () => {
    // Until short items became articles this was `no-body` (only headings or captions, no prose).
    const analysed = analyseArticle(' date 2025-10-18 Crowds gather in Seoul on Monday.(Reuters)');
    expect(analysed.sentences.map((s) => s.role)).toEqual(['body']);
    expect(analysed.summary).toEqual(['Crowds gather in Seoul on Monday.(Reuters)']);
    expect(analysed.titleGenerated).toBe(true);
  });

  it('analyses an article without a date header: publishedAt null', () => {
    const analysed = analyseArticle(plainTextArticle({ paragraphs: proseParagraphs(4) }));
    expect(analysed.publishedAt).toBeNull();
    expect(analysed.summary).toHaveLength(3);
  });

  it('gives the same analysis for CRLF + BOM + final newline as for the plain form', () => {
    const parts = {
      date: '2025-10-20',
      paragraphs: ['Storm Amy hit Wales on Monday, cutting power to homes.', 'Roads were closed.'],
    };
    const plain = analyseArticle(plainTextArticle(parts));
    const windows = analyseArticle(
      `\ufeff${plainTextArticle({ ...parts, eol: '\r\n', finalNewline: true })}`,
    );
    expect(windows).toEqual(plain);
    expect(plain.publishedAt).toBe('2025-10-20');
  });

  it('strips an invalid date header and still analyses the body', () => {
    const analysed = analyseArticle(' date 2025-13-45 Officials met in Leeds on Monday to agree the plan.');
    expect(analysed.publishedAt).toBeNull();
    expect(analysed.sentences.map((s) => s.text)).toEqual([
      'Officials met in Leeds on Monday to agree the plan.',
    ]);
    expect(analysed.title).toBe('Officials met in Leeds on Monday to agree the plan');
  });

  it('numbers sentences across the article and paragraphs within the body', () => {
    const analysed = analyseArticle(
      plainTextArticle({ date: '2025-10-20', paragraphs: ['One is here. Two is here.', 'Three is here.'] }),
    );
    expect(analysed.sentences.map((s) => [s.index, s.paragraph])).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
    ]);
  });

  it('counts the words of the body, not of the header', () => {
    const analysed = analyseArticle(
      ' date 2025-10-20 Korea’s sit-down talks – held in Seoul – ended.\n\nThey resume on 3 Nov.',
    );
    // Korea’s | sit-down | talks | held | in | Seoul | ended. | They | resume | on | 3 | Nov.
    expect(analysed.wordCount).toBe(12);
  });

  it('generates the title from the first body sentence, skipping a leading subheading and caption', () => {
    const analysed = analyseArticle(
      plainTextArticle({
        date: '2025-10-20',
        paragraphs: [
          'Breaking news',
          'Rescuers wait near the mine in Chile on Sunday.(AP Photo) Rescuers reached the trapped miners on Sunday, officials said.',
          'All 33 men were brought to the surface.',
        ],
      }),
    );
    expect(analysed.sentences.map((s) => s.role)).toEqual(['heading', 'caption', 'body', 'body']);
    expect(analysed.title).toBe('Rescuers reached the trapped miners on Sunday');
    expect(analysed.titleGenerated).toBe(true);
  });

  describe('the analysis word budget', () => {
    // Ten words a sentence, two sentences a paragraph; the names come late in the body.
    const paragraphs = (from: number, to: number) =>
      Array.from(
        { length: to - from },
        (_, i) =>
          `The city council approved repairs worth ${from + i} pounds on Monday. Engineers said the new work would start within two weeks.`,
      );
    const late = 'Angela Merkel met Emmanuel Macron in Berlin on Tuesday to discuss the repairs.';

    it('analyses a body only up to the budget, counts all of it, and records how much was read', () => {
      const text = plainTextArticle({ date: '2025-10-20', paragraphs: [...paragraphs(0, 60), late] });
      const whole = analyseArticle(text);
      const cut = analyseArticle(text, { maxAnalysedWords: 500 });
      expect(whole.analysedWords).toBeUndefined();
      expect(cut.analysedWords).toBe(500);
      expect(cut.wordCount).toBe(whole.wordCount);
      // Nothing past the budget is read: not its sentences, nor the names in them.
      expect(cut.sentences).toHaveLength(50);
      expect(cut.sentences.map((s) => s.text)).toEqual(whole.sentences.slice(0, 50).map((s) => s.text));
      expect(whole.entities.people).toContain('Angela Merkel');
      expect(cut.entities.people).toEqual([]);
      expect(cut.summary.length).toBeGreaterThan(0);
    });

    it(`leaves a long article of ${(MAX_ANALYSED_WORDS / 2).toLocaleString('en')} words whole by default, and cuts a longer one at ${MAX_ANALYSED_WORDS.toLocaleString('en')}`, () => {
      const long = analyseArticle(plainTextArticle({ date: '2025-10-20', paragraphs: paragraphs(0, 2500) }));
      expect(long.wordCount).toBe(50_000);
      expect(long.analysedWords).toBeUndefined();
      const huge = analyseArticle(plainTextArticle({ date: '2025-10-20', paragraphs: paragraphs(0, 6000) }));
      expect(huge.wordCount).toBe(120_000);
      expect(huge.analysedWords).toBe(MAX_ANALYSED_WORDS);
      expect(huge.sentences).toHaveLength(MAX_ANALYSED_WORDS / 10);
    });

    it('rejects a budget below one word', () => {
      expect(() => analyseArticle(' date 2025-10-20 Some text.', { maxAnalysedWords: 0 })).toThrow(
        RangeError,
      );
    });
  });

  it('returns plain data only: no tokens or internal fields leak into the result', () => {
    const analysed = analyseArticle(plainTextArticle({ date: '2025-10-20', paragraphs: proseParagraphs(2) }));
    expect(Object.keys(analysed.sentences[0] ?? {}).sort()).toEqual(['index', 'paragraph', 'role', 'text']);
    expect(JSON.parse(JSON.stringify(analysed))).toEqual(analysed);
  });
});
