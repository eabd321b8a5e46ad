import model from 'wink-eng-lite-web-model';
import winkNLP, { type PartOfSpeech } from 'wink-nlp';
import { describe, expect, it } from 'vitest';
import { isAbbrev, tokenise } from '../../../../../functions/domain/language/tokenise';
import fc from 'fast-check';

// tokenise.ts loads only parts of wink-eng-lite-web-model, relying on its internal file layout;
// this pins the result to what the package's own model gives, so an update that changes those
// internals fails here rather than quietly changing every analysis.
const full = winkNLP(model, ['sbd', 'pos']);

const TEXTS = [
  'Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.',
  'Mr. Smith met Dr. Jones at 5 p.m. on Monday. “Will we win?” he asked. The U.S. economy grew 3.5% in 2004.',
  'kim jong un met officials in pyongyang. they discussed the talks. e-mail and iPhone sales rose.',
  'Crowds gather in Seoul on Monday.(AP File) Zürich, Café Naïve — 12,000 visitors!!! Really?',
  'SHARES IN THE FIRM FELL SHARPLY. ANALYSTS WERE SURPRISED.',
  '',
];

describe('tokenise (wink with the parts of the English lite model it needs)', () => {
  it.each(TEXTS.map((text) => [text.slice(0, 40), text]))(
    'matches the full model on tokens, tags, stop words and sentences: %s',
    (_, text) => {
      const doc = full.readDoc(text);
      const tokens = doc.tokens();
      const { tokens: ours, sentences } = tokenise(text);
      expect(ours.map((t) => t.text)).toEqual(tokens.out());
      expect(ours.map((t) => t.pos)).toEqual(tokens.out(full.its.pos) as PartOfSpeech[]);
      expect(ours.map((t) => t.stopWord)).toEqual(tokens.out(full.its.stopWordFlag));
      expect(sentences.map((s) => [...s])).toEqual(doc.sentences().out(full.its.span));
    },
  );

  it('still matches after both have met the same unknown words (the lexicon grows as it reads)', () => {
    const text = 'Zorblax Quentaris and Vyxel Moranthe met at Frobnicate Hall. Zorblax said talks went well.';
    for (let round = 0; round < 2; round += 1) {
      const doc = full.readDoc(text);
      expect(tokenise(text).tokens.map((t) => t.pos)).toEqual(doc.tokens().out(full.its.pos));
    }
  });
});

describe('wink features made linear', () => {
  it('isAbbrev says what wink’s /[a-z].*\\.$/i says, in one pass', () => {
    const wink = (word: string) => (/[a-z].*\.$/i.test(word) ? 1 : 0);
    for (const word of [
      'Mr.',
      'U.S.',
      'p.m.',
      '5.',
      '.',
      'etc',
      'Dr',
      'é.',
      'a\nb.',
      'a\n.',
      'A1.',
      '1a.',
      '',
    ]) {
      expect(isAbbrev(word), JSON.stringify(word)).toBe(wink(word));
    }
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'Z', '1', '.', '\n', 'é', ' ', '-'), maxLength: 12 }),
        (w) => isAbbrev(w) === wink(w),
      ),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('tokenises a 300,000-character token as one token (wink’s own test backtracks on it for a minute)', () => {
    const { tokens } = tokenise(`Before ${'x'.repeat(300_000)} after.`);
    expect(tokens.map((t) => t.text.length)).toEqual([6, 300_000, 5, 1]);
  });
});
