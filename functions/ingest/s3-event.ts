import type { S3EventRecord } from 'aws-lambda';

/** What the ingest use case needs from one S3 notification record. */
export interface ObjectCreated {
  bucket: string;
  /** Decoded key, as the object is named in the bucket. */
  key: string;
  /** The key as it came in the event, for logs and for rejections when decoding fails. */
  rawKey: string;
  keyDecodingError?: string;
  size: number;
  eTag?: string;
  versionId?: string;
  sequencer: string;
}

/**
 * S3 notifications URL-encode object keys and write spaces as `+` (so a literal `+` arrives as
 * `%2B`). Decoding must turn `+` into a space first, then percent-decode.
 */
export const decodeS3Key = (rawKey: string): string => decodeURIComponent(rawKey.replace(/\+/g, ' '));

/**
 * S3 sequencers are hex strings of varying length; S3 documents that they compare correctly only
 * after left-padding to equal length. Padding at ingest lets DynamoDB compare them as strings.
 */
export const SEQUENCER_WIDTH = 32;
export const normaliseSequencer = (sequencer: string | undefined): string =>
  (sequencer ?? '').toUpperCase().padStart(SEQUENCER_WIDTH, '0');

export const toObjectCreated = (record: S3EventRecord): ObjectCreated => {
  const rawKey = record.s3.object.key;
  let key = rawKey;
  let keyDecodingError: string | undefined;
  try {
    key = decodeS3Key(rawKey);
  } catch (error) {
    keyDecodingError = error instanceof Error ? error.message : String(error);
  }
  return {
    bucket: record.s3.bucket.name,
    key,
    rawKey,
    ...(keyDecodingError ? { keyDecodingError } : {}),
    size: record.s3.object.size,
    ...(record.s3.object.eTag ? { eTag: record.s3.object.eTag } : {}),
    ...(record.s3.object.versionId ? { versionId: record.s3.object.versionId } : {}),
    sequencer: normaliseSequencer(record.s3.object.sequencer),
  };
};
