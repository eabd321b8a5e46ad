import type { RejectionReason } from '../../contracts/vocabulary';

export type DecodeResult =
  { ok: true; text: string } | { ok: false; reason: RejectionReason; detail: string };

/** File signatures of formats people upload by mistake; checked before any text decoding. */
const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive (or DOCX/XLSX)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * Turns uploaded bytes into text, or says precisely why it cannot. UTF-8 (with or without BOM) and
 * UTF-16 with a BOM are accepted; anything else that is not valid UTF-8 is rejected rather than
 * guessed at, because a wrong guess silently corrupts names in summaries and alerts.
 */
export const decodeArticleBytes = (bytes: Uint8Array): DecodeResult => {
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'the object has no bytes' };

  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) {
      return { ok: false, reason: 'binary', detail: `looks like a ${signature.name}, not an article` };
    }
  }

  let text: string;
  try {
    if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (startsWith(bytes, [0xfe, 0xff]))
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips a UTF-8 BOM
  } catch {
    return {
      ok: false,
      reason: 'invalid-encoding',
      detail: 'not valid UTF-8 (or UTF-16 with a byte-order mark)',
    };
  }

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
  return { ok: true, text };
};
