import { InvalidArticleError } from './errors';

/**
 * The prolog of an XML document (what comes before its root element) read without an XML parser:
 * format detection needs the root's name, and the feed parser must get rid of any DOCTYPE before
 * fast-xml-parser sees it, because that parser reads entity declarations and expands them
 * (wherever the DOCTYPE stands, even inside an element). A DTD is never expanded here, so neither
 * external entities (XXE) nor entity-expansion bombs can happen: the declaration is blanked out,
 * the five XML entities and character references still work, and a reference to an entity the
 * DTD declared stays as written.
 *
 * Every scan is linear in the length of the text.
 */

const NAME_START = /[A-Za-z_:\u00c0-\uffff]/;
const LEADING = /^[\ufeff\s]+/;

/** Where `close` ends, searching from `from`; -1 when it never does. */
const endOf = (text: string, close: string, from: number): number => {
  const at = text.indexOf(close, from);
  return at < 0 ? -1 : at + close.length;
};

/**
 * Where a `<!DOCTYPE …>` starting at `start` ends (just after its `>`), skipping quoted system and
 * public ids and an internal subset with its own quotes, comments and processing instructions; -1
 * when it is not closed.
 */
export const doctypeEnd = (text: string, start: number): number => {
  let i = start + '<!DOCTYPE'.length;
  let inSubset = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else if (inSubset && text.startsWith('<!--', i)) {
      i = endOf(text, '-->', i + 4);
      if (i < 0) return -1;
    } else if (inSubset && text.startsWith('<?', i)) {
      i = endOf(text, '?>', i + 2);
      if (i < 0) return -1;
    } else if (c === '[' && !inSubset) {
      inSubset = true;
      i += 1;
    } else if (c === ']' && inSubset) {
      inSubset = false;
      i += 1;
    } else if (c === '>' && !inSubset) {
      return i + 1;
    } else i += 1;
  }
  return -1;
};

const isDoctype = (text: string, at: number) => text.slice(at, at + 9).toUpperCase() === '<!DOCTYPE';

/**
 * The index of the root element's `<` after a byte-order mark, white space, the XML declaration,
 * processing instructions, comments and a DOCTYPE (internal subset included); -1 when the text
 * does not start that way (or one of them is not closed).
 */
export const rootStart = (text: string): number => {
  let i = 0;
  for (;;) {
    while (i < text.length && (text[i] === '\ufeff' || /\s/.test(text[i] ?? ''))) i += 1;
    if (text[i] !== '<') return -1;
    if (text.startsWith('<?', i)) i = endOf(text, '?>', i + 2);
    else if (text.startsWith('<!--', i)) i = endOf(text, '-->', i + 4);
    else if (isDoctype(text, i)) i = doctypeEnd(text, i);
    else return NAME_START.test(text[i + 1] ?? '') ? i : -1;
    if (i < 0) return -1;
  }
};

/** The root element's name as written (`rss`, `rdf:RDF`, `a:feed`), if the text is XML-like. */
export const rootName = (text: string): string | undefined => {
  const start = rootStart(text);
  return start < 0 ? undefined : /^<([^\s/>]+)/.exec(text.slice(start, start + 256))?.[1];
};

/** The text with every character but line breaks made a space: positions in errors stay right. */
const blank = (text: string) => text.replace(/[^\r\n]/g, ' ');

const malformed = (message: string) => new InvalidArticleError('malformed', `malformed XML: ${message}`);

/**
 * The text as fast-xml-parser may safely read it: anything before the XML declaration (a
 * byte-order mark, white space) removed, the DOCTYPE, internal subset included, blanked out, and so
 * is an XML declaration that a comment or white space pushed away from the start.
 *
 * @throws InvalidArticleError `malformed` for a DOCTYPE that is not closed, a second one, or one
 * after the root element starts (not XML, and the parser would act on it).
 */
export const withoutDoctype = (input: string): string => {
  const leading = LEADING.exec(input)?.[0] ?? '';
  let text = input.startsWith('<?xml', leading.length) ? input.slice(leading.length) : input;
  const blankOut = (from: number, to: number) => {
    text = text.slice(0, from) + blank(text.slice(from, to)) + text.slice(to);
  };

  // The prolog: comments, processing instructions, the XML declaration, one DOCTYPE.
  let i = 0;
  let doctype = false;
  for (;;) {
    while (i < text.length && (text[i] === '\ufeff' || /\s/.test(text[i] ?? ''))) i += 1;
    let end: number;
    if (text.startsWith('<?', i)) {
      end = endOf(text, '?>', i + 2);
      if (end > 0 && i > 0 && /^<\?xml\s/.test(text.slice(i, i + 6))) blankOut(i, end);
    } else if (text.startsWith('<!--', i)) end = endOf(text, '-->', i + 4);
    else if (isDoctype(text, i)) {
      if (doctype) throw malformed('more than one DOCTYPE');
      end = doctypeEnd(text, i);
      if (end < 0) throw malformed('the DOCTYPE is not closed');
      blankOut(i, end);
      doctype = true;
    } else break;
    // Unclosed: the parser reports it.
    if (end < 0) return text;
    i = end;
  }

  // The rest: the parser would read a DOCTYPE anywhere outside comments and CDATA sections.
  let at = text.indexOf('<!', i);
  while (at >= 0) {
    let next: number;
    if (text.startsWith('<!--', at)) next = endOf(text, '-->', at + 4);
    else if (text.startsWith('<![CDATA[', at)) next = endOf(text, ']]>', at + 9);
    else if (isDoctype(text, at)) throw malformed('a DOCTYPE inside the document, after its root element');
    else next = at + 2;
    // An unclosed comment or CDATA section: the parser reports it, and no DOCTYPE can follow.
    if (next < 0) break;
    at = text.indexOf('<!', next);
  }
  return text;
};
