import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from '../../../../../functions/domain/documents/feed-format';
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
