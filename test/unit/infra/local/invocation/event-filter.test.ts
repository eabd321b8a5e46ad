import { describe, expect, it } from 'vitest';
import {
  ALERT_STREAM_FILTER,
  matchesFilterPattern,
} from '../../../../../infra/local/invocation/event-filter';
import { streamRecord } from '../../../../support/dynamodb-stream-event-factory';

const article = {
  pk: 'ARTICLE#articles/a.txt',
  sk: 'ARTICLE',
  type: 'Article',
  key: 'articles/a.txt',
  matched: true,
};

describe('ALERT_STREAM_FILTER (the alert event source mapping filter)', () => {
  it('passes inserts and updates of Article items', () => {
    expect(matchesFilterPattern(ALERT_STREAM_FILTER, streamRecord({ newImage: article }))).toBe(true);
    expect(
      matchesFilterPattern(ALERT_STREAM_FILTER, streamRecord({ newImage: article, oldImage: article })),
    ).toBe(true);
  });

  it('drops Article items that matched no topic: the alert function has nothing to do for them', () => {
    const { matched: _matched, ...unmatched } = article;
    expect(matchesFilterPattern(ALERT_STREAM_FILTER, streamRecord({ newImage: unmatched }))).toBe(false);
    expect(
      matchesFilterPattern(ALERT_STREAM_FILTER, streamRecord({ newImage: unmatched, oldImage: article })),
    ).toBe(false);
  });

  it('drops removals and every other item type', () => {
    expect(matchesFilterPattern(ALERT_STREAM_FILTER, streamRecord({ oldImage: article }))).toBe(false);
    for (const type of ['Rejection', 'Alert']) {
      expect(
        matchesFilterPattern(ALERT_STREAM_FILTER, streamRecord({ newImage: { ...article, type } })),
      ).toBe(false);
    }
    expect(matchesFilterPattern(ALERT_STREAM_FILTER, streamRecord({ newImage: { pk: 'x', sk: 'y' } }))).toBe(
      false,
    );
  });
});

describe('matchesFilterPattern', () => {
  it('supports prefix, exists and anything-but', () => {
    expect(matchesFilterPattern({ a: [{ prefix: 'ab' }] }, { a: 'abc' })).toBe(true);
    expect(matchesFilterPattern({ a: [{ prefix: 'ab' }] }, { a: 'xbc' })).toBe(false);
    expect(matchesFilterPattern({ a: [{ exists: false }] }, {})).toBe(true);
    expect(matchesFilterPattern({ a: [{ exists: true }] }, {})).toBe(false);
    expect(matchesFilterPattern({ a: [{ 'anything-but': ['x'] }] }, { a: 'y' })).toBe(true);
    expect(matchesFilterPattern({ a: [{ 'anything-but': ['x'] }] }, { a: 'x' })).toBe(false);
    expect(matchesFilterPattern({ a: { b: [1, 2] } }, { a: { b: 2 } })).toBe(true);
    expect(matchesFilterPattern({ a: { b: [1, 2] } }, { a: 'flat' })).toBe(false);
  });
});
