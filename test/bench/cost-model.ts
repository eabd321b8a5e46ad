/**
 * What one million articles cost to run through Newswatch, from figures the bench measures
 * locally (warm durations, log bytes, item sizes, writes and alerts per article). Pure: no I/O, so
 * the arithmetic is unit-tested (test/bench/cost-model.test.ts) apart from the measuring.
 *
 * Per-request charges only. Free tiers are ignored (a steady million a month outgrows most of
 * them), and fixed monthly charges (storage, KMS key, alarms, dashboard, custom metrics) are not
 * per article: they are listed as not included, with the uploader's S3 PUTs and SNS deliveries.
 */

/** A price: dollars per unit, and the list price as AWS states it (printed beside each line). */
export interface Price {
  usd: number;
  unit: string;
  listed: string;
}

/**
 * us-east-1 on-demand LIST prices at the time of writing (2025). They change: check them on the
 * AWS pricing pages before relying on the figures.
 */
export const PRICES = {
  lambdaArmGbSecond: { usd: 0.0000133334, unit: 'GB-s', listed: '$0.0000133334 per GB-s (Lambda arm64)' },
  lambdaRequest: { usd: 0.2 / 1e6, unit: 'request', listed: '$0.20 per million requests (Lambda)' },
  dynamoWriteUnit: { usd: 0.625 / 1e6, unit: 'WRU', listed: '$0.625 per million WRU (DynamoDB on-demand)' },
  dynamoReadUnit: { usd: 0.125 / 1e6, unit: 'RRU', listed: '$0.125 per million RRU (DynamoDB on-demand)' },
  dynamoStreamsReadByLambda: {
    usd: 0,
    unit: 'GetRecords',
    listed: 'free (Streams read by a Lambda trigger)',
  },
  s3Get: { usd: 0.0004 / 1000, unit: 'GET', listed: '$0.0004 per 1,000 GET (S3 Standard)' },
  snsPublish: { usd: 0.5 / 1e6, unit: 'publish', listed: '$0.50 per million publishes (SNS, per 64 KB)' },
  logsIngestion: { usd: 0.5, unit: 'GB', listed: '$0.50 per GB ingested (CloudWatch Logs)' },
  xrayTraceRecorded: { usd: 5 / 1e6, unit: 'trace', listed: '$5.00 per million traces recorded (X-Ray)' },
  // Not included in the total (see notIncluded).
  s3Put: { usd: 0.005 / 1000, unit: 'PUT', listed: '$0.005 per 1,000 PUT (S3 Standard)' },
  snsEmailDelivery: { usd: 2 / 100_000, unit: 'email', listed: '$2.00 per 100,000 email deliveries (SNS)' },
} as const satisfies Record<string, Price>;

/** The budget the issue sets. */
export const TARGET_USD_PER_MILLION = 3;

/** CloudWatch Logs bills per GB; 10^9 bytes gives the (slightly) higher figure of 10^9 and 2^30. */
export const BYTES_PER_GB = 1e9;

/** DynamoDB bills a write per started KB of the item and never less than one unit. */
export const writeUnits = (itemBytes: number) => Math.max(1, Math.ceil(itemBytes / 1024));

// ---------------------------------------------------------------------------------------------
// DynamoDB item size, as DynamoDB computes it (developer guide, "Item sizes and formats").

/** An attribute value in DynamoDB JSON; binary may be bytes (SDK) or base64 (Lambda's events). */
export type DynamoValue =
  | { S: string }
  | { N: string }
  | { B: Uint8Array | string }
  | { BOOL: boolean }
  | { NULL: boolean }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: (Uint8Array | string)[] }
  | { L: DynamoValue[] }
  | { M: Record<string, DynamoValue> };

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
const binaryBytes = (value: Uint8Array | string) =>
  typeof value === 'string' ? Buffer.from(value, 'base64').length : value.length;

