import { describe, expect, it } from 'vitest';
import { decodeArticleBytes } from '../../../../../../functions/domain/documents/bytes/decode-bytes';
import {
  contentTypeCharset,
  declaredCharset,
} from '../../../../../../functions/domain/documents/bytes/charset';
import { gzip, gzipBomb, singleByte, utf16, utf8 } from '../../../../../support/charsets';

const bytes = (...values: number[]) => new Uint8Array(values);
const textOf = (result: ReturnType<typeof decodeArticleBytes>) => {
  if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`);
  return result.text;
};

describe('article bytes', () => {
  it('decodes UTF-8 and strips its byte-order mark', () => {
    expect(decodeArticleBytes(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69))).toMatchObject({
      ok: true,
      text: 'hi',
      charset: { encoding: 'utf-8', source: 'byte-order mark' },
    });
    expect(decodeArticleBytes(utf8('café'))).toMatchObject({
      ok: true,
      text: 'café',
      charset: { encoding: 'utf-8', source: 'default' },
    });
  });

  it('decodes UTF-16 with a byte-order mark, either way round', () => {
    expect(decodeArticleBytes(bytes(0xff, 0xfe, 0x68, 0x00, 0x69, 0x00))).toMatchObject({ text: 'hi' });
    expect(decodeArticleBytes(bytes(0xfe, 0xff, 0x00, 0x68, 0x00, 0x69))).toMatchObject({ text: 'hi' });
    const text = 'Ελλάδα and Україна, 北京: «news» 😀';
    expect(decodeArticleBytes(utf16(text, 'le'))).toMatchObject({ text, charset: { encoding: 'utf-16le' } });
    expect(decodeArticleBytes(utf16(text, 'be'))).toMatchObject({ text, charset: { encoding: 'utf-16be' } });
  });

  it('decodes UTF-16 without a byte-order mark when its XML declaration says so by its first bytes', () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Zürich</title></channel></rss>';
    expect(textOf(decodeArticleBytes(utf16(xml, 'le', { bom: false })))).toBe(xml);
    expect(textOf(decodeArticleBytes(utf16(xml, 'be', { bom: false })))).toBe(xml);
  });

  it.each([
    ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'binary'],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x00], 'binary'],
    ['NUL-laden data', [0x61, 0x00, 0x00, 0x62], 'binary'],
    ['undeclared Latin-1 text', [0x63, 0x61, 0x66, 0xe9], 'invalid-encoding'],
    ['nothing', [], 'empty'],
    ['whitespace', [0x20, 0x0a, 0x09], 'empty'],
  ])('rejects %s as %s', (_label, values, reason) => {
    expect(decodeArticleBytes(bytes(...values))).toMatchObject({ ok: false, reason });
  });

  it('says what it tried when undeclared bytes are not UTF-8', () => {
    expect(decodeArticleBytes(singleByte('café', 'windows-1252'))).toEqual({
      ok: false,
      reason: 'invalid-encoding',
      detail:
        'not valid UTF-8, and no charset is declared (byte-order mark, Content-Type charset, XML declaration or meta charset)',
    });
  });
});

describe('charsets declared by the document', () => {
  it('reads an ISO-8859-1 feed by its XML declaration', () => {
    const feed = `<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<rss version="2.0"><channel><title>Notícias</title><item><title>Ibope: simulações de 2º turno</title><description>São Paulo é a maior cidade; preço: 5 €.</description></item></channel></rss>`;
    const result = decodeArticleBytes(singleByte(feed, 'windows-1252'));
    // Node reads iso-8859-1 as its superset windows-1252, as the WHATWG encoding standard says.
    expect(result).toMatchObject({
      ok: true,
      text: feed,
      charset: { encoding: 'windows-1252', source: 'XML declaration' },
    });
  });

  it.each(['windows-1252', 'ISO-8859-1', 'latin1', 'us-ascii'])(
    'reads 0x80-0x9F declared %s as windows-1252 has them, not as C1 controls',
    (label) => {
      const range = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
      const declared = Uint8Array.from([...utf8(`<?xml version="1.0" encoding="${label}"?>`), ...range]);
      expect(textOf(decodeArticleBytes(declared)).slice(-32)).toBe(
        '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ',
      );
    },
  );

  it('reads a windows-1251 feed by its XML declaration, in either quote', () => {
    const feed = `<?xml version='1.0' encoding='windows-1251'?><rss version="2.0"><channel><item><title>Новости: Москва и Киев</title></item></channel></rss>`;
    expect(decodeArticleBytes(singleByte(feed, 'windows-1251'))).toMatchObject({
      text: feed,
      charset: { encoding: 'windows-1251', source: 'XML declaration' },
    });
  });

  it('reads windows-1252 HTML by its <meta charset>, and by a http-equiv Content-Type', () => {
    const body = '<p>“Smart quotes” – and the café’s crème brûlée cost 4 €.</p>';
    const withMeta = `<!doctype html><html><head><meta charset="windows-1252"><title>Café</title></head><body>${body}</body></html>`;
    expect(decodeArticleBytes(singleByte(withMeta, 'windows-1252'))).toMatchObject({
      text: withMeta,
      charset: { encoding: 'windows-1252', source: 'meta charset' },
    });
    const httpEquiv = `<html><head><!-- <meta charset="koi8-r"> --><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1"></head><body>${body}</body></html>`;
    expect(decodeArticleBytes(singleByte(httpEquiv, 'windows-1252'))).toMatchObject({
      text: httpEquiv,
      charset: { encoding: 'windows-1252', source: 'meta charset' },
    });
  });

  it('looks for a declaration in the first 2 KB only', () => {
    const late = `<html><head>${' '.repeat(2100)}<meta charset="windows-1252"></head><body>café</body></html>`;
    expect(decodeArticleBytes(singleByte(late, 'windows-1252'))).toMatchObject({
      reason: 'invalid-encoding',
    });
  });

  it('keeps a declared UTF-8 that is not UTF-8 invalid, saying which declaration', () => {
    const feed = `<?xml version="1.0" encoding="UTF-8"?><rss><channel><title>café</title></channel></rss>`;
    expect(decodeArticleBytes(singleByte(feed, 'windows-1252'))).toEqual({
      ok: false,
      reason: 'invalid-encoding',
      detail: 'not valid UTF-8, the charset the XML declaration declares',
    });
  });

  it('reads a <meta charset="utf-16"> page written in ASCII-compatible bytes as UTF-8', () => {
    const page = '<html><head><meta charset="utf-16"></head><body><p>Zürich</p></body></html>';
    expect(decodeArticleBytes(utf8(page))).toMatchObject({ text: page, charset: { encoding: 'utf-8' } });
  });

  it('falls back to UTF-8 for a charset no decoder knows, and says so when that fails too', () => {
    const declared = (body: string) =>
      `<?xml version="1.0" encoding="x-klingon"?><rss><channel><title>${body}</title></channel></rss>`;
    expect(decodeArticleBytes(utf8(declared('Zürich')))).toMatchObject({
      ok: true,
      charset: { encoding: 'utf-8', source: 'default' },
    });
    expect(decodeArticleBytes(singleByte(declared('Zürich'), 'windows-1252'))).toEqual({
      ok: false,
      reason: 'invalid-encoding',
      detail:
        'the XML declaration names charset "x-klingon", which is unknown, and the text is not valid UTF-8 either',
    });
  });

  it('rejects bytes the declared charset cannot decode', () => {
    // 0x80 followed by ASCII is not a Shift_JIS character.
    const page = `<meta charset="shift_jis"><p>a\u0000</p>`;
    const bad = Uint8Array.from([...utf8(page.replace('\u0000', '')), 0x80, 0x41]);
    expect(decodeArticleBytes(bad)).toMatchObject({
      reason: 'invalid-encoding',
      detail: 'not valid shift_jis, the charset the meta charset declares',
    });
  });

  it('finds the charset parameter of a MIME type, quoted or not, in any case', () => {
    expect(contentTypeCharset('text/html; charset=ISO-8859-1')).toBe('ISO-8859-1');
    expect(contentTypeCharset('text/xml;Charset="windows-1251" ; q=1')).toBe('windows-1251');
    expect(contentTypeCharset('application/rss+xml')).toBeUndefined();
    expect(contentTypeCharset(undefined)).toBeUndefined();
    expect(contentTypeCharset('text/plain; charset=')).toBeUndefined();
    expect(declaredCharset(utf8('<p>no declaration</p>'))).toBeUndefined();
  });
});

