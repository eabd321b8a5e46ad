import { describe, expect, it } from 'vitest';
import { decodeS3Key, normaliseSequencer } from '../../../../functions/ingest/s3-event';
import { decodeArticleBytes } from '../../../../functions/domain/documents/decode-bytes';

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

describe('article bytes', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('decodes UTF-8 and strips its byte-order mark', () => {
    expect(decodeArticleBytes(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69))).toEqual({ ok: true, text: 'hi' });
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    expect(decodeArticleBytes(bytes(0xff, 0xfe, 0x68, 0x00, 0x69, 0x00))).toEqual({ ok: true, text: 'hi' });
    expect(decodeArticleBytes(bytes(0xfe, 0xff, 0x00, 0x68, 0x00, 0x69))).toEqual({ ok: true, text: 'hi' });
  });

  it.each([
    ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'binary'],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x00], 'binary'],
    ['NUL-laden data', [0x61, 0x00, 0x00, 0x62], 'binary'],
    ['Latin-1 text', [0x63, 0x61, 0x66, 0xe9], 'invalid-encoding'],
    ['nothing', [], 'empty'],
    ['whitespace', [0x20, 0x0a, 0x09], 'empty'],
  ])('rejects %s as %s', (_label, values, reason) => {
    expect(decodeArticleBytes(bytes(...values))).toMatchObject({ ok: false, reason });
  });
});
