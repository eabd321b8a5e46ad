import type { RejectionReason } from '../../functions/contracts/vocabulary';
import { seededRandom } from '../../infra/local/invocation/lambda-invocation';
import { PROSE, htmlPage, paragraphsHtml } from '../unit/functions/domain/documents/format-fixtures';
import { plainTextArticle } from './article-factories';

/**
 * A deterministic corpus of bad and odd uploads (seeded PRNG: the same seed gives the same bytes
 * and keys), for the reliability tests. Each input says what must become of it: an `article`, a
 * `rejection` with one of the listed reasons, or `either` (a random mutation may or may not still
 * be an article; what matters is that it ends as exactly one of the two and never fails).
 */
export interface BadInput {
  /** Unique; also in the key. */
  id: string;
  category: BadInputCategory;
  /** The object key as uploaded (decoded). */
  key: string;
  body: Uint8Array;
  expect: 'article' | 'rejection' | 'either';
  /** For `rejection`: the acceptable reasons. */
  reasons?: readonly RejectionReason[];
}

export type BadInputCategory =
  | 'empty'
  | 'whitespace'
  | 'binary-magic'
  | 'random-bytes'
  | 'invalid-utf8'
  | 'utf16-bom'
  | 'over-size'
  | 'one-megabyte-line'
  | 'malformed-html'
  | 'malformed-json'
  | 'unknown-date'
  | 'odd-key'
  | 'outside-prefix'
  | 'truncated'
  | 'mutated'
  | 'hostile';

export interface BadInputCorpusOptions {
  seed?: number;
  /** Good articles (text) to truncate, mutate, re-encode and store under odd keys. */
  goodArticles: readonly string[];
  prefix?: string;
  /** The ingest size cap; over-size inputs are one byte over it. */
  maxArticleBytes: number;
  /** How many over-size inputs (each is maxArticleBytes + 1 bytes). @default 2 */
  overSize?: number;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Per-category counts (the hostile cases are listed in HOSTILE_CASES): 1,057 inputs with the defaults. */
export const CORPUS_COUNTS: Record<Exclude<BadInputCategory, 'over-size' | 'hostile'>, number> = {
  empty: 5,
  whitespace: 20,
  'binary-magic': 60,
  'random-bytes': 60,
  'invalid-utf8': 60,
  'utf16-bom': 40,
  'one-megabyte-line': 2,
  'malformed-html': 80,
  'malformed-json': 80,
  'unknown-date': 40,
  'odd-key': 80,
  'outside-prefix': 30,
  truncated: 200,
  mutated: 298,
};

const MAGIC: readonly number[][] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0x50, 0x4b, 0x03, 0x04], // ZIP, DOCX, XLSX
  [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37], // PDF
  [0x1f, 0x8b, 0x08], // gzip
  [0xff, 0xd8, 0xff, 0xe0], // JPEG
  [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF
];

/** Byte sequences that are never valid UTF-8. */
const INVALID_UTF8: readonly number[][] = [
  [0xc3, 0x28], // a lead byte followed by ASCII
  [0xff],
  [0xfe],
  [0x80], // a lone continuation byte
  [0xc0, 0xaf], // overlong '/'
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0xe2, 0x82], // truncated three-byte sequence
  [0xe9], // Latin-1 é
];

