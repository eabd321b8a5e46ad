import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../../local/invocation/lambda-invocation';
import { runLocalPipeline } from '../../local/pipeline';
import { alertFromMessage } from '../../local/report';
import type { BucketAccess, LocalBackend } from '../environment';
import { UsageError } from '../errors';

/** One file to upload and the key it goes to. */
export interface UploadItem {
  file: string;
  key: string;
}

export type UploadStatus = 'uploaded' | 'skipped' | 'failed';

export interface UploadOutcome extends UploadItem {
  status: UploadStatus;
  error?: string;
}

export interface LocalAlertSummary {
  topicId: string | null;
  certainty: string | null;
  articleKey: string | null;
  subject: string | null;
  /** Local subscriptions its filter policies let it through to (nothing is sent). */
  deliveredTo: { protocol: string; endpoint: string }[];
}

export interface UploadReport {
  tally: Record<UploadStatus, number>;
  files: UploadOutcome[];
  /** --local: uploads the ingest function rejected, and the alerts the run published. */
  rejected?: { key: string; reason: string; detail?: string }[];
  alerts?: LocalAlertSummary[];
}

// No charset: the uploader does not know a file's, and ingest reads a Content-Type charset over the
// file's own declaration (a windows-1252 page labelled UTF-8 would be rejected).
const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
};

export const contentTypeOf = (file: string) =>
  CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** S3 key prefixes the CLI accepts: relative, `/`-separated, ending in `/`. */
export function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '') return '';
  const trimmed = prefix.replace(/^\/+/, '');
  if (trimmed.split('/').some((part) => part === '..' || part === '.')) {
    throw new UsageError(`--prefix ${prefix}: no . or .. segments`);
  }
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/**
 * The files of the arguments (a folder gives its top-level regular files, dot files skipped, as
 * `npm start` reads a folder) and their keys `<articles prefix><prefix><file name>`. Two inputs
 * with one key, a missing path or nothing to upload are usage errors.
 */
export async function resolveUploadItems(
  inputs: string[],
  articlesPrefix: string,
  prefix = '',
): Promise<UploadItem[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) throw new UsageError(`${input}: no such file or folder`);
    if (info.isDirectory()) {
      const entries = await readdir(input, { withFileTypes: true });
      files.push(
        ...entries
          .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
          .map((entry) => resolve(input, entry.name))
          .sort(),
      );
    } else if (info.isFile()) {
      files.push(resolve(input));
    } else {
      throw new UsageError(`${input}: not a file or folder`);
    }
  }
  if (files.length === 0) throw new UsageError('nothing to upload: the folders given have no files');
  const byKey = new Map<string, string>();
  const items: UploadItem[] = [];
  for (const file of [...new Set(files)]) {
    const key = `${articlesPrefix}${prefix}${basename(file)}`;
    const other = byKey.get(key);
    if (other !== undefined) throw new UsageError(`${other} and ${file} would both be uploaded as ${key}`);
    byKey.set(key, file);
    items.push({ file, key });
  }
  return items;
}

export const md5Hex = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/**
 * Whether the object already holds these bytes: a single-part upload's ETag is the MD5 of its
 * bytes (the bucket uses SSE-S3, where that holds; s3rver does the same). A missing object is not.
 */
