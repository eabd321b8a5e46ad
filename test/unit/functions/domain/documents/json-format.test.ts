import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from '../../../../../functions/domain/documents/json-format';
import { PROSE, rejectionOf } from './format-fixtures';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const parse = (value: unknown) => parseJsonDocument(json(value));

describe('parseJsonDocument: one article', () => {
  it('reads title, body, date, url, source and author', () => {
    expect(
      parse({
        title: 'Storm closes roads',
        body: `${PROSE[0]}\n\n${PROSE[1]}`,
        date: '2025-10-18',
        url: 'https://example.com/storm',
        source: 'The Daily Example',
        author: 'Jane Smith',
      }),
    ).toEqual([
      {
        format: 'json',
        title: 'Storm closes roads',
        publishedAt: '2025-10-18',
        author: 'Jane Smith',
        url: 'https://example.com/storm',
        source: 'The Daily Example',
        blocks: [
          { kind: 'paragraph', text: PROSE[0] },
          { kind: 'paragraph', text: PROSE[1] },
        ],
      },
    ]);
  });

  it.each([
    [
      'headline / articleBody / datePublished',
      { headline: 'H', articleBody: PROSE[0], datePublished: '2025-10-18T23:30:00-04:00' },
    ],
    ['name / content / publishedAt', { name: 'H', content: PROSE[0], publishedAt: '2025-10-18T08:00:00Z' }],
    ['title / text / published_at', { title: 'H', text: PROSE[0], published_at: '2025-10-18 08:00' }],
    [
      'title / description / pubDate',
      { title: 'H', description: PROSE[0], pubDate: 'Sat, 18 Oct 2025 23:30:00 -0400' },
    ],
    ['title / body / published', { title: 'H', body: PROSE[0], published: 'October 18, 2025' }],
  ])('understands %s', (_, article) => {
    expect(parse(article)[0]).toMatchObject({
      title: 'H',
      publishedAt: '2025-10-18',
      blocks: [{ kind: 'paragraph', text: PROSE[0] }],
    });
  });

  it('reads {name} sources and authors, and author arrays', () => {
    const [parsed] = parse({
      title: 'H',
      body: PROSE[0],
      source: { id: 'daily', name: 'The Daily Example' },
      author: [{ name: 'Jane Smith' }, 'Li Wei'],
    });
    expect(parsed).toMatchObject({ source: 'The Daily Example', author: 'Jane Smith, Li Wei' });
  });

  it('sends an HTML body through the HTML walk', () => {
    const [parsed] = parse({
      title: 'H',
      content: `<p>${PROSE[0]}</p><h2>Next</h2><blockquote>We acted.</blockquote><script>x()</script>`,
    });
    expect(parsed?.blocks).toEqual([
      { kind: 'paragraph', text: PROSE[0] },
      { kind: 'heading', text: 'Next' },
      { kind: 'quote', text: 'We acted.' },
    ]);
  });

  it('reads a body given as an array of paragraphs or typed blocks', () => {
    const [parsed] = parse({
      title: 'H',
      body: [
        PROSE[0],
        { type: 'heading', text: 'Next' },
        { type: 'quote', text: 'We acted.' },
        { text: PROSE[1] },
      ],
    });
    expect(parsed?.blocks).toEqual([
      { kind: 'paragraph', text: PROSE[0] },
      { kind: 'heading', text: 'Next' },
      { kind: 'quote', text: 'We acted.' },
      { kind: 'paragraph', text: PROSE[1] },
    ]);
  });

  it('reads WordPress {rendered} fields and decodes entities in titles and plain text', () => {
    const [parsed] = parse({
      title: { rendered: 'Q&amp;A: what&#8217;s next' },
      content: { rendered: '<p>Caf&eacute; &amp; bar.</p>' },
      excerpt: { rendered: 'ignored' },
    });
    expect(parsed).toMatchObject({
      title: 'Q&A: what’s next',
      blocks: [{ kind: 'paragraph', text: 'Café & bar.' }],
    });
    expect(parse({ title: 'H', body: 'Tom &amp; Jerry&#8217;s show.' })[0]?.blocks[0]?.text).toBe(
      'Tom & Jerry’s show.',
    );
  });

  it('has a null title and date when the document has none, or an impossible date', () => {
    expect(parse({ body: PROSE[0] })[0]).toMatchObject({ title: null, publishedAt: null });
    expect(parse({ body: PROSE[0], date: '2025-02-30' })[0]?.publishedAt).toBeNull();
  });

  it('reads epoch dates in seconds and milliseconds', () => {
    expect(parse({ body: PROSE[0], date: 1760745600 })[0]?.publishedAt).toBe('2025-10-18');
    expect(parse({ body: PROSE[0], date: 1760745600000 })[0]?.publishedAt).toBe('2025-10-18');
  });
});

