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

/** What the deletion use case needs from one ObjectRemoved record (no size or eTag: S3 sends none). */
export interface ObjectRemoved {
  bucket: string;
  key: string;
  rawKey: string;
  keyDecodingError?: string;
  /** `ObjectRemoved:Delete` (a version deleted for good) or `ObjectRemoved:DeleteMarkerCreated`. */
  eventName: string;
  versionId?: string;
  sequencer: string;
}

export type ObjectEvent =
  | ({ kind: 'created'; eventName: string } & ObjectCreated)
  | ({ kind: 'removed' } & ObjectRemoved)
  /** Anything else the bucket might send (e.g. a future event type): logged and skipped. */
  | { kind: 'other'; eventName: string; rawKey: string };

/** Routes one notification record by its event name (`ObjectCreated:*`, `ObjectRemoved:*`). */
export const toObjectEvent = (record: S3EventRecord): ObjectEvent => {
  const eventName = record.eventName ?? '';
  if (eventName.startsWith('ObjectCreated:'))
    return { kind: 'created', eventName, ...toObjectCreated(record) };
  if (eventName.startsWith('ObjectRemoved:')) return { kind: 'removed', ...toObjectRemoved(record) };
  return { kind: 'other', eventName, rawKey: record.s3?.object?.key ?? '' };
};

const decodeRecordKey = (rawKey: string): { key: string; keyDecodingError?: string } => {
  try {
    return { key: decodeS3Key(rawKey) };
  } catch (error) {
    return { key: rawKey, keyDecodingError: error instanceof Error ? error.message : String(error) };
  }
};

export const toObjectRemoved = (record: S3EventRecord): ObjectRemoved => {
  const rawKey = record.s3.object.key;
  return {
    bucket: record.s3.bucket.name,
    rawKey,
    ...decodeRecordKey(rawKey),
    eventName: record.eventName,
    ...(record.s3.object.versionId ? { versionId: record.s3.object.versionId } : {}),
    sequencer: normaliseSequencer(record.s3.object.sequencer),
  };
};

export const toObjectCreated = (record: S3EventRecord): ObjectCreated => {
  const rawKey = record.s3.object.key;
  return {
    bucket: record.s3.bucket.name,
    rawKey,
    ...decodeRecordKey(rawKey),
    size: record.s3.object.size,
    ...(record.s3.object.eTag ? { eTag: record.s3.object.eTag } : {}),
    ...(record.s3.object.versionId ? { versionId: record.s3.object.versionId } : {}),
    sequencer: normaliseSequencer(record.s3.object.sequencer),
  };
};
