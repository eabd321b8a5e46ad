/**
 * Which charset an upload's bytes are in, from what the bytes and their object say, strongest
 * first: a byte-order mark, the object's `Content-Type` charset, the document's own declaration
 * (an XML declaration, an HTML `<meta charset>` or `<meta http-equiv="Content-Type">`), and
 * otherwise UTF-8. Nothing is guessed from the letters: a wrong guess would silently corrupt names
 * in summaries and alerts, so undeclared bytes that are not UTF-8 stay undecodable.
 *
 * Labels are WHATWG encoding labels as TextDecoder knows them: `iso-8859-1`, `latin1` and
 * `us-ascii` are read as windows-1252 (its superset), as browsers do.
 */

/** Where the charset came from, in the order they are consulted. */
export type CharsetSource =
  'byte-order mark' | 'Content-Type' | 'XML declaration' | 'meta charset' | 'default';

export interface Charset {
  /** The encoding's WHATWG name, as TextDecoder reports it (`utf-8`, `windows-1252`, `utf-16be`). */
  encoding: string;
  source: CharsetSource;
}

/** A charset label some source gave, whether or not it names an encoding this runtime decodes. */
export interface DeclaredCharset {
  label: string;
  source: CharsetSource;
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** The encoding a byte-order mark announces (the decoder then drops the mark). */
export const bomCharset = (bytes: Uint8Array): Charset | undefined => {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', source: 'byte-order mark' };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', source: 'byte-order mark' };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', source: 'byte-order mark' };
  return undefined;
};

/** The `charset` parameter of a MIME type (`text/html; charset="ISO-8859-1"`), if it has one. */
export const contentTypeCharset = (contentType: string | undefined): string | undefined => {
  if (contentType === undefined) return undefined;
  for (const parameter of contentType.split(';').slice(1)) {
    const equals = parameter.indexOf('=');
    if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
    const value = parameter
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    return value || undefined;
  }
  return undefined;
};

/** How much of the start of a document a declaration is looked for in. */
export const SNIFF_BYTES = 2048;

const XML_DECLARATION = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])\s*([^"'\s]+)\s*\1/;
const META_CHARSET = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s;/>]+)/i;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * The charset the document declares in its first {@link SNIFF_BYTES} bytes, read as ASCII (every
 * charset a declaration can be written in agrees with ASCII there): the XML declaration, else the
 * first HTML `<meta>` with a charset (`<meta charset>` or `http-equiv` content), comments skipped.
 * An XML declaration in UTF-16 without a byte-order mark (XML's appendix F) is recognised by its
 * first bytes.
 */
export const declaredCharset = (bytes: Uint8Array): DeclaredCharset | undefined => {
  if (startsWith(bytes, [0x3c, 0x00, 0x3f, 0x00])) return { label: 'utf-16le', source: 'XML declaration' };
  if (startsWith(bytes, [0x00, 0x3c, 0x00, 0x3f])) return { label: 'utf-16be', source: 'XML declaration' };
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, SNIFF_BYTES));
  const xml = XML_DECLARATION.exec(head)?.[2];
  if (xml) return { label: xml, source: 'XML declaration' };
  const meta = META_CHARSET.exec(head.replace(COMMENT, ''))?.[1];
  return meta ? { label: meta, source: 'meta charset' } : undefined;
};

/** The WHATWG name of the encoding a label names, or undefined for a label no decoder knows. */
export const encodingOf = (label: string): string | undefined => {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
};

/**
 * The encoding a declaration read as ASCII stands for: one that claims UTF-16 was evidently
 * written in an ASCII-compatible charset, which for such documents is UTF-8 (as the HTML standard
 * says of `<meta charset="utf-16">`). Labels given as UTF-16 bytes keep their UTF-16.
 */
export const asciiCompatible = (encoding: string, bytes: Uint8Array): string =>
  encoding.startsWith('utf-16') && bytes[0] !== 0x00 && bytes[1] !== 0x00 ? 'utf-8' : encoding;
