import { describe, expect, it } from 'vitest';
import type { Block } from '../../../../../functions/domain/documents/document';
import { tokenise } from '../../../../../functions/domain/language/tokenise';
import { countTextWords, withinWordBudget } from '../../../../../functions/domain/language/word-budget';
import { countWords } from '../../../../../functions/domain/language/word-count';

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
/** A paragraph of `sentences` sentences of ten words each. */
const tenWordSentences = (sentences: number, label = 'item') =>
  Array.from(
    { length: sentences },
    (_, i) => `The council approved the ${label} ${i} budget on a Monday.`,
  ).join(' ');

describe('countTextWords', () => {
  it.each([
    'The council approved a new budget for road repairs.',
    'A sit-down strike – the first since 1984 – ended on Korea’s east coast.',
    '“Yes,” she said… 3 4 — * * *',
    'Ünïcödé wörds, 北京 and Καλημέρα count too.',
    ' spaces and no-break\u00a0spaces and\u2009thin ones count as breaks ',
  ])('counts words as countWords does from the tokens: %s', (text) => {
    expect(countTextWords(text)).toBe(countWords([[tokenise(text).tokens]]));
  });
});

describe('withinWordBudget', () => {
  it('leaves a body within the budget as it is', () => {
    const blocks = [paragraph(tenWordSentences(3)), { kind: 'heading', text: 'Roads' } as Block];
    expect(withinWordBudget(blocks, 100)).toEqual({ blocks, unanalysedWords: 0 });
    expect(withinWordBudget(blocks, 31)).toEqual({ blocks, unanalysedWords: 0 });
  });

  it('keeps whole blocks while they fit, cuts the one that crosses at a sentence end, counts the rest', () => {
    const blocks = [
      paragraph(tenWordSentences(20, 'first')),
      paragraph(tenWordSentences(30, 'second')),
      paragraph(tenWordSentences(10, 'third')),
    ];
    const { blocks: kept, unanalysedWords } = withinWordBudget(blocks, 345);
    expect(kept).toHaveLength(2);
    expect(kept[0]).toEqual(blocks[0]);
    // 200 words, then 14 whole sentences of the second block: no sentence is cut in two.
    expect(kept[1]?.text).toBe(tenWordSentences(14, 'second'));
    expect(unanalysedWords).toBe(600 - 340);
  });

  it('cuts one huge paragraph too, after its last whole word when it has no sentence end', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`).join(' ');
    const { blocks, unanalysedWords } = withinWordBudget([paragraph(words)], 1000);
    expect(blocks).toEqual([paragraph(words.split(' ').slice(0, 1000).join(' '))]);
    expect(unanalysedWords).toBe(4000);
  });

  it('leaves out a block it could keep only a few words of, but never the first', () => {
    const blocks = [paragraph(tenWordSentences(95)), paragraph(tenWordSentences(20, 'next'))];
    expect(withinWordBudget(blocks, 1000).blocks).toEqual(blocks.slice(0, 1));
    expect(withinWordBudget(blocks, 1000).unanalysedWords).toBe(200);
    expect(withinWordBudget(blocks, 20).blocks).toEqual([paragraph(tenWordSentences(2))]);
  });
});