describe('parseJsonDocument: several articles', () => {
  it('reads a top-level array, one article each, with ids from id, url or position', () => {
    const parsed = parse([
      { id: 'a1', title: 'One', body: PROSE[0] },
      { url: 'https://example.com/2', title: 'Two', body: PROSE[1] },
      { title: 'Three', body: PROSE[2] },
    ]);
    expect(parsed.map((article) => [article.entryId, article.title])).toEqual([
      ['a1', 'One'],
      ['https://example.com/2', 'Two'],
      ['#3', 'Three'],
    ]);
  });

  it('reads {articles: [...]} (NewsAPI) and {items: [...]} (JSON Feed)', () => {
    const news = parse({
      status: 'ok',
      articles: [{ title: 'One', source: { name: 'BBC News' }, content: `${PROSE[0]} [+1234 chars]` }],
    });
    expect(news[0]).toMatchObject({
      source: 'BBC News',
      blocks: [{ kind: 'paragraph', text: `${PROSE[0]}…` }],
    });
    const feed = parse({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Example Feed',
      items: [
        {
          id: '1',
          title: 'One',
          content_html: `<p>${PROSE[0]}</p>`,
          date_published: '2025-10-18T23:30:00-04:00',
          authors: [{ name: 'Jane' }],
        },
      ],
    });
    expect(feed[0]).toMatchObject({
      entryId: '1',
      source: 'Example Feed',
      publishedAt: '2025-10-18',
      author: 'Jane',
    });
  });

  it('keeps a headline alone as an article, and rejects objects with neither text nor a headline', () => {
    expect(
      parse([{ headline: 'Headline only' }, { title: 'Body', body: PROSE[0] }]).map((a) => a.title),
    ).toEqual(['Headline only', 'Body']);
    expect(parse({ title: 'Trump to meet Kim' })[0]?.blocks).toEqual([]);
    expect(
      parse([{ name: 'a package, not an article' }, { title: 'Body', body: PROSE[0] }]).map((a) => a.title),
    ).toEqual(['Body']);
    expect(rejectionOf(() => parse([{ name: 'No body' }]))).toEqual({
      reason: 'no-body',
      message:
        'JSON has no article with body text (expected an object with a body, content, text, articleBody or description)',
    });
    expect(rejectionOf(() => parse([]))?.message).toMatch(/^JSON has no article objects/);
    expect(rejectionOf(() => parse(42))?.reason).toBe('no-body');
  });

  it('reads the NewsArticle nodes of a JSON-LD @graph', () => {
    const parsed = parse({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Site' },
        { '@type': 'NewsArticle', headline: 'H', articleBody: PROSE[0] },
      ],
    });
    expect(parsed).toHaveLength(1);
    expect(parsed[0]?.title).toBe('H');
  });
});

describe('parseJsonDocument: invalid JSON', () => {
  it.each([
    [
      'a missing value',
      '{"title": "x",\n  "body": }',
      "malformed JSON at position 25 (line 2, column 11): unexpected token '}'",
    ],
    ['a doubled comma', '{"a": 1,, "b": 2}', 'malformed JSON at position 8 (line 1, column 9): '],
    [
      'an unterminated string',
      '[{"title": "unterminated}]',
      'malformed JSON at position 26 (line 1, column 27): ',
    ],
    ['unquoted keys', '{title: "x"}', 'malformed JSON at position 1 (line 1, column 2): '],
    ['trailing text', '{"a": 1} extra', 'malformed JSON at position 9 (line 1, column 10): '],
  ])('rejects %s as malformed, saying where', (_, text, message) => {
    const rejection = rejectionOf(() => parseJsonDocument(text));
    expect(rejection?.reason).toBe('malformed');
    expect(rejection?.message.startsWith(message)).toBe(true);
  });
});
