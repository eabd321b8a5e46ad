import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../contracts/limits';
import type { RejectionReason } from '../../../contracts/vocabulary';
import {
  asciiCompatible,
  bomCharset,
  contentTypeCharset,
  declaredCharset,
  encodingOf,
  type Charset,
  type CharsetSource,
} from './charset';
import { inflate } from './gzip';

export type DecodeResult =
  | { ok: true; text: string; charset: Charset; compressed: boolean }
  | { ok: false; reason: RejectionReason; detail: string };

/** What the object says of its bytes besides the bytes (S3's metadata); the CLI has neither. */
export interface DecodeOptions {
  /** The object's Content-Type: its `charset` parameter, when there is one, decides decoding. */
  contentType?: string;
  /** The object's Content-Encoding: `gzip` means the bytes are inflated first. */
  contentEncoding?: string;
  /** The most bytes a gzip may inflate to; the article size limit when not given. */
  maxBytes?: number;
}

/** File signatures of formats people upload by mistake; checked before any text decoding. */
const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive (or DOCX/XLSX)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  // Only after one gzip layer was inflated: compressed twice, or a .tar.gz's members.
  { name: 'gzip archive inside the gzip', bytes: [0x1f, 0x8b] },
];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** A decoder's display name for messages: `UTF-8`, `windows-1252`. */
const nameOf = (encoding: string) => (encoding.startsWith('utf-') ? encoding.toUpperCase() : encoding);

/**
 * windows-1252's characters at 0x80-0x9F (WHATWG index-windows-1252), where ISO-8859-1 has C1
 * controls. Node's TextDecoder (20.x at least, nodejs/node#56542) decodes windows-1252, and so
 * iso-8859-1, latin1 and us-ascii, as ISO-8859-1 there: "€", curly quotes and dashes would come out
 * as invisible controls. The five bytes windows-1252 leaves undefined stay C1 controls, as WHATWG says.
 */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/g;

const decode = (bytes: Uint8Array, encoding: string): string | undefined => {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return encoding === 'windows-1252'
      ? text.replace(C1, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80))
      : text;
  } catch {
    return undefined;
  }
};

/**
 * The charset to read the bytes in: a byte-order mark, then the Content-Type's charset, then the
 * document's own declaration, then UTF-8. A label no decoder knows is passed over for the next
 * source (and named if the bytes then fail to decode).
 */
const chooseCharset = (
  bytes: Uint8Array,
  contentType: string | undefined,
): { charset: Charset; unknown?: { label: string; source: CharsetSource } } => {
  const bom = bomCharset(bytes);
  if (bom) return { charset: bom };
  let unknown: { label: string; source: CharsetSource } | undefined;
  const fromType = contentTypeCharset(contentType);
  if (fromType !== undefined) {
    const encoding = encodingOf(fromType);
    if (encoding) return { charset: { encoding, source: 'Content-Type' } };
    unknown = { label: fromType, source: 'Content-Type' };
  }
  const declared = declaredCharset(bytes);
  if (declared) {
    const encoding = encodingOf(declared.label);
    if (encoding) return { charset: { encoding: asciiCompatible(encoding, bytes), source: declared.source } };
    unknown ??= declared;
  }
  return { charset: { encoding: 'utf-8', source: 'default' }, ...(unknown ? { unknown } : {}) };
};

const invalid = (charset: Charset, unknown: { label: string; source: CharsetSource } | undefined) => {
  const name = nameOf(charset.encoding);
  const detail = unknown
    ? `the ${unknown.source} names charset "${unknown.label.slice(0, 40)}", which is unknown, and the text is not valid UTF-8 either`
    : charset.source === 'default'
      ? 'not valid UTF-8, and no charset is declared (byte-order mark, Content-Type charset, XML declaration or meta charset)'
      : `not valid ${name}, the charset the ${charset.source} declares`;
  return { ok: false as const, reason: 'invalid-encoding' as const, detail };
};

/**
 * Turns uploaded bytes into text, or says precisely why it cannot. gzip is inflated first (with
 * the size cap, gzip.ts); the charset is the byte-order mark's, else the Content-Type's, else the
 * document's own declaration, else UTF-8 (charset.ts). Only bytes the chosen charset cannot decode
 * are `invalid-encoding`: undeclared bytes that are not UTF-8 are rejected rather than guessed at,
 * because a wrong guess silently corrupts names in summaries and alerts.
 */
export const decodeArticleBytes = (input: Uint8Array, options: DecodeOptions = {}): DecodeResult => {
  if (input.length === 0) return { ok: false, reason: 'empty', detail: 'the object has no bytes' };

  const inflated = inflate(input, options.contentEncoding, options.maxBytes ?? DEFAULT_MAX_ARTICLE_BYTES);
  if (!inflated.ok) return inflated;
  const { bytes, compressed } = inflated;
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'the gzip content has no bytes' };

  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) {
      return { ok: false, reason: 'binary', detail: `looks like a ${signature.name}, not an article` };
    }
  }

  const { charset, unknown } = chooseCharset(bytes, options.contentType);
  // TextDecoder drops a byte-order mark that matches the encoding.
  const text = decode(bytes, charset.encoding);
  if (text === undefined) return invalid(charset, unknown);

  // Text formats never contain NUL or most C0 controls; their presence means a binary format we
  // have no signature for.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.001) {
    return {
      ok: false,
      reason: 'binary',
      detail: `contains ${controls} control characters; not a text article`,
    };
  }
  if (text.trim().length === 0) {
    return { ok: false, reason: 'empty', detail: 'the object contains only whitespace' };
  }
  return { ok: true, text, charset, compressed };
};
