import { describe, expect, it } from 'vitest';
import {
  PRICES,
  TARGET_USD_PER_MILLION,
  changeWriteUnits,
  estimateCost,
  itemBytes,
  indexImage,
  valueBytes,
  writeUnits,
  type CostInputs,
  type DynamoValue,
} from './cost-model';

/** An item of exactly `bytes` bytes ("pk" + a string), optionally in gsi1. */
const item = (bytes: number, gsi?: string): Record<string, DynamoValue> => {
  const keys: Record<string, DynamoValue> =
    gsi === undefined ? {} : { gsi1pk: { S: gsi }, gsi1sk: { S: 'k' } };
  const keyBytes = gsi === undefined ? 0 : 'gsi1pk'.length + gsi.length + 'gsi1sk'.length + 1;
  return { pk: { S: 'x'.repeat(bytes - 2 - keyBytes) }, ...keys };
};
const GSI = { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' };

describe('DynamoDB sizes and write units', () => {
  it('bills a write per started KB, never less than one', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(writeUnits(3000)).toBe(3);
  });

  it('sizes values as DynamoDB documents them', () => {
    expect(valueBytes({ S: 'héllo' })).toBe(6); // UTF-8 bytes
    expect(valueBytes({ N: '123' })).toBe(3); // ceil(3 digits / 2) + 1
    expect(valueBytes({ N: '-0.0500' })).toBe(2); // one significant digit
    expect(valueBytes({ B: 'AAEC' })).toBe(3); // base64 as Lambda delivers it
    expect(valueBytes({ B: new Uint8Array(5) })).toBe(5);
    expect(valueBytes({ BOOL: true })).toBe(1);
    expect(valueBytes({ NULL: true })).toBe(1);
    expect(valueBytes({ SS: ['ab', 'c'] })).toBe(3);
    expect(valueBytes({ L: [{ S: 'ab' }, { N: '1' }] })).toBe(3 + (1 + 2) + (1 + 2));
    expect(valueBytes({ M: { a: { S: 'x' } } })).toBe(3 + 1 + 1 + 1);
  });

  it('sizes an item as its attribute names plus values', () => {
    expect(itemBytes({ pk: { S: 'ARTICLE#a' }, n: { N: '7' } })).toBe(2 + 9 + 1 + 2);
    expect(itemBytes(item(2000, 'ARTICLES'))).toBe(2000);
  });

  it('charges the table and the index for each change', () => {
    // A new item in the index: one put on each.
    expect(changeWriteUnits({ newImage: item(2000, 'A') }, GSI)).toEqual({ table: 2, index: 2 });
    // Not in the index.
    expect(changeWriteUnits({ newImage: item(500) }, GSI)).toEqual({ table: 1, index: 0 });
    // An update keeping its index key: the larger image, once each.
    expect(changeWriteUnits({ oldImage: item(500, 'A'), newImage: item(1500, 'A') }, GSI)).toEqual({
      table: 2,
      index: 2,
    });
    // An update moving it in the index: a delete of the old entry and a put of the new one.
    expect(changeWriteUnits({ oldImage: item(500, 'A'), newImage: item(1500, 'B') }, GSI)).toEqual({
      table: 2,
      index: 3,
    });
    // A removal.
    expect(changeWriteUnits({ oldImage: item(3000, 'A') }, GSI)).toEqual({ table: 3, index: 3 });
  });

  it('charges an INCLUDE index for the keys and the projected attributes only', () => {
    const article: Record<string, DynamoValue> = {
      pk: { S: 'ARTICLE#a' },
      sk: { S: 'ARTICLE' },
      gsi1pk: { S: 'ARTICLES' },
      gsi1sk: { S: '2025-11-04#a' },
      title: { S: 't'.repeat(100) },
      body: { S: 'b'.repeat(3000) },
    };
    expect(indexImage(article, { ...GSI, projected: ['title'] })).not.toHaveProperty('body');
    expect(changeWriteUnits({ newImage: article }, { ...GSI, projected: ['title'] })).toEqual({
      table: 4,
      index: 1,
    });
    expect(changeWriteUnits({ newImage: article }, GSI)).toEqual({ table: 4, index: 4 });
  });
});

const inputs = (overrides: Partial<CostInputs> = {}): CostInputs => ({
  ingest: { memoryMb: 512, warmMs: 20.2, logBytesPerInvocation: 500 },
  alert: { memoryMb: 512, warmMsPerRecord: 30, logBytesPerInvocation: 1000, batchFill: 1 },
  digest: { memoryMb: 256, warmMs: 100, logBytesPerInvocation: 2000, invocationsPerMonth: 30 },
  articlesPerMonth: 1_000_000,
  writes: [
    { item: 'Article', writesPerArticle: 1, writeUnitsPerArticle: 4 },
    { item: 'Match', writesPerArticle: 0.005, writeUnitsPerArticle: 0.01 },
  ],
  readUnitsPerMonth: 21_600,
  storyReadUnitsPerArticle: 2,
  storyReadNote: 'slots and states',
  readNote: 'topics',
  s3GetsPerArticle: 2,
  alertsPerArticle: 0.002,
  xraySampledFraction: 0.05,
  ...overrides,
});

const perMillion = (estimate: ReturnType<typeof estimateCost>, item: string) =>
  estimate.lines.find((entry) => entry.item === item)?.usdPerMillion;