export async function isUnchanged(bucket: BucketAccess, key: string, md5: string): Promise<boolean> {
  try {
    const head = await bucket.client.send(new HeadObjectCommand({ Bucket: bucket.bucketName, Key: key }));
    return head.ETag?.replace(/"/g, '') === md5;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as Error).name === 'NotFound') return false;
    throw error;
  }
}

const describe = (error: unknown) =>
  error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
    : String(error);

export const tallyOf = (outcomes: UploadOutcome[]): Record<UploadStatus, number> => ({
  uploaded: outcomes.filter((o) => o.status === 'uploaded').length,
  skipped: outcomes.filter((o) => o.status === 'skipped').length,
  failed: outcomes.filter((o) => o.status === 'failed').length,
});

/** Deployed: PutObject each changed file, `concurrency` at a time; S3 then invokes ingest. */
export async function uploadToBucket(
  bucket: BucketAccess,
  items: UploadItem[],
  options: { concurrency: number; onDone?: (outcome: UploadOutcome) => void },
): Promise<UploadReport> {
  const outcomes = await mapWithConcurrency(items, options.concurrency, async (item) => {
    let outcome: UploadOutcome;
    try {
      const body = await readFile(item.file);
      if (await isUnchanged(bucket, item.key, md5Hex(body))) {
        outcome = { ...item, status: 'skipped' };
      } else {
        await bucket.client.send(
          new PutObjectCommand({
            Bucket: bucket.bucketName,
            Key: item.key,
            Body: body,
            ContentType: contentTypeOf(item.file),
          }),
        );
        outcome = { ...item, status: 'uploaded' };
      }
    } catch (error) {
      outcome = { ...item, status: 'failed', error: describe(error) };
    }
    options.onDone?.(outcome);
    return outcome;
  });
  return { tally: tallyOf(outcomes), files: outcomes };
}

/**
 * --local: unchanged files are skipped as in S3; the others go through the local pipeline (the
 * real ingest and alert handlers) on the kept stack, in groups of `concurrency` files of one
 * folder, so ingest and alerts actually run. A file whose ingest still failed after Lambda's
 * retries counts as failed.
 */
export async function uploadThroughLocalPipeline(
  backend: LocalBackend,
  items: UploadItem[],
  options: {
    concurrency: number;
    prefix: string;
    onDone?: (outcome: UploadOutcome) => void;
    warn: (line: string) => void;
  },
): Promise<UploadReport> {
  const stack = await backend.stack();
  const bucket = { client: stack.clients.s3, bucketName: stack.bucketName, prefix: stack.articlesPrefix };
  const outcomes = new Map<string, UploadOutcome>();
  const settle = (outcome: UploadOutcome) => {
    outcomes.set(outcome.key, outcome);
    options.onDone?.(outcome);
  };
  const changed: UploadItem[] = [];
  for (const item of items) {
    try {
      const body = await readFile(item.file);
      if (await isUnchanged(bucket, item.key, md5Hex(body))) settle({ ...item, status: 'skipped' });
      else changed.push(item);
    } catch (error) {
      settle({ ...item, status: 'failed', error: describe(error) });
    }
  }
  const groups = new Map<string, UploadItem[]>();
  for (const item of changed) {
    const folder = dirname(item.file);
    groups.set(folder, [...(groups.get(folder) ?? []), item]);
  }
  let rejected: UploadReport['rejected'] = [];
  const uploadedKeys = new Set<string>();
  for (const [folder, group] of groups) {
    for (let i = 0; i < group.length; i += options.concurrency) {
      const chunk = group.slice(i, i + options.concurrency);
      try {
        const report = await runLocalPipeline({
          inputDir: folder,
          files: chunk.map((item) => basename(item.file)),
          keyPrefix: options.prefix,
          stack,
          reset: false,
          logger: { info: () => undefined, warn: options.warn },
        });
        const failedKeys = new Map(
          report.failures.filter((f) => f.stage === 'ingest').map((f) => [f.articleKey ?? f.id, f.error]),
        );
        for (const item of chunk) {
          const error = failedKeys.get(item.key);
          settle(
            error === undefined ? { ...item, status: 'uploaded' } : { ...item, status: 'failed', error },
          );
          if (error === undefined) uploadedKeys.add(item.key);
        }
        rejected = report.rejected.filter((rejection) => uploadedKeys.has(rejection.key));
      } catch (error) {
        for (const item of chunk) settle({ ...item, status: 'failed', error: describe(error) });
      }
    }
  }
  const files = items.map((item) => outcomes.get(item.key) ?? { ...item, status: 'failed' as const });
  const alerts = stack.sns.messages.map((message) => {
    const alert = alertFromMessage(message);
    return {
      topicId: alert.topicId,
      certainty: typeof alert.certainty === 'string' ? alert.certainty : null,
      articleKey: alert.articleKey,
      subject: alert.subject,
      deliveredTo: (message.deliveredTo ?? []).map(({ protocol, endpoint }) => ({ protocol, endpoint })),
    };
  });
  return { tally: tallyOf(files), files, rejected, alerts };
}