const WHITESPACE = [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\f', '\v'];

/** Characters S3 allows in keys that URL encoding and file systems mishandle. */
const ODD_KEY_PARTS = [
  ' ',
  '+',
  '%',
  '%20',
  '%2B',
  '%%',
  'é',
  '日本語',
  'Ünïcödé',
  '😀',
  '&',
  '=',
  '?',
  '#',
  '!',
  "'",
  '(1)',
  '~',
  ',',
  ';',
  '@',
  '$',
  '[x]',
];

const OUTSIDE_PREFIXES = ['uploads/', 'Articles/', 'article/', 'tmp/articles/', 'articles-old/', ''];

const DATE_HEADERS = [
  ' date 2025-13-45 ',
  ' date 2025-02-30 ',
  ' date 0000-00-00 ',
  ' date yesterday ',
  ' date 18/10/2025 ',
  ' date 2025-10 ',
  ' DATE 2025-10-18 ',
  'date: sometime next week\n\n',
  ' date 99999-01-01 ',
  ' date \u0662\u0660\u0662\u0665-10-18 ',
];

export function badInputCorpus(options: BadInputCorpusOptions): BadInput[] {
  const random = seededRandom(options.seed ?? 20251018);
  const prefix = options.prefix ?? 'articles/';
  const goods =
    options.goodArticles.length > 0
      ? options.goodArticles
      : [plainTextArticle({ date: '2025-10-18', paragraphs: PROSE })];
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)] as T;
  const randomBytes = (length: number) => Uint8Array.from({ length }, () => int(256));
  const good = () => pick(goods);
  const inputs: BadInput[] = [];
  const add = (
    category: BadInputCategory,
    index: number,
    input: Omit<BadInput, 'id' | 'category' | 'key'> & { key?: string; ext?: string },
  ) => {
    const id = `${category}-${String(index).padStart(3, '0')}`;
    const { key, ext, ...rest } = input;
    inputs.push({ id, category, key: key ?? `${prefix}corpus/${id}.${ext ?? 'txt'}`, ...rest });
  };

  for (let i = 0; i < CORPUS_COUNTS.empty; i++) {
    add('empty', i, {
      body: new Uint8Array(),
      expect: 'rejection',
      reasons: ['empty'],
      ext: pick(['txt', 'html', 'json', 'md']),
    });
  }
  for (let i = 0; i < CORPUS_COUNTS.whitespace; i++) {
    const text = Array.from({ length: 1 + int(200) }, () => pick(WHITESPACE)).join('');
    add('whitespace', i, { body: utf8(text), expect: 'rejection', reasons: ['empty'] });
  }
  for (let i = 0; i < CORPUS_COUNTS['binary-magic']; i++) {
    const magic = MAGIC[i % MAGIC.length] ?? [];
    add('binary-magic', i, {
      body: Uint8Array.from([...magic, ...randomBytes(16 + int(4000))]),
      expect: 'rejection',
      // gzip is inflated before anything else: random bytes after its header are a corrupt gzip.
      reasons: magic[0] === 0x1f ? ['malformed'] : ['binary'],
      ext: pick(['txt', 'png', 'pdf', 'zip', 'docx']),
    });
  }
  for (let i = 0; i < CORPUS_COUNTS['random-bytes']; i++) {
    // Random bytes are almost never valid UTF-8 and, when they are, full of control characters.
    add('random-bytes', i, {
      body: randomBytes(1 + int(3000)),
      expect: 'rejection',
      reasons: ['binary', 'invalid-encoding', 'empty'],
    });
  }
  for (let i = 0; i < CORPUS_COUNTS['invalid-utf8']; i++) {
    const bytes = [...utf8(good())];
    for (let n = 0; n < 1 + int(3); n++) bytes.splice(int(bytes.length + 1), 0, ...pick(INVALID_UTF8));
    add('invalid-utf8', i, {
      body: Uint8Array.from(bytes),
      expect: 'rejection',
      reasons: ['invalid-encoding'],
    });
  }
  for (let i = 0; i < CORPUS_COUNTS['utf16-bom']; i++) {
    const text = good();
    const littleEndian = i % 2 === 0;
    const body = new Uint8Array(2 + text.length * 2);
    body.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let c = 0; c < text.length; c++) {
      const unit = text.charCodeAt(c);
      body[2 + c * 2] = littleEndian ? unit & 0xff : unit >> 8;
      body[3 + c * 2] = littleEndian ? unit >> 8 : unit & 0xff;
    }
    add('utf16-bom', i, { body, expect: 'article' });
  }
  for (let i = 0; i < (options.overSize ?? 2); i++) {
    const body = new Uint8Array(options.maxArticleBytes + 1).fill(0x61);
    add('over-size', i, { body, expect: 'rejection', reasons: ['too-large'] });
  }
  for (let i = 0; i < CORPUS_COUNTS['one-megabyte-line']; i++) {
    const words = good().replace(/\s+/g, ' ').split(' ');
    let line = i === 0 ? ' date 2025-10-18 ' : '';
    while (line.length < 1024 * 1024) line += `${pick(words)} `;
    add('one-megabyte-line', i, { body: utf8(line.slice(0, 1024 * 1024)), expect: 'either' });
  }
  for (let i = 0; i < CORPUS_COUNTS['malformed-html']; i++) {
    const page = htmlPage({
      title: `Report ${i}`,
      meta: { 'article:published_time': '2025-10-18' },
      article: paragraphsHtml([good().slice(0, 600), ...PROSE]),
      chrome: i % 2 === 0,
    });
    const broken = [
      () => page.slice(0, int(page.length)), // truncated mid-tag
      () => page.replace(/<\/(p|article|body|html)>/g, ''), // unclosed
      () => page.replace(/</g, () => (random() < 0.1 ? '' : '<')), // lost angle brackets
      () => `<html><body>${'<div><p>'.repeat(500)}${PROSE[0]}`, // deep nesting, never closed
      () => `<<<>>><p>${PROSE[1]}</span></td></table><script>${PROSE[2]}`, // tag soup
      () => `<!DOCTYPE html><html><head><title>x</title></head><body></body></html>`, // no body text
    ];
    add('malformed-html', i, { body: utf8(pick(broken)()), expect: 'either', ext: 'html' });
  }
  for (let i = 0; i < CORPUS_COUNTS['malformed-json']; i++) {
    const json = JSON.stringify({
      title: `Report ${i}`,
      date: '2025-10-18',
      body: `${good().slice(0, 800)}`,
    });
    const broken = [
      () => json.slice(0, 1 + int(json.length - 2)),
      () => json.replace(/}$/, ',}'),
      () => json.replace(/"/g, () => (random() < 0.05 ? "'" : '"')),
      () => `[${json},${json.slice(0, int(json.length))}`,
      () => `{"title": "Only a title"}`,
      () => `{"body": null, "title": 42}`,
      () => '[]',
      () => 'null',
      () => `{"body": "${'\\u00'.repeat(10)}"}`,
    ];
    add('malformed-json', i, { body: utf8(pick(broken)()), expect: 'either', ext: 'json' });
  }
  for (let i = 0; i < CORPUS_COUNTS['unknown-date']; i++) {
    const body = good().replace(/^\s*date \S+ /, '');
    add('unknown-date', i, { body: utf8(`${pick(DATE_HEADERS)}${body}`), expect: 'either' });
  }
  for (let i = 0; i < CORPUS_COUNTS['odd-key']; i++) {
    const name = Array.from({ length: 1 + int(4) }, () => pick(ODD_KEY_PARTS)).join('');
    // Unique by index; the odd characters come first, last or both.
    const key = `${prefix}odd/${i % 3 === 0 ? name : ''}${i} ${i % 3 === 1 ? '' : name}.txt`;
    add('odd-key', i, { key, body: utf8(good()), expect: 'article' });
  }
  for (let i = 0; i < CORPUS_COUNTS['outside-prefix']; i++) {
    const key = `${OUTSIDE_PREFIXES[i % OUTSIDE_PREFIXES.length]}outside-${i}.txt`;
    add('outside-prefix', i, { key, body: utf8(good()), expect: 'rejection', reasons: ['outside-prefix'] });
  }
  for (let i = 0; i < CORPUS_COUNTS.truncated; i++) {
    const bytes = utf8(good());
    // Truncation may cut a multi-byte character in half: then it is invalid UTF-8.
    add('truncated', i, { body: bytes.slice(0, int(bytes.length)), expect: 'either' });
  }
  for (let i = 0; i < CORPUS_COUNTS.mutated; i++) {
    const bytes = [...utf8(good())];
    for (let n = 0; n < 1 + int(20); n++) {
      const at = int(bytes.length);
      const op = int(4);
      if (op === 0) bytes[at] = int(256);
      else if (op === 1) bytes.splice(at, 1 + int(50));
      else if (op === 2)
        bytes.splice(
          at,
          0,
          ...utf8(pick(['<p>', '</div>', '{', '"', '\u0000', '\n\n', '---\n', 'date 2025-10-18 '])),
        );
      else bytes.splice(at, 0, ...bytes.slice(int(bytes.length), int(bytes.length) + 200));
    }
    add('mutated', i, {
      body: Uint8Array.from(bytes),
      expect: 'either',
      ext: pick(['txt', 'html', 'md', 'json']),
    });
  }
  for (const [i, hostile] of HOSTILE_CASES.entries()) {
    add('hostile', i, hostile.make());
  }
  return inputs;
}

