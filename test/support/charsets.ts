import { gzipSync } from 'node:zlib';

/**
 * Text as bytes in the charsets uploads arrive in, generated here rather than copied from real
 * files: single-byte charsets through the inverse of TextDecoder's own table (windows-1252's written
 * out), UTF-16 either way round, with or without its byte-order mark.
 */

const inverseTables = new Map<string, Map<string, number>>();

/**
 * windows-1252's own characters at 0x80-0x9F, written out rather than taken from TextDecoder:
 * Node's decodes them as ISO-8859-1 controls (nodejs/node#56542), the bug decode-bytes.ts corrects.
 */
const WINDOWS_1252_EXTRAS = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const windows1252 = (): Map<string, number> => {
  const extras = [...WINDOWS_1252_EXTRAS];
  return new Map(
    Array.from({ length: 256 }, (_, byte) => [
      (byte >= 0x80 && byte < 0xa0 ? extras[byte - 0x80] : undefined) ?? String.fromCharCode(byte),
      byte,
    ]),
  );
};

/** `text` in a single-byte charset (`windows-1252`, `windows-1251`, `iso-8859-2`…). */
export const singleByte = (text: string, encoding: string): Uint8Array => {
  let table = inverseTables.get(encoding);
  if (!table && encoding === 'windows-1252') table = windows1252();
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(encoding);
    for (let byte = 0xff; byte >= 0; byte--) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  }
  inverseTables.set(encoding, table);
  return Uint8Array.from([...text], (char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`${JSON.stringify(char)} is not in ${encoding}`);
    return byte;
  });
};

/** `text` in UTF-16, big- or little-endian, with a byte-order mark unless told otherwise. */
export const utf16 = (text: string, endian: 'le' | 'be', options: { bom?: boolean } = {}): Uint8Array => {
  const units = `${options.bom === false ? '' : '\ufeff'}${text}`;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const unit = units.charCodeAt(i);
    bytes[i * 2] = endian === 'le' ? unit & 0xff : unit >> 8;
    bytes[i * 2 + 1] = endian === 'le' ? unit >> 8 : unit & 0xff;
  }
  return bytes;
};

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const gzip = (bytes: Uint8Array | string): Uint8Array =>
  new Uint8Array(gzipSync(typeof bytes === 'string' ? utf8(bytes) : bytes));

/** A gzip of `size` zero bytes: a few kilobytes that inflate to far more (a gzip bomb). */
export const gzipBomb = (size: number): Uint8Array =>
  new Uint8Array(gzipSync(new Uint8Array(size), { level: 9 }));