/** A number: about one byte per two significant digits, plus one. */
const numberBytes = (text: string) => {
  const digits = text
    .replace(/^[+-]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
};

export function valueBytes(value: DynamoValue): number {
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberBytes(value.N);
  if ('B' in value) return binaryBytes(value.B);
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((sum, entry) => sum + utf8(entry), 0);
  if ('NS' in value) return value.NS.reduce((sum, entry) => sum + numberBytes(entry), 0);
  if ('BS' in value) return value.BS.reduce((sum, entry) => sum + binaryBytes(entry), 0);
  // Lists and maps: 3 bytes, plus 1 per element (and each map key's name).
  if ('L' in value) return 3 + value.L.reduce((sum, entry) => sum + 1 + valueBytes(entry), 0);
  return (
    3 + Object.entries(value.M).reduce((sum, [name, entry]) => sum + 1 + utf8(name) + valueBytes(entry), 0)
  );
}

/** An item's size: every attribute's name and value. */
export const itemBytes = (item: Record<string, DynamoValue>) =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueBytes(value), 0);

/** The keys and attributes an index copies: every one, or the keys and the listed ones (INCLUDE). */
export interface IndexShape {
  partitionKey: string;
  sortKey: string;
  /** INCLUDE: the non-key attributes copied. Absent: ALL. */
  projected?: readonly string[];
  /** The table's own keys, which every index copies. @default ['pk', 'sk'] */
  tableKeys?: readonly string[];
}

