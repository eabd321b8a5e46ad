import { gunzipSync } from 'node:zlib';
import type { RejectionReason } from '../../../contracts/vocabulary';

/**
 * gzip-compressed uploads (`aws s3 cp --content-encoding gzip`, a saved `.xml.gz` feed), inflated
 * in memory with a cap on what comes out: a few kilobytes of gzip can inflate to gigabytes (a gzip
 * bomb), so inflation stops at the same limit an uncompressed upload has.
 */

export type Inflated =
  | { ok: true; bytes: Uint8Array; compressed: boolean }
  | { ok: false; reason: RejectionReason; detail: string };

const GZIP_MAGIC = [0x1f, 0x8b];

/** Whether the object says its content is gzip (`Content-Encoding: gzip`, also in a list). */
export const declaresGzip = (contentEncoding: string | undefined): boolean =>
  contentEncoding !== undefined &&
  contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .some((coding) => coding === 'gzip' || coding === 'x-gzip');

const isGzip = (bytes: Uint8Array) => GZIP_MAGIC.every((b, i) => bytes[i] === b);

/**
 * The upload's content: inflated when it starts with gzip's magic bytes or its Content-Encoding is
 * gzip, else the bytes as they are. Output over `maxBytes` is `too-large`; bytes that do not
 * inflate (a truncated or corrupt gzip, or a Content-Encoding that is not true) are `malformed`.
 * Only one layer: a gzip inside the gzip is left for the binary check.
 */
export const inflate = (
  bytes: Uint8Array,
  contentEncoding: string | undefined,
  maxBytes: number,
): Inflated => {
  const declared = declaresGzip(contentEncoding);
  if (!declared && !isGzip(bytes)) return { ok: true, bytes, compressed: false };
  const what = declared ? 'the Content-Encoding says gzip' : 'gzip magic bytes';
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: maxBytes }), compressed: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof RangeError || code === 'ERR_BUFFER_TOO_LARGE') {
      return {
        ok: false,
        reason: 'too-large',
        detail: `gzip content (${bytes.length} bytes) inflates to over the ${maxBytes}-byte limit; not read further`,
      };
    }
    return {
      ok: false,
      reason: 'malformed',
      detail: `malformed gzip (${what}): ${error instanceof Error ? error.message : String(error)}`,
    };
  }
};