describe('estimateCost', () => {
  it('prices every line from the measured figures (hand-computed)', () => {
    const estimate = estimateCost(inputs());
    // 0.5 GB x 21 ms (20.2 rounded up) = 0.0105 GB-s.
    expect(estimate.lines[0]?.quantityPerArticle).toBeCloseTo(0.0105, 10);
    expect(perMillion(estimate, 'Lambda ingest: compute')).toBeCloseTo(0.14, 4);
    expect(perMillion(estimate, 'Lambda ingest: requests')).toBeCloseTo(0.2, 6);
    expect(perMillion(estimate, 'Lambda alert: compute')).toBeCloseTo(0.2, 4);
    expect(perMillion(estimate, 'Lambda alert: requests')).toBeCloseTo(0.2, 6);
    // 30 a month: 0.25 GB x 0.1 s x 30 / 1e6 articles.
    expect(perMillion(estimate, 'Lambda digest: compute')).toBeCloseTo(1e-5, 7);
    expect(perMillion(estimate, 'DynamoDB writes: Article')).toBeCloseTo(2.5, 6);
    expect(perMillion(estimate, 'DynamoDB writes: Match')).toBeCloseTo(0.00625, 6);
    expect(perMillion(estimate, 'DynamoDB reads')).toBeCloseTo(0.0027, 6);
    // 2 RRU per article at $0.125 per million.
    expect(perMillion(estimate, 'DynamoDB reads: story index')).toBeCloseTo(0.25, 6);
    expect(perMillion(estimate, 'DynamoDB Streams reads by Lambda')).toBe(0);
    expect(perMillion(estimate, 'S3 GET')).toBeCloseTo(0.8, 6);
    expect(perMillion(estimate, 'SNS publish')).toBeCloseTo(0.001, 6);
    // (500 + 1000 + 2000 x 30 / 1e6) bytes per article, $0.50 per 1e9 bytes.
    expect(perMillion(estimate, 'CloudWatch Logs ingestion')).toBeCloseTo(0.75003, 5);
    // Two invocations per article, 5 % traced, $5 per million.
    expect(perMillion(estimate, 'X-Ray traces recorded')).toBeCloseTo(0.5, 6);
    expect(estimate.usdPerMillion).toBeCloseTo(5.55, 3);
    expect(estimate.usdPerMillion).toBeCloseTo(
      estimate.lines.reduce((sum, entry) => sum + entry.usdPerMillion, 0),
      10,
    );
    expect(estimate.targetUsdPerMillion).toBe(TARGET_USD_PER_MILLION);
    expect(estimate.withinTarget).toBe(false);
  });

  it('names the list price of every line', () => {
    for (const entry of estimateCost(inputs()).lines) {
      expect(entry.price).toMatch(/^\$[\d.,]+ per |^free /);
      expect(Object.values(PRICES).some((price) => price.usd === entry.unitPriceUsd)).toBe(true);
    }
  });

  it('spreads an alert batch over its records, rounding the batch duration up', () => {
    const single = estimateCost(inputs({ alert: { ...inputs().alert, warmMsPerRecord: 2.05 } }));
    const full = estimateCost(inputs({ alert: { ...inputs().alert, warmMsPerRecord: 2.05, batchFill: 10 } }));
    const gbSeconds = (estimate: ReturnType<typeof estimateCost>) =>
      estimate.lines.find((entry) => entry.item === 'Lambda alert: compute')?.quantityPerArticle;
    expect(gbSeconds(single)).toBeCloseTo(0.5 * 0.003, 10); // 3 ms a record
    expect(gbSeconds(full)).toBeCloseTo((0.5 * 0.021) / 10, 10); // 21 ms for ten
    expect(perMillion(full, 'Lambda alert: requests')).toBeCloseTo(0.02, 6);
    expect(perMillion(full, 'X-Ray traces recorded')).toBeCloseTo(1.1 * 0.05 * 5, 6);
  });

  it('invokes the alert function only for the records that pass its stream filter', () => {
    const filtered = estimateCost(inputs({ alert: { ...inputs().alert, recordsPerArticle: 0.04 } }));
    expect(perMillion(filtered, 'Lambda alert: requests')).toBeCloseTo(0.04 * 0.2, 6);
    expect(perMillion(filtered, 'Lambda alert: compute')).toBeCloseTo(
      0.04 * (perMillion(estimateCost(inputs()), 'Lambda alert: compute') ?? Number.NaN),
      6,
    );
  });

  it('keeps the uploader and the deliveries out of the total', () => {
    const estimate = estimateCost(inputs());
    expect(estimate.lines.some((entry) => /S3 PUT|deliver/i.test(entry.item))).toBe(false);
    const put = estimate.notIncluded.find((entry) => entry.item.startsWith('S3 PUT'));
    expect(put?.usdPerMillion).toBeCloseTo(5, 6);
    expect(estimate.notIncluded.some((entry) => entry.item === 'SNS deliveries')).toBe(true);
  });

  it('is within target when the figures are', () => {
    const cheap = estimateCost(
      inputs({
        ingest: { ...inputs().ingest, logBytesPerInvocation: 100 },
        alert: { ...inputs().alert, logBytesPerInvocation: 100 },
        writes: [{ item: 'Article', writesPerArticle: 1, writeUnitsPerArticle: 1 }],
        storyReadUnitsPerArticle: 0.5,
      }),
    );
    expect(cheap.usdPerMillion).toBeLessThan(TARGET_USD_PER_MILLION);
    expect(cheap.withinTarget).toBe(true);
  });
});
