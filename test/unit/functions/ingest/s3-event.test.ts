import { describe, expect, it } from 'vitest';
import { decodeS3Key, normaliseSequencer } from '../../../../functions/ingest/s3-event';

describe('S3 event keys', () => {
  it.each([
    ['articles/my+article.txt', 'articles/my article.txt'],
    ['articles/a%2Bb.txt', 'articles/a+b.txt'],
    ['articles/100%25+sure.txt', 'articles/100% sure.txt'],
    ['articles/caf%C3%A9%2F%E6%97%A5%E6%9C%AC.txt', 'articles/café/日本.txt'],
  ])('%s decodes to %s', (raw, decoded) => {
    expect(decodeS3Key(raw)).toBe(decoded);
  });

  it('throws on malformed percent-encoding rather than guessing', () => {
    expect(() => decodeS3Key('articles/%E0%A4%A.txt')).toThrow(URIError);
  });

  it('pads sequencers so that string order is event order', () => {
    expect(normaliseSequencer('A1') < normaliseSequencer('FF')).toBe(true);
    expect('100' > 'FF').toBe(false); // why padding is needed
    expect(normaliseSequencer('100') > normaliseSequencer('FF')).toBe(true);
  });
});
