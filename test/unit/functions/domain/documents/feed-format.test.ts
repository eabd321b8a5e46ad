import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from '../../../../../functions/domain/documents/feed-format';
import { parseDocument } from '../../../../../functions/domain/documents/parse-document';
import { atomFeed, PROSE, rejectionOf, rssFeed, type RssItem } from './format-fixtures';

const item = (n: number, parts: Partial<RssItem> = {}): RssItem => ({
  title: `Story ${n}`,
  link: `https://example.com/${n}`,
  guid: `guid-${n}`,
  pubDate: 'Sat, 18 Oct 2025 23:30:00 -0400',
  description: PROSE[n % PROSE.length],
  ...parts,
});

describe('parseFeedDocument: RSS 2.0', () => {
  it('gives one article per item: a feed with 3 items is 3 articles', () => {
    const parsed = parseFeedDocument(rssFeed([item(1), item(2), item(3)]));
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toEqual({
      format: 'rss',
      title: 'Story 1',
      publishedAt: '2025-10-18',
      url: 'https://example.com/1',
      source: 'The Daily Example',
      entryId: 'guid-1',
      blocks: [{ kind: 'paragraph', text: PROSE[1] }],
    });
    expect(parsed.map((article) => article.entryId)).toEqual(['guid-1', 'guid-2', 'guid-3']);
  });

  it('takes the entry id from the guid, else the link, else the position', () => {
    const parsed = parseFeedDocument(
      rssFeed([item(1), item(2, { guid: undefined }), item(3, { guid: undefined, link: undefined })]),
    );
    expect(parsed.map((article) => article.entryId)).toEqual(['guid-1', 'https://example.com/2', '#3']);
  });

  it('prefers content:encoded (CDATA HTML) to the description', () => {
    const [parsed] = parseFeedDocument(
      rssFeed([
        item(1, {
          description: 'A short teaser.',
          contentEncoded: `<p>${PROSE[0]}</p><h2>Next</h2><p>Caf&eacute; &amp; bar.</p><p>The post Story 1 appeared first on Example.</p>`,
        }),
      ]),
    );
    expect(parsed?.blocks).toEqual([
      { kind: 'paragraph', text: PROSE[0] },
      { kind: 'heading', text: 'Next' },
      { kind: 'paragraph', text: 'Café & bar.' },
    ]);
  });

  it('reads an entity-escaped HTML description, and entities in plain ones', () => {
    const [escaped, plain] = parseFeedDocument(
      rssFeed([
        item(1, {
          description:
            '&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;&lt;p&gt;Second &amp;lt;tag&amp;gt; text.&lt;/p&gt;',
        }),
        item(2, { description: 'Q&amp;A &#8212; what&#8217;s next' }),
      ]),
    );
    expect(escaped?.blocks).toEqual([
      { kind: 'paragraph', text: 'Tom & Jerry' },
      { kind: 'paragraph', text: 'Second <tag> text.' },
    ]);
    expect(plain?.blocks).toEqual([{ kind: 'paragraph', text: 'Q&A — what’s next' }]);
  });

  it('reads a CDATA description and a short one without dropping it', () => {
    const [parsed] = parseFeedDocument(
      rssFeed([item(1, { description: '<![CDATA[<p>Short <b>one</b> & done.</p>]]>' })]),
    );
    expect(parsed?.blocks).toEqual([{ kind: 'paragraph', text: 'Short one & done.' }]);
  });

  it('reads dc:creator and the RSS author e-mail form', () => {
    const [creator] = parseFeedDocument(rssFeed([item(1, { creator: 'Jane Smith' })]));
    expect(creator?.author).toBe('Jane Smith');
    const email = rssFeed([item(1)]).replace(
      '</item>',
      '<author>jane@example.com (Jane Smith)</author></item>',
    );
    expect(parseFeedDocument(email)[0]?.author).toBe('Jane Smith');
  });

  it('has a null date when the item has none or it is not a date', () => {
    const parsed = parseFeedDocument(
      rssFeed([item(1, { pubDate: undefined }), item(2, { pubDate: 'soon' })]),
    );
    expect(parsed.map((article) => article.publishedAt)).toEqual([null, null]);
  });

  it('keeps items with no text for analysis to judge, a headline alone or nothing', () => {
    const parsed = parseFeedDocument(
      rssFeed([item(1, { description: undefined }), item(2), { description: '<![CDATA[]]>' }]),
    );
    expect(parsed.map((article) => [article.entryId, article.title, article.blocks.length])).toEqual([
      ['guid-1', 'Story 1', 0],
      ['guid-2', 'Story 2', 1],
      ['#3', null, 0],
    ]);
  });

  it('rejects an empty feed', () => {
    expect(rejectionOf(() => parseFeedDocument(rssFeed([])))).toEqual({
      reason: 'no-body',
      message: 'feed has no items',
    });
  });

  it('rejects broken XML as malformed, saying where', () => {
    const rejection = rejectionOf(() =>
      parseFeedDocument('<?xml version="1.0"?>\n<rss><channel><item><title>x</item></channel></rss>'),
    );
    expect(rejection?.reason).toBe('malformed');
    expect(rejection?.message).toMatch(/^malformed XML at line 2, column \d+: Expected closing tag 'title'/);
  });

  it('rejects XML that is not a feed', () => {
    expect(rejectionOf(() => parseFeedDocument('<?xml version="1.0"?><note><to>x</to></note>'))).toEqual({
      reason: 'malformed',
      message: 'XML is not an RSS or Atom feed (its root element is <note>)',
    });
  });

  it('reads RSS 1.0 (RDF) items', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>RDF news</title></channel>
<item rdf:about="https://example.com/1"><title>One</title><link>https://example.com/1</link><dc:date>2025-10-18T23:30:00-04:00</dc:date><description>${PROSE[0]}</description></item>
</rdf:RDF>`;
    expect(parseFeedDocument(rdf)).toEqual([
      {
        format: 'rss',
        title: 'One',
        publishedAt: '2025-10-18',
        url: 'https://example.com/1',
        source: 'RDF news',
        entryId: 'https://example.com/1',
        blocks: [{ kind: 'paragraph', text: PROSE[0] }],
      },
    ]);
  });
});

describe('parseFeedDocument: Atom', () => {
  it('reads entries: id, alternate link, published date, author, escaped HTML content', () => {
    const parsed = parseFeedDocument(
      atomFeed([
        {
          title: 'One',
          id: 'urn:one',
          link: 'https://example.com/1',
          published: '2025-10-18T23:30:00-04:00',
          updated: '2025-10-20T10:00:00Z',
          author: 'Jane Smith',
          content: `&lt;p&gt;${PROSE[0]}&lt;/p&gt;&lt;blockquote&gt;We acted.&lt;/blockquote&gt;`,
        },
        { title: 'Two', id: 'urn:two', updated: '2025-10-19T01:00:00+09:00', summary: PROSE[1] },
      ]),
    );
    expect(parsed).toEqual([
      {
        format: 'atom',
        title: 'One',
        publishedAt: '2025-10-18',
        author: 'Jane Smith',
        url: 'https://example.com/1',
        source: 'Example Atom',
        entryId: 'urn:one',
        blocks: [
          { kind: 'paragraph', text: PROSE[0] },
          { kind: 'quote', text: 'We acted.' },
        ],
      },
      {
        format: 'atom',
        title: 'Two',
        publishedAt: '2025-10-19',
        source: 'Example Atom',
        entryId: 'urn:two',
        blocks: [{ kind: 'paragraph', text: PROSE[1] }],
      },
    ]);
  });

  it('keeps the markup of type="xhtml" content and strips it from an HTML title', () => {
    const [parsed] = parseFeedDocument(
      atomFeed([
        {
          title: 'Live: &lt;em&gt;storm&lt;/em&gt; updates',
          id: 'urn:x',
          contentType: 'xhtml',
          content: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${PROSE[0]}</p><h2>Later</h2><p>Fish &amp; chips.</p></div>`,
        },
      ]),
    );
    expect(parsed?.title).toBe('Live: storm updates');
    expect(parsed?.blocks).toEqual([
      { kind: 'paragraph', text: PROSE[0] },
      { kind: 'heading', text: 'Later' },
      { kind: 'paragraph', text: 'Fish & chips.' },
    ]);
  });

  it('rejects an Atom feed without entries', () => {
    expect(rejectionOf(() => parseFeedDocument(atomFeed([])))?.message).toBe('feed has no items');
  });
});

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** An RSS 1.0 (RDF) feed with one item, after `prolog` (a DOCTYPE, comments…). */
const rdfFeed = (prolog: string, description: string = PROSE[0]) =>
  `<?xml version="1.0"?>
${prolog}
<rdf:RDF xmlns:rdf="${RDF_NS}" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.com/"><title>RDF news</title><link>https://example.com/</link></channel>
<item rdf:about="https://example.com/1"><title>One</title><link>https://example.com/1</link><description>${description}</description></item>
</rdf:RDF>`;