/** An item as the index holds it. */
export function indexImage(
  item: Record<string, DynamoValue>,
  index: IndexShape,
): Record<string, DynamoValue> {
  if (index.projected === undefined) return item;
  const kept = new Set([
    ...(index.tableKeys ?? ['pk', 'sk']),
    index.partitionKey,
    index.sortKey,
    ...index.projected,
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

/**
 * Write units one successful change costs, table and index apart. The table pays for the larger
 * of the item before and after; an index pays, on what it copies of the item (all of it, or the
 * keys and projected attributes), a put for an item that enters or stays in it, a delete for one
 * that leaves it, and both when its index key changes.
 */
export function changeWriteUnits(
  change: { oldImage?: Record<string, DynamoValue>; newImage?: Record<string, DynamoValue> },
  index: IndexShape,
): { table: number; index: number } {
  const oldBytes = change.oldImage ? itemBytes(change.oldImage) : 0;
  const newBytes = change.newImage ? itemBytes(change.newImage) : 0;
  const indexBytes = (image?: Record<string, DynamoValue>) =>
    image ? itemBytes(indexImage(image, index)) : 0;
  const keyOf = (image?: Record<string, DynamoValue>) => {
    const pk = image?.[index.partitionKey];
    const sk = image?.[index.sortKey];
    return pk && sk ? JSON.stringify([pk, sk]) : undefined;
  };
  const oldKey = keyOf(change.oldImage);
  const newKey = keyOf(change.newImage);
  let units = 0;
  if (newKey !== undefined && newKey === oldKey) {
    units = writeUnits(Math.max(indexBytes(change.oldImage), indexBytes(change.newImage)));
  } else {
    if (oldKey !== undefined) units += writeUnits(indexBytes(change.oldImage));
    if (newKey !== undefined) units += writeUnits(indexBytes(change.newImage));
  }
  return { table: writeUnits(Math.max(oldBytes, newBytes)), index: units };
}

// ---------------------------------------------------------------------------------------------
// The model.

export interface CostInputs {
  /** One invocation per article (S3 sends one event per object). */
  ingest: { memoryMb: number; warmMs: number; logBytesPerInvocation: number };
  /**
   * One stream batch per `batchFill` records; `warmMsPerRecord` is a one-record invocation,
   * scaled by the fill (records of a batch are processed one after the other).
   * `recordsPerArticle`: stream records that pass the mapping's filter (Article items that
   * matched a topic), per article; 1 when every article reaches the function.
   */
  alert: {
    memoryMb: number;
    warmMsPerRecord: number;
    logBytesPerInvocation: number;
    batchFill: number;
    recordsPerArticle?: number;
  };
  /** The daily digest: `invocationsPerMonth` spread over `articlesPerMonth`. */
  digest: { memoryMb: number; warmMs: number; logBytesPerInvocation: number; invocationsPerMonth: number };
  articlesPerMonth: number;
  /** Successful and failed-conditional writes, by item type: write units (table + index) per article. */
  writes: { item: string; writesPerArticle: number; writeUnitsPerArticle: number; note?: string }[];
  /** Read units a month that do not scale with articles (the topic list, re-read once a minute). */
  readUnitsPerMonth: number;
  readNote: string;
  /** Read units every article costs: the story index's slots and candidate states (ingest). */
  storyReadUnitsPerArticle: number;
  storyReadNote: string;
  /** Other read units every article costs (measured: the handlers' other GetItem/BatchGetItem). */
  otherReadUnitsPerArticle?: number;
  otherReadNote?: string;
  /** S3 GETs per article: ingest reads the object (the alert function works from the stream record). */
  s3GetsPerArticle: number;
  /** Alerts published per article, as measured. */
  alertsPerArticle: number;
  /** How the log bytes were taken (the level and sampling they assume). @default 'INFO' */
  logNote?: string;
  /** Share of traces X-Ray records under the sampling rule. */
  xraySampledFraction: number;
}

export interface CostLine {
  item: string;
  quantityPerArticle: number;
  unit: string;
  unitPriceUsd: number;
  /** The list price as stated, e.g. `$0.20 per million requests (Lambda)`. */
  price: string;
  usdPerMillion: number;
  note?: string;
}

export interface CostEstimate {
  lines: CostLine[];
  usdPerMillion: number;
  targetUsdPerMillion: number;
  withinTarget: boolean;
  /** Charges per article that the issue leaves out of the budget, or that are not per article. */
  notIncluded: { item: string; price: string; usdPerMillion?: number; note: string }[];
  assumptions: string[];
}

const line = (item: string, quantityPerArticle: number, price: Price, note?: string): CostLine => ({
  item,
  quantityPerArticle,
  unit: price.unit,
  unitPriceUsd: price.usd,
  price: price.listed,
  usdPerMillion: quantityPerArticle * price.usd * 1e6,
  ...(note === undefined ? {} : { note }),
});

/** Lambda bills duration rounded up to the next millisecond, per invocation. */
const billedSeconds = (ms: number) => Math.ceil(ms) / 1000;

export function estimateCost(inputs: CostInputs): CostEstimate {
  const { ingest, alert, digest } = inputs;
  const fill = Math.max(1, alert.batchFill);
  const alertInvocationsPerArticle = (alert.recordsPerArticle ?? 1) / fill;
  const digestPerArticle = digest.invocationsPerMonth / inputs.articlesPerMonth;
  const gbSeconds = (memoryMb: number, ms: number) => (memoryMb / 1024) * billedSeconds(ms);

  const lines: CostLine[] = [
    line(
      'Lambda ingest: compute',
      gbSeconds(ingest.memoryMb, ingest.warmMs),
      PRICES.lambdaArmGbSecond,
      `${ingest.memoryMb} MB x ${Math.ceil(ingest.warmMs)} ms (warm, rounded up to 1 ms)`,
    ),
    line('Lambda ingest: requests', 1, PRICES.lambdaRequest, 'one S3 event per object'),
    line(
      'Lambda alert: compute',
      gbSeconds(alert.memoryMb, alert.warmMsPerRecord * fill) * alertInvocationsPerArticle,
      PRICES.lambdaArmGbSecond,
      `${alert.memoryMb} MB x ${Math.ceil(alert.warmMsPerRecord * fill)} ms (warm) per batch of ${fill}`,
    ),
    line(
      'Lambda alert: requests',
      alertInvocationsPerArticle,
      PRICES.lambdaRequest,
      `one per stream batch, ${fill} record(s) a batch, ${round((alert.recordsPerArticle ?? 1) * 100, 2)}% of articles pass the stream filter`,
    ),
    line(
      'Lambda digest: compute',
      gbSeconds(digest.memoryMb, digest.warmMs) * digestPerArticle,
      PRICES.lambdaArmGbSecond,
      `${digest.invocationsPerMonth} a month over ${inputs.articlesPerMonth.toLocaleString('en-US')} articles (negligible)`,
    ),
    line('Lambda digest: requests', digestPerArticle, PRICES.lambdaRequest),
    ...inputs.writes.map((write) =>
      line(
        `DynamoDB writes: ${write.item}`,
        write.writeUnitsPerArticle,
        PRICES.dynamoWriteUnit,
        write.note ?? `${round(write.writesPerArticle, 3)} writes per article, table + gsi1`,
      ),
    ),
    line(
      'DynamoDB reads',
      inputs.readUnitsPerMonth / inputs.articlesPerMonth,
      PRICES.dynamoReadUnit,
      inputs.readNote,
    ),
    line(
      'DynamoDB reads: story index',
      inputs.storyReadUnitsPerArticle,
      PRICES.dynamoReadUnit,
      inputs.storyReadNote,
    ),
    ...(inputs.otherReadUnitsPerArticle
      ? [
          line(
            'DynamoDB reads: other',
            inputs.otherReadUnitsPerArticle,
            PRICES.dynamoReadUnit,
            inputs.otherReadNote,
          ),
        ]
      : []),
    line('DynamoDB Streams reads by Lambda', alertInvocationsPerArticle, PRICES.dynamoStreamsReadByLambda),
    line('S3 GET', inputs.s3GetsPerArticle, PRICES.s3Get, 'ingest reads the object once'),
    line(
      'SNS publish',
      inputs.alertsPerArticle,
      PRICES.snsPublish,
      `measured alert rate ${round(inputs.alertsPerArticle * 100, 2)}% of articles`,
    ),
    line(
      'CloudWatch Logs ingestion',
      (ingest.logBytesPerInvocation +
        alert.logBytesPerInvocation * alertInvocationsPerArticle +
        digest.logBytesPerInvocation * digestPerArticle) /
        BYTES_PER_GB,
      PRICES.logsIngestion,
      `${Math.round(ingest.logBytesPerInvocation)} B per ingest + ${Math.round(alert.logBytesPerInvocation)} B per alert call (${inputs.logNote ?? 'INFO'})`,
    ),
    line(
      'X-Ray traces recorded',
      (1 + alertInvocationsPerArticle) * inputs.xraySampledFraction,
      PRICES.xrayTraceRecorded,
      `one trace per invocation, ${round(inputs.xraySampledFraction * 100, 2)}% sampled`,
    ),
  ];
  const usdPerMillion = lines.reduce((sum, entry) => sum + entry.usdPerMillion, 0);
  return {
    lines,
    usdPerMillion,
    targetUsdPerMillion: TARGET_USD_PER_MILLION,
    withinTarget: usdPerMillion <= TARGET_USD_PER_MILLION,
    notIncluded: [
      {
        item: 'S3 PUT (the uploader)',
        price: PRICES.s3Put.listed,
        usdPerMillion: PRICES.s3Put.usd * 1e6,
        note: 'paid by whoever uploads, one per article',
      },
      {
        item: 'SNS deliveries',
        price: `${PRICES.snsEmailDelivery.listed}; SMS priced per message by country`,
        note: 'per alert and subscriber; depends on the subscription list',
      },
      {
        item: 'Fixed monthly charges',
        price: 'storage, PITR, KMS key, alarms, dashboard, EMF custom metrics, X-Ray/Logs queries',
        note: 'do not scale with articles',
      },
    ],
    assumptions: [
      'us-east-1 on-demand list prices at the time of writing; check them before relying on the total',
      'free tiers ignored',
      `alert batches of ${fill} record(s): the stream mapping gathers records for 10 s; at a steady million a month (~0.39 articles/s) the ${round((alert.recordsPerArticle ?? 1) * 100, 2)}% of articles that pass its filter make ${fill} record(s) a batch`,
      `X-Ray: the stack's sampling rule (infra/cdk/constructs/monitoring/trace-sampling.ts) traces ${round(inputs.xraySampledFraction * 100, 2)}% of invocations with no per-second reservoir. Under X-Ray's default rule (1 trace/s + 5%) a steady million a month (under one invocation a second) would be traced nearly in full: up to $${round((1 + alertInvocationsPerArticle) * PRICES.xrayTraceRecorded.usd * 1e6, 2)} per million`,
      'Lambda durations measured locally without X-Ray; platform log lines (START/END/REPORT) are filtered by the WARN system log level',
    ],
  };
}

export const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