const rss = (items: string, attributes = '') =>
  `<?xml version="1.0"?><rss version="2.0"${attributes}><channel><title>Wire</title><link>https://wire.example/</link>${items}</channel></rss>`;
const story =
  'Donald Trump will meet Kim Jong Un in Hanoi next month, officials said on Monday. The talks were confirmed by both sides.';

/**
 * Inputs found in the wild that once poisoned the pipeline (a retry loop, a timeout, an item over
 * DynamoDB's limit) or were thrown away; each must now end as an article or a rejection with a
 * reason, in one invocation. Generated here, never copied.
 */
export const HOSTILE_CASES: {
  name: string;
  make: () => Omit<BadInput, 'id' | 'category' | 'key'> & { ext: string };
}[] = [
  {
    name: 'a 300 KB single token',
    make: () => ({
      ext: 'txt',
      expect: 'article',
      body: utf8(` date 2025-10-18 ${story} ${'x'.repeat(300_000)}`),
    }),
  },
  {
    name: 'a megabyte of words with no sentence end',
    make: () => ({
      ext: 'txt',
      expect: 'article',
      body: utf8(` date 2025-10-18 ${'Trump met Kim and '.repeat(58_000)}`),
    }),
  },
  {
    name: 'an RDF feed whose DOCTYPE declares an entity',
    make: () => ({
      ext: 'rdf',
      expect: 'article',
      body: utf8(
        `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY site "Wire">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://wire.example/"><title>Wire</title><link>https://wire.example/</link></channel><item rdf:about="https://wire.example/1"><title>Summit</title><link>https://wire.example/1</link><description>${story}</description></item></rdf:RDF>`,
      ),
    }),
  },
  {
    name: 'an entity-expansion bomb',
    make: () => ({
      ext: 'xml',
      expect: 'either',
      body: utf8(
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>${rss(`<item><title>&lol9;</title><description>${story} &lol9;</description></item>`).replace(/^<\?xml version="1.0"\?>/, '')}`,
      ),
    }),
  },
  {
    name: 'an Atom feed with a namespace prefix',
    make: () => ({
      ext: 'xml',
      expect: 'article',
      body: utf8(
        `<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Wire</a:title><a:id>urn:wire</a:id><a:entry><a:id>urn:wire:1</a:id><a:title>Summit</a:title><a:updated>2025-10-18T09:00:00Z</a:updated><a:content type="text">${story}</a:content></a:entry></a:feed>`,
      ),
    }),
  },
  {
    name: 'a video feed whose text is in media:group',
    make: () => ({
      ext: 'xml',
      expect: 'article',
      body: utf8(
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>Channel</title><id>yt:channel</id><entry><id>yt:video:1</id><title>Summit explained</title><updated>2025-10-18T09:00:00Z</updated><media:group><media:title>Summit explained</media:title><media:description>${story}</media:description></media:group></entry></feed>`,
      ),
    }),
  },
  {
    name: 'a BOM and blank lines before the XML declaration, and duplicate guids',
    make: () => ({
      ext: 'xml',
      expect: 'article',
      body: utf8(
        `\ufeff\n\n${rss(`<item><guid>1</guid><title>A</title><description>${story}</description></item><item><guid>1</guid><title>B</title><description>The council met on Monday. It approved the budget.</description></item>`)}`,
      ),
    }),
  },
  {
    name: 'a right-to-left override in the title',
    make: () => ({
      ext: 'txt',
      expect: 'article',
      body: utf8(` date 2025-10-18 Trump \u202eeerga\u202c to meet Kim\n\n${story}`),
    }),
  },
  {
    name: 'HTML nested five thousand deep',
    make: () => ({
      ext: 'html',
      expect: 'either',
      body: utf8(`<html><body>${'<div>'.repeat(5000)}<p>${story}</p>${'</div>'.repeat(5000)}</body></html>`),
    }),
  },
  {
    name: 'a JSON list of more entries than one upload may hold',
    make: () => ({
      ext: 'json',
      expect: 'rejection',
      reasons: ['too-large'],
      body: utf8(
        JSON.stringify(
          Array.from({ length: 1001 }, (_, i) => ({
            title: `Notice ${i}`,
            body: `Notice ${i} was published on Monday. It is short.`,
          })),
        ),
      ),
    }),
  },
];
