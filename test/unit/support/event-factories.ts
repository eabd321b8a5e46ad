import type { Context, DynamoDBRecord, DynamoDBStreamEvent, S3Event, S3EventRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';

/** Event factories: real-shaped Lambda events built from the few fields a test cares about. */

let sequence = 0x1000;

export const s3Record = (overrides: {
  key: string;
  size?: number;
  bucket?: string;
  versionId?: string;
  sequencer?: string;
}): S3EventRecord => {
  sequence += 1;
  const bucket = overrides.bucket ?? 'newswatch-articles';
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-1',
    eventTime: new Date(0).toISOString(),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:EXAMPLE' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'REQ', 'x-amz-id-2': 'ID2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'articles',
      bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: overrides.key,
        size: overrides.size ?? 100,
        eTag: 'etag',
        ...(overrides.versionId ? { versionId: overrides.versionId } : {}),
        sequencer: overrides.sequencer ?? sequence.toString(16).toUpperCase(),
      },
    },
  };
};

export const s3Event = (...records: S3EventRecord[]): S3Event => ({ Records: records });

export const streamRecord = (overrides: {
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  sequenceNumber?: string;
}): DynamoDBRecord => {
  sequence += 1;
  const image = (value: Record<string, unknown> | undefined) =>
    value ? (marshall(value, { removeUndefinedValues: true }) as never) : undefined;
  const newImage = image(overrides.newImage);
  const oldImage = image(overrides.oldImage);
  return {
    eventID: `event-${sequence}`,
    eventName: overrides.eventName ?? 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/Articles/stream/2025-01-01T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: 1_760_000_000,
      Keys: marshall({ pk: `ARTICLE#${String(overrides.newImage?.key ?? 'x')}`, sk: 'ARTICLE' }) as never,
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      SequenceNumber: overrides.sequenceNumber ?? String(sequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
};

export const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

export const articleImage = (overrides: Record<string, unknown> = {}) => ({
  pk: 'ARTICLE#articles/summit.txt',
  sk: 'ARTICLE',
  type: 'Article',
  key: 'articles/summit.txt',
  bucket: 'newswatch-articles',
  versionId: 'v1',
  title: 'Leaders may meet',
  publishedAt: '2025-11-02',
  summary: ['First.', 'Second.'],
  contentHash: 'a'.repeat(64),
  ...overrides,
});

export const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'newswatch-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:newswatch-test',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/newswatch-test',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** An article in the plain-text upload format: ` date YYYY-MM-DD ` then blank-line paragraphs. */
export const plainTextArticle = (date: string | null, ...paragraphs: string[]) =>
  `${date ? ` date ${date} ` : ''}${paragraphs.join('\n\n')}`;

/** An S3 GetObject body as the SDK returns it, enough for `transformToByteArray`. */
export const s3Body = (content: string | Uint8Array) => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { transformToByteArray: async () => bytes } as never;
};
