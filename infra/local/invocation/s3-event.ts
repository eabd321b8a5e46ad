import type { S3EventRecord } from 'aws-lambda';

/**
 * Encodes an object key the way S3 does in event notifications: like an HTML form
 * (`application/x-www-form-urlencoded`, Java's URLEncoder) — spaces become `+`, every byte of
 * the UTF-8 form outside `A-Z a-z 0-9 . - _ *` becomes `%XX` — except that `/` is kept. A handler
 * decodes it with `decodeURIComponent(key.replace(/\+/g, ' '))`.
 *
 * s3rver puts the raw key into its events, so the local runner re-encodes it with this.
 */
export function encodeS3EventKey(key: string): string {
  let encoded = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-_*/]/.test(char)) encoded += char;
    else if (char === ' ') encoded += '+';
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The inverse, as a Lambda handler would do it (for tests and the report). */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/**
 * A generator of S3 `sequencer` values: upper-case hex strings of equal length that increase with
 * every call (S3 guarantees this per key; s3rver uses Date.now(), which repeats within a ms).
 */
export function createSequencer(start = BigInt(Date.now()) << 20n): () => string {
  let next = start;
  return () => {
    const value = next;
    next += 1n;
    return value.toString(16).toUpperCase().padStart(18, '0');
  };
}

export interface NormalizeS3RecordOptions {
  region: string;
  sequencer: () => string;
  /** Used when s3rver gave no time (it always does). */
  now?: () => Date;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const randomHex = (length: number) =>
  Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16))
    .join('')
    .toUpperCase();

/**
 * Turns one record s3rver emitted into a record shaped exactly like a real S3 notification:
 * the key URL-encoded as S3 does, a well-formed bucket ARN (s3rver writes `arn:aws:s3: : :name`),
 * the runner's region, an IPv4 source address, event version 2.1, a notification id and a
 * monotonic sequencer. Fields s3rver already fills correctly are kept.
 */
export function normalizeS3Record(
  raw: Record<string, unknown>,
  options: NormalizeS3RecordOptions,
): S3EventRecord {
  const s3 = isRecord(raw.s3) ? raw.s3 : {};
  const bucket = isRecord(s3.bucket) ? s3.bucket : {};
  const object = isRecord(s3.object) ? s3.object : {};
  const bucketName = str(bucket.name);
  const rawKey = str(object.key);
  if (bucketName === undefined || rawKey === undefined) {
    throw new Error(`s3rver emitted a record without bucket name or key: ${JSON.stringify(raw)}`);
  }
  const userIdentity = isRecord(raw.userIdentity) ? raw.userIdentity : {};
  const requestParameters = isRecord(raw.requestParameters) ? raw.requestParameters : {};
  const responseElements = isRecord(raw.responseElements) ? raw.responseElements : {};
  const ownerIdentity = isRecord(bucket.ownerIdentity) ? bucket.ownerIdentity : {};
  const sourceIp = (str(requestParameters.sourceIPAddress) ?? '127.0.0.1').replace(/^::ffff:/, '');
  const versionId = str(object.versionId);
  // S3 sends no size or eTag for removals; the record type wants them, so 0 and ''.
  const removed = (str(raw.eventName) ?? '').startsWith('ObjectRemoved:');
  const record: S3EventRecord = {
    // S3 sends 2.1 for object-created notifications; s3rver still writes 2.0.
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region,
    eventTime: str(raw.eventTime) ?? (options.now?.() ?? new Date()).toISOString(),
    eventName: str(raw.eventName) ?? 'ObjectCreated:Put',
    userIdentity: { principalId: str(userIdentity.principalId) ?? `AWS:${randomHex(21)}` },
    requestParameters: { sourceIPAddress: sourceIp === '::1' ? '127.0.0.1' : sourceIp },
    responseElements: {
      'x-amz-request-id': str(responseElements['x-amz-request-id']) ?? randomHex(16),
      'x-amz-id-2': str(responseElements['x-amz-id-2']) ?? randomHex(32),
    },
    s3: {
      s3SchemaVersion: str(s3.s3SchemaVersion) ?? '1.0',
      // The notification configuration's id (s3rver writes a placeholder `testConfigId`).
      configurationId: removed ? 'newswatch-articles-removed' : 'newswatch-articles-created',
      bucket: {
        name: bucketName,
        ownerIdentity: { principalId: str(ownerIdentity.principalId) ?? randomHex(14) },
        arn: `arn:aws:s3:::${bucketName}`,
      },
      object: {
        key: encodeS3EventKey(rawKey),
        size: typeof object.size === 'number' ? object.size : Number(object.size ?? 0),
        eTag: (str(object.eTag) ?? '').replace(/^"|"$/g, ''),
        ...(versionId === undefined ? {} : { versionId }),
        sequencer: options.sequencer(),
      },
    },
  };
  return record;
}