describe('the Content-Type charset', () => {
  const page = (charset: string) =>
    `<html><head><meta charset="${charset}"></head><body><p>Владимир Путин и Киев</p></body></html>`;

  it('decides over the document’s declaration', () => {
    expect(
      decodeArticleBytes(singleByte(page('utf-8'), 'windows-1251'), {
        contentType: 'text/html; charset=windows-1251',
      }),
    ).toMatchObject({ text: page('utf-8'), charset: { encoding: 'windows-1251', source: 'Content-Type' } });
  });

  it('gives way to a byte-order mark', () => {
    const text = 'Владимир Путин';
    expect(
      decodeArticleBytes(utf16(text, 'be'), { contentType: 'text/plain; charset=windows-1251' }),
    ).toMatchObject({
      text,
      charset: { encoding: 'utf-16be', source: 'byte-order mark' },
    });
  });

  it('reads UTF-16 without a byte-order mark when it says utf-16be', () => {
    const text = 'Kim Jong Un and Donald Trump';
    expect(
      decodeArticleBytes(utf16(text, 'be', { bom: false }), { contentType: 'text/plain; charset=UTF-16BE' }),
    ).toMatchObject({ text });
  });

  it('is passed over, for the declaration, when no decoder knows it', () => {
    expect(
      decodeArticleBytes(singleByte(page('windows-1251'), 'windows-1251'), {
        contentType: 'text/html; charset=bogus',
      }),
    ).toMatchObject({ ok: true, charset: { encoding: 'windows-1251', source: 'meta charset' } });
  });
});

