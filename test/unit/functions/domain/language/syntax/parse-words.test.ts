import { describe, expect, it } from 'vitest';
import { createDependencyParser } from '../../../../../../functions/domain/language/syntax/dependency-parser';
import { parseWords, parserLabels } from '../../../../../../functions/domain/language/syntax/parse-words';
import weights from '../../../../../../functions/domain/language/syntax/parser-weights.json' with { type: 'json' };
import {
  WeightsFormatError,
  decodeSparse,
  encodeTable,
  fromBase64,
  toBase64,
  type ParserWeights,
} from '../../../../../../functions/domain/language/syntax/weights-codec';
import { tagTokens } from '../../../../../../functions/domain/topics/certainty/event-factuality';

const parse = (sentence: string) => {
  const words = tagTokens(sentence.split(' '));
  return { words, ...parseWords(words) };
};

describe('parseWords with the committed weights', () => {
  it('parses "Trump met Kim in Singapore ." with Trump and Kim as subject and object of "met"', () => {
    const { heads, relations } = parse('Trump met Kim in Singapore .');
    expect(heads[1]).toBe(-1);
    expect(relations[1]).toBe('root');
    expect([heads[0], relations[0]]).toEqual([1, 'nsubj']);
    expect([heads[2], relations[2]]).toEqual([1, 'obj']);
    expect(relations[3]).toBe('case');
    expect(relations[5]).toBe('punct');
  });

  it('marks a passive subject and its agent', () => {
    const { heads, relations } = parse('Kim was met by Trump at the border .');
    expect([heads[0], relations[0]]).toEqual([2, 'nsubj:pass']);
    expect([heads[4], relations[4]]).toEqual([2, 'obl:agent']);
  });

  it('gives a possessor its subtype', () => {
    const { heads, relations } = parse("Trump 's meeting with Kim was cancelled .");
    expect([heads[0], relations[0]]).toEqual([2, 'nmod:poss']);
  });

  it('returns one root and a head for every word, never itself', () => {
    for (const sentence of [
      'Kim met Putin in Vladivostok , a day after Trump said he hoped to see Kim again .',
      'The summit , which had been planned for months , was called off on Thursday .',
      'Hello',
    ]) {
      const { heads, relations } = parse(sentence);
      expect(heads.filter((h) => h === -1)).toHaveLength(1);
      heads.forEach((h, i) => {
        expect(h).not.toBe(i);
        expect(h).toBeLessThan(heads.length);
      });
      expect(relations.every((r) => parserLabels().includes(r))).toBe(true);
    }
  });

  it('parses an empty sentence to an empty tree', () => {
    expect(parseWords([])).toEqual({ heads: [], relations: [] });
  });

  it('takes any tag, unknown ones as X', () => {
    const { heads } = parseWords([
      { lower: 'trump', pos: 'PROPN' },
      { lower: 'met', pos: 'NOT-A-TAG' },
    ]);
    expect(heads).toHaveLength(2);
  });
});

describe('the weights format', () => {
  it('round-trips base64', () => {
    const bytes = Uint8Array.from({ length: 301 }, (_, i) => (i * 37) % 256);
    for (const length of [0, 1, 2, 3, 301]) {
      expect(fromBase64(toBase64(bytes.slice(0, length)))).toEqual(bytes.slice(0, length));
    }
  });

  it('keeps the largest weights within the budget, by row and class', () => {
    const dense = new Float64Array(8 * 3);
    dense[0] = 0.5;
    dense[4] = -2;
    dense[5] = 3;
    dense[7 * 3 + 2] = 0.01;
    const table = encodeTable(dense, 3, 3, 3);
    expect(table.count).toBe(3);
    const sparse = decodeSparse(table);
    expect(Array.from(sparse.start)).toEqual([0, 1, 3, 3, 3, 3, 3, 3, 3]);
    expect(Array.from(sparse.classes)).toEqual([0, 1, 2]);
    expect(Array.from(sparse.values)).toEqual([0.5, -2, 3]);
  });

  it('refuses weights of another format, with a named error', () => {
    const other = { ...(weights as ParserWeights), format: 2 } as unknown as ParserWeights;
    expect(() => createDependencyParser(other)).toThrow(WeightsFormatError);
    const resized = { ...(weights as ParserWeights) };
    resized.transitions = { ...resized.transitions, bits: resized.transitions.bits + 1 };
    expect(() => createDependencyParser(resized)).toThrow(/tables of/);
    const broken = { ...(weights as ParserWeights) };
    broken.labeller = { ...broken.labeller, entries: broken.labeller.entries.slice(0, 100) };
    expect(() => createDependencyParser(broken)).toThrow(WeightsFormatError);
  });
});
