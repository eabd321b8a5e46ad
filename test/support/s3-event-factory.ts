import type { S3Event, S3EventRecord } from 'aws-lambda';
import { createSequencer, encodeS3EventKey } from '../../infra/local/invocation/s3-event';

const nextSequencer = createSequencer(0x0055aed6dcd90281e5n);

export interface S3RecordInput {
  /** The object key as stored (decoded); it is URL-encoded in the record as S3 does. */
  key: string;
  /** The key exactly as the record should carry it, to test decoding of a literal S3 encoding. */
  rawKey?: string;
  bucket?: string;
  size?: number;
  eTag?: string;
  versionId?: string;
  sequencer?: string;
  eventName?: string;
  region?: string;
  eventTime?: string;
}

/** One S3 notification record shaped exactly like the ones S3 sends to Lambda. */
export function s3Record(input: S3RecordInput): S3EventRecord {
  const bucket = input.bucket ?? 'newswatch-articles-test';
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: input.region ?? 'us-east-1',
    eventTime: input.eventTime ?? new Date().toISOString(),
    eventName: input.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAEXAMPLEPRINCIPAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': 'C3D13FE58DE4C810',
      'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'newswatch-articles-created',
      bucket: {
        name: bucket,
        ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
        arn: `arn:aws:s3:::${bucket}`,
      },
      object: {
        key: input.rawKey ?? encodeS3EventKey(input.key),
        size: input.size ?? 1024,
        eTag: input.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e',
        ...(input.versionId === undefined ? {} : { versionId: input.versionId }),
        sequencer: input.sequencer ?? nextSequencer(),
      },
    },
  };
}

export const s3Event = (...records: S3RecordInput[]): S3Event => ({ Records: records.map(s3Record) });
