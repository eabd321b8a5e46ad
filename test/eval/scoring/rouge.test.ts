import { describe, expect, it } from 'vitest';
import { f1, lcsLength, rouge, rougeL, rougeN, rougeTokens } from './rouge';

const t = (text: string) => rougeTokens(text);

describe('rougeTokens', () => {
  it('lower-cases and treats every run of non-letters, non-digits as a separator', () => {
    expect(t("Warner's profit: $1.13bn, up 27%!")).toEqual([
      'warner',
      's',
      'profit',
      '1',
      '13bn',
      'up',
      '27',
    ]);
  });

  it('keeps letters outside ASCII and gives nothing for empty or punctuation-only text', () => {
    expect(t('Café – Zürich…')).toEqual(['café', 'zürich']);
    expect(t('')).toEqual([]);
    expect(t(' -- ... ')).toEqual([]);
  });
});

describe('f1', () => {
  it('is the harmonic mean of overlap/candidate and overlap/reference', () => {
    // P = 3/4, R = 3/6: 2·0.75·0.5 / 1.25 = 0.6
    expect(f1(3, 4, 6)).toBeCloseTo(0.6, 12);
  });

  it('is 0 when nothing is shared or either side is empty', () => {
    expect(f1(0, 4, 6)).toBe(0);
    expect(f1(0, 0, 6)).toBe(0);
    expect(f1(0, 4, 0)).toBe(0);
  });
});

describe('rougeN', () => {
  it('ROUGE-1 clips a repeated unigram at its count in the reference', () => {
    // candidate: the×3 cat (4 unigrams); reference: the×2 cat sat on mat (6).
    // overlap = min(3, 2) + min(1, 1) = 3; P = 3/4, R = 3/6, F1 = 0.6.
    expect(rougeN(t('the the the cat'), t('the cat sat on the mat'), 1)).toBeCloseTo(0.6, 12);
  });

  it('ROUGE-1 clips the other way too: a repeat in the reference is matched once per occurrence', () => {
    // candidate: the cat (2); reference: the the the (3). overlap = min(1, 3) = 1.
    // P = 1/2, R = 1/3: F1 = 2·(1/6) / (5/6) = 0.4
    expect(rougeN(t('the cat'), t('the the the'), 1)).toBeCloseTo(0.4, 12);
  });

  it('ROUGE-2 counts clipped bigram overlap', () => {
    // candidate bigrams: "a b"×3, "b a"×2 (5); reference "a b c a b": "a b"×2, "b c", "c a" (4).
    // overlap = min(3, 2) = 2; P = 2/5, R = 2/4: F1 = 0.4 / 0.9 = 4/9
    expect(rougeN(t('a b a b a b'), t('a b c a b'), 2)).toBeCloseTo(4 / 9, 12);
    // candidate: "the cat"×2, "cat the" (3); reference: "the cat"×2, "cat sat", "sat on", "on the" (5).
    // overlap = 2; P = 2/3, R = 2/5: F1 = (8/15) / (16/15) = 0.5
    expect(rougeN(t('the cat the cat'), t('the cat sat on the cat'), 2)).toBeCloseTo(0.5, 12);
  });

  it('ROUGE-2 ignores word order beyond adjacent pairs', () => {
    // Same unigrams, no bigram in common.
    expect(rougeN(t('gunman the police'), t('police the gunman'), 1)).toBe(1);
    expect(rougeN(t('gunman the police'), t('police the gunman'), 2)).toBe(0);
  });

  it('is 0 for an empty side, and for a text shorter than n', () => {
    expect(rougeN([], t('a b'), 1)).toBe(0);
    expect(rougeN(t('a b'), [], 1)).toBe(0);
    expect(rougeN([], [], 1)).toBe(0);
    expect(rougeN(t('a'), t('a b'), 2)).toBe(0);
  });

  it('rejects n that is not a positive integer', () => {
    expect(() => rougeN(t('a'), t('a'), 0)).toThrow(RangeError);
    expect(() => rougeN(t('a'), t('a'), 1.5)).toThrow(RangeError);
  });
});

describe('lcsLength and rougeL', () => {
  it('finds the longest common subsequence, gaps allowed', () => {
    // The textbook pair: ABCBDAB and BDCABA share BCBA (among others), length 4.
    expect(lcsLength([...'abcbdab'], [...'bdcaba'])).toBe(4);
    expect(lcsLength([...'bdcaba'], [...'abcbdab'])).toBe(4);
    expect(lcsLength([...'abc'], [...'xyz'])).toBe(0);
    expect(lcsLength([], [...'abc'])).toBe(0);
  });

  it("reproduces Lin (2004)'s examples: in-sequence matches count, reordering does not", () => {
    const reference = t('police killed the gunman');
    // "police … the gunman": LCS 3 of 4 and 4 → 0.75
    expect(rougeL(t('police kill the gunman'), reference)).toBeCloseTo(0.75, 12);
    // "the gunman": LCS 2 of 4 and 4 → 0.5, though all four words but one are shared
    expect(rougeL(t('the gunman kill police'), reference)).toBeCloseTo(0.5, 12);
  });

  it('uses the whole sequences: different lengths give different precision and recall', () => {
    // LCS "a c e" = 3; P = 3/3, R = 3/5: F1 = 1.2 / 1.6 = 0.75
    expect(rougeL(t('a c e'), t('a b c d e'))).toBeCloseTo(0.75, 12);
  });

  it('is 0 for empty inputs', () => {
    expect(rougeL([], t('a'))).toBe(0);
    expect(rougeL(t('a'), [])).toBe(0);
    expect(rougeL([], [])).toBe(0);
  });
});

describe('rouge', () => {
  it('scores identical texts 1 on every measure', () => {
    const text = 'Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn. Sales rose 2%.';
    expect(rouge(text, text)).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
  });

  it('ignores case and punctuation', () => {
    expect(rouge('The cat, it sat.', '“the CAT it sat”')).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
  });

  it('scores empty inputs 0', () => {
    const zero = { rouge1: 0, rouge2: 0, rougeL: 0 };
    expect(rouge('', 'some reference')).toEqual(zero);
    expect(rouge('some candidate', '')).toEqual(zero);
    expect(rouge('', '')).toEqual(zero);
  });

  it('combines the three on one hand-computed pair', () => {
    // candidate: police kill the gunman (4); reference: police killed the gunman (4)
    // 3 shared → 0.75; R-2: "the gunman" of 3 bigrams each → 1/3; R-L: 0.75
    const scores = rouge('Police kill the gunman.', 'Police killed the gunman.');
    expect(scores.rouge1).toBeCloseTo(0.75, 12);
    expect(scores.rouge2).toBeCloseTo(1 / 3, 12);
    expect(scores.rougeL).toBeCloseTo(0.75, 12);
  });
});
