import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export const TEST_STREAM_ARN =
  'arn:aws:dynamodb:us-east-1:000000000000:table/newswatch-test/stream/2025-01-01T00:00:00.000';

let sequence = 100_000_000_000_000_000_000n;

export interface StreamRecordInput {
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** Plain objects; marshalled to DynamoDB JSON as Lambda delivers them. */
  keys?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  sequenceNumber?: string;
  streamArn?: string;
}

const image = (value: Record<string, unknown>) =>
  marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as unknown as Record<
    string,
    AttributeValue
  >;

/** One DynamoDB stream record shaped like Lambda's (NEW_AND_OLD_IMAGES). */
export function streamRecord(input: StreamRecordInput): DynamoDBRecord {
  const source = input.newImage ?? input.oldImage ?? {};
  const keys = input.keys ?? { pk: source.pk, sk: source.sk };
  sequence += 1n;
  const body = {
    keys: image(keys),
    ...(input.newImage ? { newImage: image(input.newImage) } : {}),
    ...(input.oldImage ? { oldImage: image(input.oldImage) } : {}),
  };
  return {
    eventID: randomUUID().replace(/-/g, ''),
    eventName: input.eventName ?? (input.oldImage ? (input.newImage ? 'MODIFY' : 'REMOVE') : 'INSERT'),
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: body.keys,
      ...(body.newImage ? { NewImage: body.newImage } : {}),
      ...(body.oldImage ? { OldImage: body.oldImage } : {}),
      SequenceNumber: input.sequenceNumber ?? sequence.toString(),
      SizeBytes: Buffer.byteLength(JSON.stringify(body)),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: input.streamArn ?? TEST_STREAM_ARN,
  };
}

export const streamEvent = (...records: StreamRecordInput[]): DynamoDBStreamEvent => ({
  Records: records.map(streamRecord),
});
