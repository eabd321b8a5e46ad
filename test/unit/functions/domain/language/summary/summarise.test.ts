import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import {
  rankSentences,
  selectWithin,
  type SummaryCandidate,
} from '../../../../../../functions/domain/language/summary/summarise';
import { plainTextArticle } from '../../../../../support/article-factories';

/**
 * Extractive summary as analyseArticle makes it: the indices of the `count` best candidates, in
 * article order. Near-duplicates of a chosen sentence are skipped.
 */
const summarise = (candidates: readonly SummaryCandidate[], count: number): number[] =>
  count <= 0 ? [] : selectWithin(rankSentences(candidates), { sentences: count });

const candidate = (index: number, text: string, extra: Partial<SummaryCandidate> = {}): SummaryCandidate => {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return {
    index,
    terms: words.filter((w) => w.length > 3),
    words: words.length,
    entities: [],
    dependent: false,
    ...extra,
  };
};

describe('summarise', () => {
  it('returns the chosen sentences in article order, not score order', () => {
    const chosen = summarise(
      [
        candidate(
          0,
          'Flood warnings were issued for the river valley towns on Monday morning by forecasters.',
        ),
        candidate(
          3,
          'Residents of the river valley towns were told to expect flood water by Monday evening.',
        ),
        candidate(
          7,
          'A local bakery celebrated its fiftieth anniversary with cakes and music for customers.',
        ),
        candidate(
          9,
          'Flood defences along the river valley were checked by engineers before the water rose.',
        ),
      ],
      2,
    );
    expect(chosen).toHaveLength(2);
    expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
    // The off-topic sentence shares no vocabulary with the rest: it is never central.
    expect(chosen).not.toContain(7);
  });

  it('prefers sentences about the most mentioned entities', () => {
    const text = 'Officials gave a statement about the plans for the coming season and beyond.';
    const chosen = summarise(
      [
        candidate(0, text),
        candidate(1, text.replace('Officials', 'Spokespeople'), { entities: ['person:a', 'place:x'] }),
        candidate(2, text.replace('Officials', 'Aides'), { entities: ['person:a'] }),
        candidate(3, text.replace('Officials', 'Ministers'), { entities: ['person:a'] }),
      ].map((c, i) => ({ ...c, terms: [`unique${i}`] })),
      1,
    );
    expect(chosen).toEqual([1]);
  });

  it('skips a near-duplicate of a sentence already chosen', () => {
    const lead =
      'Storm Fenna brought gusts of eighty miles an hour to Wales, closing roads and cutting power.';
    const chosen = summarise(
      [
        candidate(0, lead),
        candidate(1, `${lead.replace('.', '')} overnight.`),
        candidate(2, 'Engineers worked to restore power to homes in Wales after the storm closed roads.'),
      ],
      2,
    );
    expect(chosen).toEqual([0, 2]);
  });

  it('penalises fragments and sentences that lean on the one before', () => {
    const chosen = summarise(
      [
        candidate(0, 'The council approved a budget that raises council tax by five per cent next year.'),
        candidate(1, 'Not everyone agreed.'),
        candidate(2, 'But the council said the budget rise was needed to protect council care services.', {
          dependent: true,
        }),
        candidate(3, 'The council budget includes more money for care services and road repairs next year.'),
      ],
      2,
    );
    expect(chosen).toEqual([0, 3]);
  });

  it('handles fewer candidates than asked for, and zero', () => {
    expect(summarise([candidate(4, 'Only one sentence here about the weather today.')], 3)).toEqual([4]);
    expect(summarise([candidate(0, 'A sentence about the weather today.')], 0)).toEqual([]);
    expect(summarise([], 3)).toEqual([]);
  });
});

describe('summary through analyseArticle', () => {
  const text = plainTextArticle({
    date: '2025-11-03',
    paragraphs: [
      'Storm Fenna brought gusts of more than 80mph to Wales overnight, leaving 12,000 homes without power. Waves hit the sea wall at Porthcawl on Monday.(PA)',
      'Travel disruption',
      'Trains between Cardiff and Swansea were suspended while engineers cleared storm debris from the line.',
      'Power companies said engineers were working to restore supplies to homes hit by the storm.',
      'The storm is the sixth named storm of the season, forecasters said.',
    ],
  });

  it('never uses captions or headings', () => {
    const analysed = analyseArticle(text, { summarySentences: 10 });
    expect(analysed.summary.join(' ')).not.toContain('(PA)');
    expect(analysed.summary).not.toContain('Travel disruption');
    expect(analysed.summary).toHaveLength(4);
  });

  it('honours summarySentences and rejects nonsense values', () => {
    expect(analyseArticle(text, { summarySentences: 1 }).summary).toHaveLength(1);
    expect(analyseArticle(text, { summarySentences: 0 }).summary).toEqual([]);
    expect(() => analyseArticle(text, { summarySentences: -1 })).toThrow(RangeError);
    expect(() => analyseArticle(text, { summarySentences: 1.5 })).toThrow(RangeError);
  });
});