describe('gzip', () => {
  const article = ' date 2025-10-18 President Donald Trump may meet Kim Jong Un next month, officials said.';

  it('is inflated when the bytes start with its magic, then decoded', () => {
    expect(decodeArticleBytes(gzip(article))).toMatchObject({ ok: true, text: article, compressed: true });
  });

  it('is inflated when the Content-Encoding says gzip, and the Content-Type charset then applies', () => {
    const latin = singleByte('Zürich: Bürgermeister trifft Minister.', 'windows-1252');
    expect(
      decodeArticleBytes(gzip(latin), {
        contentEncoding: 'gzip',
        contentType: 'text/plain; charset=iso-8859-1',
      }),
    ).toMatchObject({ ok: true, text: 'Zürich: Bürgermeister trifft Minister.', compressed: true });
  });

  it('stops a gzip bomb at the size limit: too-large', () => {
    const bomb = gzipBomb(20 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(decodeArticleBytes(bomb, { maxBytes: 5 * 1024 * 1024 })).toEqual({
      ok: false,
      reason: 'too-large',
      detail: `gzip content (${bomb.length} bytes) inflates to over the 5242880-byte limit; not read further`,
    });
    // Exactly at the limit is still read.
    expect(decodeArticleBytes(gzip('a'.repeat(1000)), { maxBytes: 1000 })).toMatchObject({ ok: true });
    expect(decodeArticleBytes(gzip('a'.repeat(1001)), { maxBytes: 1000 })).toMatchObject({
      reason: 'too-large',
    });
  });

  it('is malformed when truncated, corrupt, or not gzip at all though the Content-Encoding says so', () => {
    const whole = gzip(article);
    expect(decodeArticleBytes(whole.subarray(0, whole.length - 10))).toMatchObject({
      ok: false,
      reason: 'malformed',
      detail: expect.stringMatching(/^malformed gzip \(gzip magic bytes\): /),
    });
    expect(decodeArticleBytes(bytes(0x1f, 0x8b, 0x08, 0x00, 0x00))).toMatchObject({ reason: 'malformed' });
    expect(decodeArticleBytes(utf8(article), { contentEncoding: 'gzip' })).toMatchObject({
      reason: 'malformed',
      detail: 'malformed gzip (the Content-Encoding says gzip): incorrect header check',
    });
  });

  it('inflates one layer only, and an empty gzip is empty', () => {
    expect(decodeArticleBytes(gzip(gzip(article)))).toMatchObject({ reason: 'binary' });
    expect(decodeArticleBytes(gzip(''))).toMatchObject({
      reason: 'empty',
      detail: 'the gzip content has no bytes',
    });
  });
});
