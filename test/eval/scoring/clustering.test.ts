import { describe, expect, it } from 'vitest';
import { scoreClustering } from './clustering';

const GOLD = ['A', 'A', 'A', 'B', 'B'];

describe('clustering scores', () => {
  it('are all 1 for the gold grouping, whatever the groups are called', () => {
    const perfect = { precision: 1, recall: 1, f1: 1 };
    expect(scoreClustering(GOLD, ['p', 'p', 'p', 'q', 'q'])).toEqual({
      bcubed: perfect,
      pairwise: perfect,
      groups: 2,
    });
    // The predicted names are not compared with the gold ones.
    expect(scoreClustering(GOLD, ['B', 'B', 'B', 'A', 'A'])).toEqual({
      bcubed: perfect,
      pairwise: perfect,
      groups: 2,
    });
  });

  it('put everything in one group: full recall, precision by group sizes', () => {
    const scores = scoreClustering(GOLD, ['z', 'z', 'z', 'z', 'z']);
    // B-cubed precision: the three A items see 3/5 of their group right, the two B items 2/5:
    // (3·3/5 + 2·2/5) / 5 = 13/25. F1 = 2·(13/25)·1 / (13/25 + 1) = 13/19.
    expect(scores.bcubed.precision).toBeCloseTo(13 / 25, 12);
    expect(scores.bcubed.recall).toBe(1);
    expect(scores.bcubed.f1).toBeCloseTo(13 / 19, 12);
    // Pairs: 10 put together, 3 + 1 = 4 of them gold. F1 = 2·0.4·1 / 1.4 = 4/7.
    expect(scores.pairwise.precision).toBeCloseTo(0.4, 12);
    expect(scores.pairwise.recall).toBe(1);
    expect(scores.pairwise.f1).toBeCloseTo(4 / 7, 12);
    expect(scores.groups).toBe(1);
  });

  it('put every item alone: full precision, recall by gold group sizes, no pair found', () => {
    const scores = scoreClustering(GOLD, ['1', '2', '3', '4', '5']);
    // B-cubed recall: each A item finds 1/3 of its gold group, each B item 1/2: (3·1/3 + 2·1/2)/5 = 2/5.
    expect(scores.bcubed.precision).toBe(1);
    expect(scores.bcubed.recall).toBeCloseTo(2 / 5, 12);
    expect(scores.bcubed.f1).toBeCloseTo(4 / 7, 12);
    // No pair predicted: precision is vacuously 1, none of the 4 gold pairs found.
    expect(scores.pairwise).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(scores.groups).toBe(5);
  });

  it('score a known mixed grouping exactly', () => {
    // Gold {0,1,2} {3,4}; predicted {0,1,2,3} {4}.
    // B-cubed precision: items 0–2 have 3 of 4 right (3/4 each), item 3 1 of 4, item 4 1 of 1:
    //   (3·3/4 + 1/4 + 1) / 5 = 3.5/5 = 0.7.
    // B-cubed recall: items 0–2 are with all 3 of their gold group (1 each), items 3 and 4 with 1 of 2:
    //   (3 + 1/2 + 1/2) / 5 = 0.8.  F1 = 2·0.7·0.8 / 1.5 = 56/75.
    // Pairs: 6 predicted, 4 gold, 3 in both (those of 0, 1, 2): P 1/2, R 3/4, F1 0.6.
    const scores = scoreClustering(GOLD, ['x', 'x', 'x', 'x', 'y']);
    expect(scores.bcubed.precision).toBeCloseTo(0.7, 12);
    expect(scores.bcubed.recall).toBeCloseTo(0.8, 12);
    expect(scores.bcubed.f1).toBeCloseTo(56 / 75, 12);
    expect(scores.pairwise.precision).toBeCloseTo(0.5, 12);
    expect(scores.pairwise.recall).toBeCloseTo(0.75, 12);
    expect(scores.pairwise.f1).toBeCloseTo(0.6, 12);
    expect(scores.groups).toBe(2);
  });

  it('do not depend on the order of the items', () => {
    const order = [4, 2, 0, 3, 1];
    const shuffledGold = order.map((i) => GOLD[i]!);
    const shuffledPredicted = order.map((i) => ['x', 'x', 'x', 'x', 'y'][i]!);
    expect(scoreClustering(shuffledGold, shuffledPredicted)).toEqual(
      scoreClustering(GOLD, ['x', 'x', 'x', 'x', 'y']),
    );
  });

  it('refuse a grouping of other items', () => {
    expect(() => scoreClustering(GOLD, ['x'])).toThrow(RangeError);
  });
});
