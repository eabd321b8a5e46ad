import { describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../../../../functions/ingest/s3-event';
import {
  createSequencer,
  decodeS3EventKey,
  encodeS3EventKey,
  normalizeS3Record,
} from '../../../../../infra/local/invocation/s3-event';

describe('encodeS3EventKey', () => {
  it.each([
    ['articles/plain.txt', 'articles/plain.txt'],
    ['articles/my article.txt', 'articles/my+article.txt'],
    ['articles/a+b.txt', 'articles/a%2Bb.txt'],
    ['articles/my article+1.txt', 'articles/my+article%2B1.txt'],
    ['articles/100%.txt', 'articles/100%25.txt'],
    ['articles/café.txt', 'articles/caf%C3%A9.txt'],
    ['articles/北京.txt', 'articles/%E5%8C%97%E4%BA%AC.txt'],
    ['articles/emoji-😀.txt', 'articles/emoji-%F0%9F%98%80.txt'],
    ['a/b/c d/e.txt', 'a/b/c+d/e.txt'],
    ["articles/(draft) it's #1 & more?.txt", 'articles/%28draft%29+it%27s+%231+%26+more%3F.txt'],
    ['articles/a~b=c,d;e:f@g$h.txt', 'articles/a%7Eb%3Dc%2Cd%3Be%3Af%40g%24h.txt'],
    ['articles/keep-_.*.txt', 'articles/keep-_.*.txt'],
  ])('%s → %s', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
  });

  it('keeps slashes, never encodes them', () => {
    expect(encodeS3EventKey('x/y/z')).toBe('x/y/z');
  });

  it('round-trips through the decoding a handler does (and the ingest function does)', () => {
    const keys = [
      'articles/my article+1.txt',
      'articles/100% sure.txt',
      'articles/naïve café ☕.txt',
      'articles/a++b  c.txt',
    ];
    for (const key of keys) {
      expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
      expect(decodeS3Key(encodeS3EventKey(key))).toBe(key);
    }
  });

  it('is not encodeURIComponent: spaces are + and a literal + is %2B', () => {
    expect(encodeS3EventKey(' + ')).toBe('+%2B+');
  });
});

describe('createSequencer', () => {
  it('produces equal-length upper-case hex strings that increase', () => {
    const next = createSequencer();
    const values = Array.from({ length: 1000 }, next);
    for (const value of values) expect(value).toMatch(/^[0-9A-F]{18}$/);
    expect([...values].sort()).toEqual(values);
    expect(new Set(values).size).toBe(values.length);
  });
});

describe('normalizeS3Record', () => {
  const raw = {
    eventVersion: '2.0',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2025-10-18T10:00:00.000Z',
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:ABC' },
    requestParameters: { sourceIPAddress: '::ffff:127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'REQ', 'x-amz-id-2': 'ID2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'testConfigId',
      bucket: { name: 'bucket', ownerIdentity: { principalId: 'OWNER' }, arn: 'arn:aws:s3: : :bucket' },
      object: { key: 'articles/my article+1.txt', sequencer: '18F', size: 12, eTag: 'abc' },
    },
  };

  it('fixes what s3rver gets wrong and keeps the rest', () => {
    const record = normalizeS3Record(raw, { region: 'eu-west-1', sequencer: () => '000000000000000001' });
    expect(record).toEqual({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2025-10-18T10:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:ABC' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'REQ', 'x-amz-id-2': 'ID2' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'newswatch-articles-created',
        bucket: { name: 'bucket', ownerIdentity: { principalId: 'OWNER' }, arn: 'arn:aws:s3:::bucket' },
        object: {
          key: 'articles/my+article%2B1.txt',
          size: 12,
          eTag: 'abc',
          sequencer: '000000000000000001',
        },
      },
    });
  });

  it('fills fields s3rver omits', () => {
    const record = normalizeS3Record(
      { s3: { bucket: { name: 'b' }, object: { key: 'k', size: 3 } } },
      { region: 'us-east-1', sequencer: () => '01' },
    );
    expect(record.eventSource).toBe('aws:s3');
    expect(record.eventName).toBe('ObjectCreated:Put');
    expect(record.eventTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(record.s3.object).toMatchObject({ key: 'k', size: 3, sequencer: '01' });
    expect(record.s3.object).not.toHaveProperty('versionId');
  });

  it('refuses a record without a key', () => {
    expect(() =>
      normalizeS3Record({ s3: { bucket: { name: 'b' } } }, { region: 'r', sequencer: () => '1' }),
    ).toThrow(/without bucket name or key/);
  });
});