describe('parseFeedDocument: a DOCTYPE is never read', () => {
  it('reads an RDF feed whose DOCTYPE declares entities, parameter entities included, ignoring the DTD', () => {
    const feed = rdfFeed(
      `<!DOCTYPE rdf:RDF [
<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">
%HTMLlat1;
<!ENTITY site "The Example > Site">
<!-- a comment with ] and > in it -->
]>`,
      `Caf&eacute; &amp; bar &#8212; &site; said the council met in Leeds on Monday to approve the budget.`,
    );
    const [article] = parseFeedDocument(feed);
    expect(article?.title).toBe('One');
    // The five XML entities, character references and HTML's named ones work; a DTD's do not.
    expect(article?.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'Café & bar — &site; said the council met in Leeds on Monday to approve the budget.',
      },
    ]);
  });

  it('goes the same way through parseDocument, which sniffs it as a feed whatever its name', () => {
    const feed = rdfFeed('<!DOCTYPE rdf:RDF [ <!ENTITY name "value"> ]>');
    for (const fileName of [undefined, 'feed.xml', 'feed.txt']) {
      const parsed = parseDocument(feed, fileName === undefined ? {} : { fileName });
      expect(parsed.map((article) => [article.format, article.entryId])).toEqual([
        ['rss', 'https://example.com/1'],
      ]);
    }
  });

  it('never expands an external entity (XXE)', () => {
    const feed = rdfFeed(
      '<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>',
      `Secret: &xxe; ${PROSE[0]}`,
    );
    expect(parseFeedDocument(feed)[0]?.blocks[0]?.text).toBe(`Secret: &xxe; ${PROSE[0]}`);
  });

  it('finishes an entity-expansion bomb at once, its entities unexpanded', () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('\n');
    const bomb = rdfFeed(`<!DOCTYPE rdf:RDF [\n<!ENTITY lol0 "lol">\n${levels}\n]>`, `&lol9; ${PROSE[0]}`);
    const started = performance.now();
    const parsed = parseFeedDocument(bomb);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed[0]?.blocks[0]?.text).toBe(`&lol9; ${PROSE[0]}`);
    expect(JSON.stringify(parsed).length).toBeLessThan(bomb.length);
  });

  it('reads a feed whose DOCTYPE names an external DTD (RSS 0.91)', () => {
    const feed = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old news</title><link>https://example.com/</link><language>en</language>
<item><title>Ninety&nbsp;one</title><link>https://example.com/91</link><description>${PROSE[1]}</description></item>
</channel></rss>`;
    expect(parseFeedDocument(feed)).toEqual([
      {
        format: 'rss',
        title: 'Ninety one',
        publishedAt: null,
        url: 'https://example.com/91',
        source: 'Old news',
        entryId: 'https://example.com/91',
        blocks: [{ kind: 'paragraph', text: PROSE[1] }],
      },
    ]);
  });

  it.each([
    [
      'a DOCTYPE that is not closed',
      rdfFeed('<!DOCTYPE rdf:RDF [ <!ENTITY a "b">'),
      'the DOCTYPE is not closed',
    ],
    ['two DOCTYPEs', rdfFeed('<!DOCTYPE rdf:RDF><!DOCTYPE rdf:RDF>'), 'more than one DOCTYPE'],
    [
      'a DOCTYPE inside the document',
      rdfFeed('').replace('<channel', '<!DOCTYPE x [ <!ENTITY a "aaaa"> ]><channel'),
      'a DOCTYPE inside the document, after its root element',
    ],
  ])('rejects %s as malformed, never with another error', (_, feed, message) => {
    expect(rejectionOf(() => parseFeedDocument(feed))).toEqual({
      reason: 'malformed',
      message: `malformed XML: ${message}`,
    });
  });

  it('leaves a DOCTYPE in a CDATA section or a comment alone', () => {
    const feed = rdfFeed('<!-- <!DOCTYPE x [ <!ENTITY a "b"> ]> -->').replace(
      `<description>${PROSE[0]}</description>`,
      `<description><![CDATA[<!DOCTYPE html><p>${PROSE[0]}</p>]]></description>`,
    );
    expect(parseFeedDocument(feed)[0]?.blocks).toEqual([{ kind: 'paragraph', text: PROSE[0] }]);
  });
});

describe('parseFeedDocument: feeds as they are in the wild', () => {
  it('reads Atom under any prefix, by namespace', () => {
    const feed = `<?xml version="1.0" encoding="utf-8"?>
<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:other="https://example.com/not-atom">
<a:title>Prefixed</a:title>
<a:entry><a:title>One</a:title><a:id>urn:one</a:id><a:link href="https://example.com/1"/>
<a:published>2025-10-18T09:00:00Z</a:published><a:author><a:name>Jane Smith</a:name></a:author>
<other:content>Not the body: another vocabulary's element.</other:content>
<a:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>${PROSE[0]}</p></div></a:content></a:entry>
</a:feed>`;
    expect(parseFeedDocument(feed)).toEqual([
      {
        format: 'atom',
        title: 'One',
        publishedAt: '2025-10-18',
        author: 'Jane Smith',
        url: 'https://example.com/1',
        source: 'Prefixed',
        entryId: 'urn:one',
        blocks: [{ kind: 'paragraph', text: PROSE[0] }],
      },
    ]);
    expect(parseDocument(feed)[0]?.format).toBe('atom');
  });

  it('reads atom:entry elements in a default-namespaced document, and Atom 0.3', () => {
    const mixed = `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:entry><atom:id>urn:x</atom:id>
<atom:summary>${PROSE[1]}</atom:summary></atom:entry></atom:feed>`;
    expect(parseFeedDocument(mixed).map((a) => [a.entryId, a.blocks[0]?.text])).toEqual([
      ['urn:x', PROSE[1]],
    ]);
    const atom03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
<entry><title>Three</title><id>urn:three</id><issued>2004-01-02T00:00:00Z</issued>
<content type="text/html" mode="escaped">&lt;p&gt;${PROSE[2]}&lt;/p&gt;</content></entry>
<entry><id>urn:four</id><content type="text/plain" mode="base64">${btoa(PROSE[3])}</content></entry></feed>`;
    expect(parseFeedDocument(atom03).map((a) => [a.publishedAt, a.blocks[0]?.text])).toEqual([
      ['2004-01-02', PROSE[2]],
      [null, PROSE[3]],
    ]);
  });

  it('finds content:encoded and Dublin Core under other prefixes, and atom:link in RSS', () => {
    const feed = `<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>T</title><item><guid isPermaLink="false">g</guid><atom:link href="https://example.com/g"/>
<d:creator>Jane Smith</d:creator><d:date>2025-10-18</d:date><description>Teaser.</description>
<c:encoded><![CDATA[<p>${PROSE[0]}</p>]]></c:encoded></item></channel></rss>`;
    expect(parseFeedDocument(feed)).toEqual([
      {
        format: 'rss',
        title: null,
        publishedAt: '2025-10-18',
        author: 'Jane Smith',
        url: 'https://example.com/g',
        source: 'T',
        entryId: 'g',
        blocks: [{ kind: 'paragraph', text: PROSE[0] }],
      },
    ]);
  });

  it('takes the body of a YouTube-like entry from media:group/media:description, under any prefix', () => {
    const youtube = (prefix: string) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:${prefix}="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
<title>A channel</title>
<entry><id>yt:video:abc</id><yt:videoId>abc</yt:videoId><title>A video</title>
<link rel="alternate" href="https://www.youtube.com/watch?v=abc"/>
<published>2025-10-18T18:03:34+00:00</published>
<${prefix}:group><${prefix}:title>A video</${prefix}:title>
<${prefix}:content url="https://www.youtube.com/v/abc" type="application/x-shockwave-flash"/>
<${prefix}:description>${PROSE[0]}

${PROSE[1]} &quot;Quoted&quot; &amp; more.</${prefix}:description>
</${prefix}:group></entry></feed>`;
    for (const prefix of ['media', 'm']) {
      const [video] = parseFeedDocument(youtube(prefix));
      expect(video?.entryId).toBe('yt:video:abc');
      expect(video?.url).toBe('https://www.youtube.com/watch?v=abc');
      expect(video?.blocks).toEqual([
        { kind: 'paragraph', text: PROSE[0] },
        { kind: 'paragraph', text: `${PROSE[1]} "Quoted" & more.` },
      ]);
    }
  });

  it('makes links absolute against xml:base, nested bases included, else the feed link', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/blog/">
<title>Based</title>
<entry xml:base="2025/"><id>urn:a</id><link href="story.html"/><summary>${PROSE[0]}</summary></entry>
<entry><id>urn:b</id><link xml:base="/other/" href="b.html"/><summary>${PROSE[1]}</summary></entry>
<entry><id>urn:c</id><link href="https://elsewhere.example/c"/><summary>${PROSE[2]}</summary></entry>
</feed>`;
    expect(parseFeedDocument(atom).map((a) => a.url)).toEqual([
      'https://example.com/blog/2025/story.html',
      'https://example.com/other/b.html',
      'https://elsewhere.example/c',
    ]);
    const rss = `<rss version="2.0"><channel><title>R</title><link>https://example.com/news/</link>
<item><link>/2025/one.html</link><description>${PROSE[0]}</description></item></channel></rss>`;
    expect(parseFeedDocument(rss).map((a) => [a.url, a.entryId])).toEqual([
      ['https://example.com/2025/one.html', 'https://example.com/2025/one.html'],
    ]);
  });

  it('reads a feed with a byte-order mark and white space before the XML declaration', () => {
    const feed = `\ufeff \n\n  ${rssFeed([item(1)])}`;
    expect(parseFeedDocument(feed).map((a) => a.entryId)).toEqual(['guid-1']);
    expect(parseDocument(feed).map((a) => a.format)).toEqual(['rss']);
    // A declaration pushed down by a comment is dropped rather than failing the feed.
    const late = `<!-- generated -->\n${rssFeed([item(2)])}`;
    expect(parseFeedDocument(late).map((a) => a.entryId)).toEqual(['guid-2']);
  });

  it('reads RSS 0.91 and 0.90 (RDF in the Netscape namespace)', () => {
    const rss091 = `<rss version="0.91"><channel><title>Old</title><link>https://example.com/</link>
<item><title>Nine one</title><link>https://example.com/91</link><description>${PROSE[0]}</description></item></channel></rss>`;
    expect(parseFeedDocument(rss091).map((a) => [a.title, a.url])).toEqual([
      ['Nine one', 'https://example.com/91'],
    ]);
    const rss090 = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="${RDF_NS}" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Older</title><link>https://example.com/</link><description>News</description></channel>
<item><title>Nine oh</title><link>https://example.com/90</link></item></rdf:RDF>`;
    expect(parseFeedDocument(rss090).map((a) => [a.title, a.url, a.source, a.blocks])).toEqual([
      ['Nine oh', 'https://example.com/90', 'Older', []],
    ]);
  });

  it('gives entries that repeat a guid their own ids, the first keeping it', () => {
    const parsed = parseFeedDocument(
      rssFeed([
        item(1, { guid: 'same' }),
        item(2, { guid: 'same' }),
        item(3, { guid: 'same#2' }),
        item(4, { guid: 'same' }),
        item(5),
      ]),
    );
    const ids = parsed.map((article) => article.entryId);
    expect(ids).toEqual(['same', 'same#3', 'same#2', 'same#4', 'guid-5']);
    expect(new Set(ids).size).toBe(ids.length);
    // Unique ids are left as they were.
    expect(parseFeedDocument(rssFeed([item(1), item(2)])).map((a) => a.entryId)).toEqual([
      'guid-1',
      'guid-2',
    ]);
  });

  it('falls back to dc:description for the body', () => {
    const feed = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
<item><guid>g</guid><dc:description>${PROSE[2]}</dc:description></item></channel></rss>`;
    expect(parseFeedDocument(feed)[0]?.blocks).toEqual([{ kind: 'paragraph', text: PROSE[2] }]);
  });

  it('rejects XML nested beyond reason as malformed rather than overflowing the stack', () => {
    const deep = `<rss><channel><item><title>x</title>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}</item></channel></rss>`;
    expect(rejectionOf(() => parseFeedDocument(deep))?.reason).toBe('malformed');
  });

  it('reads an empty <rss></rss> as a feed with no items', () => {
    expect(rejectionOf(() => parseFeedDocument('<rss version="2.0">\n</rss>'))).toEqual({
      reason: 'no-body',
      message: 'feed has no items',
    });
  });
});
