import { describe, expect, it } from 'vitest';
import {
  analyseArticle,
  analyseDocument,
  analyseParsed,
} from '../../../../../functions/domain/analyse-article';
import type { ParsedArticle } from '../../../../../functions/domain/documents/document';
import { parseDocument } from '../../../../../functions/domain/documents/parse-document';
import { parsePlainTextDocument } from '../../../../../functions/domain/documents/plain-text-format';
import { plainTextArticle, proseParagraphs } from '../../../../support/article-factories';
import {
  htmlPage,
  markdownDocument,
  paragraphsHtml,
  PROSE,
  rejectionOf,
  rssFeed,
  typicalNewsPage,
} from './format-fixtures';

const parsed = (blocks: ParsedArticle['blocks'], parts: Partial<ParsedArticle> = {}): ParsedArticle => ({
  format: 'html',
  title: null,
  publishedAt: null,
  blocks,
  ...parts,
});

describe('parseDocument', () => {
  it('dispatches on content and never returns an empty array', () => {
    const page = htmlPage({ title: 'T', article: paragraphsHtml(PROSE) });
    expect(parseDocument(page, { fileName: 'story.txt' }).map((a) => a.format)).toEqual(['html']);
    expect(
      parseDocument(JSON.stringify([{ body: PROSE[0] }, { body: PROSE[1] }])).map((a) => a.format),
    ).toEqual(['json', 'json']);
    expect(parseDocument(markdownDocument(PROSE[0], 'title: T'))[0]?.format).toBe('markdown');
    expect(parseDocument(rssFeed([{ description: PROSE[0] }]))[0]?.format).toBe('rss');
    expect(
      parseDocument(plainTextArticle({ paragraphs: proseParagraphs(2) }), { fileName: 'a.html' })[0]?.format,
    ).toBe('plain-text');
  });

  it.each([
    ['an empty string', '', 'empty'],
    ['whitespace and a byte-order mark', '\ufeff \n\t ', 'empty'],
    ['a plain-text header alone', ' date 2025-10-18', 'no-body'],
    ['an empty feed', rssFeed([]), 'no-body'],
    ['a page with nothing readable', '<!doctype html><html><body><nav>Home</nav></body></html>', 'no-body'],
    ['invalid JSON', '{"title": "x", }', 'malformed'],
    ['front matter with bad YAML', markdownDocument(PROSE[0], 'title: [unclosed'), 'malformed'],
    ['Markdown of code only', '```\ncode\n```\n', 'no-body'],
  ])('rejects %s with reason %s', (_, text, reason) => {
    expect(rejectionOf(() => parseDocument(text))?.reason).toBe(reason);
  });
});

describe('the plain-text format as a parsed document', () => {
  it('has a block per paragraph, and one for a subheading line above its text', () => {
    const text = 'Storm Amy hits\nThe storm closed roads on Monday.\n\nIt moved east.';
    expect(parsePlainTextDocument(text).blocks.map((block) => block.text)).toEqual([
      'Storm Amy hits',
      'The storm closed roads on Monday.',
      'It moved east.',
    ]);
  });

  it('gives a subheading on its own line a heading block, but not a caption ending in its credit', () => {
    const text = `${PROSE[0]}\nWhat happens next\n${PROSE[1]}\nA flooded street in Leeds.(PA Media)\n${PROSE[2]}`;
    expect(parsePlainTextDocument(text).blocks.map((block) => block.kind)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
  });

  it('is analysed as before: plain-text format, generated title, same sentences', () => {
    const text = plainTextArticle({ date: '2025-10-18', paragraphs: proseParagraphs(4) });
    const analysed = analyseArticle(text);
    expect(analysed).toMatchObject({ format: 'plain-text', titleGenerated: true, publishedAt: '2025-10-18' });
    expect(analysed.sentences.map((s) => s.text)).toEqual(proseParagraphs(4));
    expect(analyseDocument(text)).toEqual([analysed]);
    expect(analyseParsed(parsePlainTextDocument(text))).toEqual(analysed);
  });
});

describe('analyseParsed: block kinds to sentence roles', () => {
  const blocks: ParsedArticle['blocks'] = [
    { kind: 'byline', text: 'By Jane Smith' },
    { kind: 'dateline', text: 'LONDON (Reuters) -' },
    { kind: 'paragraph', text: PROSE[0] },
    { kind: 'heading', text: 'What happens next.' },
    { kind: 'quote', text: 'We listened to residents and we acted on what they told us.' },
    { kind: 'caption', text: 'A flooded street in Leeds on Sunday.' },
    { kind: 'paragraph', text: PROSE[1] },
  ];

  it('maps headings, captions, bylines, datelines and quotes onto their roles', () => {
    expect(analyseParsed(parsed(blocks)).sentences.map((s) => [s.role, s.paragraph])).toEqual([
      ['byline', 0],
      ['dateline', 1],
      ['body', 2],
      ['heading', 3],
      ['quote', 4],
      ['caption', 5],
      ['body', 6],
    ]);
  });

  it('summarises body sentences only', () => {
    const analysed = analyseParsed(parsed(blocks), { summarySentences: 10 });
    expect(analysed.summary).toEqual([PROSE[0], PROSE[1]]);
  });

  it('counts no person for the reporter of the byline', () => {
    expect(analyseParsed(parsed(blocks)).entities.people).not.toContain('Jane Smith');
  });

  it("uses the document's own title and passes its fields through", () => {
    const analysed = analyseParsed(
      parsed(blocks, {
        format: 'rss',
        title: 'Council approves budget',
        publishedAt: '2025-10-18',
        author: 'Jane Smith',
        url: 'https://example.com/1',
        source: 'The Daily Example',
        entryId: 'guid-1',
      }),
    );
    expect(analysed).toMatchObject({
      title: 'Council approves budget',
      titleGenerated: false,
      publishedAt: '2025-10-18',
      format: 'rss',
      author: 'Jane Smith',
      url: 'https://example.com/1',
      source: 'The Daily Example',
      entryId: 'guid-1',
    });
  });

  it('generates a headline from the lead body sentence when the document has no title', () => {
    const analysed = analyseParsed(parsed(blocks));
    expect(analysed.titleGenerated).toBe(true);
    expect(analysed.title).toBe(
      'The council approved a new budget for road repairs at its meeting in Leeds on Monday',
    );
    expect(analysed).not.toHaveProperty('author');
  });

  it('reads an untitled article of headings, quotes and captions only by its first heading', () => {
    // Until short items became articles this was `no-body` (only headings or captions, no prose).
    const only = parsed([
      { kind: 'heading', text: 'Heading' },
      { kind: 'quote', text: 'A quote that goes on.' },
    ]);
    const analysed = analyseParsed(only);
    expect(analysed.sentences.map((s) => [s.role, s.text])).toEqual([
      ['body', 'Heading'],
      ['quote', 'A quote that goes on.'],
    ]);
    expect([analysed.title, analysed.summary]).toEqual(['Heading', ['Heading']]);
  });

  it('rejects an article with neither a title nor a word in its text: no-body', () => {
    const wordless = parsed([{ kind: 'paragraph', text: '— … !' }]);
    expect(rejectionOf(() => analyseParsed(wordless))).toEqual({
      reason: 'no-body',
      message: 'the article has no words: no title and no text',
    });
  });
});

describe('analyseDocument', () => {
  it('analyses every item of a feed', () => {
    const feed = rssFeed(
      PROSE.slice(0, 3).map((text, i) => ({ title: `Story ${i + 1}`, guid: `g${i + 1}`, description: text })),
    );
    const analysed = analyseDocument(feed);
    // A title and one sentence is a short item: its summary leads with the headline.
    expect(analysed.map((a) => [a.entryId, a.title, a.titleGenerated, a.format, a.summary])).toEqual([
      ['g1', 'Story 1', false, 'rss', ['Story 1', PROSE[0]]],
      ['g2', 'Story 2', false, 'rss', ['Story 2', PROSE[1]]],
      ['g3', 'Story 3', false, 'rss', ['Story 3', PROSE[2]]],
    ]);
  });

  it('reads the items of more than one sentence as they are, without their headline', () => {
    const feed = rssFeed([{ title: 'Story', guid: 'g1', description: `${PROSE[0]} ${PROSE[1]}` }]);
    const [analysed] = analyseDocument(feed);
    expect(analysed?.sentences.map((s) => s.text)).toEqual([PROSE[0], PROSE[1]]);
    expect(analysed?.title).toBe('Story');
  });

  it('leaves out an entry with neither a title nor text rather than failing the others', () => {
    // An untitled heading alone, once `no-body` (no prose), is an article now; a wordless entry is not.
    const feed = rssFeed([
      { guid: 'g1', description: PROSE[0] },
      { guid: 'g2', description: '&lt;h2&gt;Only a heading&lt;/h2&gt;' },
      { guid: 'g3', description: '&lt;p&gt; — &lt;/p&gt;' },
      { guid: 'g4', title: 'A headline alone' },
    ]);
    expect(analyseDocument(feed).map((a) => [a.entryId, a.title, a.summary])).toEqual([
      ['g1', expect.any(String), [PROSE[0]]],
      ['g2', 'Only a heading', ['Only a heading']],
      ['g4', 'A headline alone', ['A headline alone']],
    ]);
  });

  it('fails when no entry has a title or text, naming one', () => {
    const feed = rssFeed([
      { guid: 'g1', description: '&lt;p&gt; … &lt;/p&gt;' },
      { guid: 'g2', description: '—' },
    ]);
    expect(rejectionOf(() => analyseDocument(feed))).toEqual({
      reason: 'no-body',
      message:
        'none of the 2 entries has a title or text (entry g1: the article has no words: no title and no text)',
    });
  });

  it('uses the file name to break ties and keeps summary options', () => {
    const text = proseParagraphs(4).join('\n\n');
    const [markdown] = analyseDocument(text, { fileName: 'notes.md', summarySentences: 1 });
    expect(markdown?.format).toBe('markdown');
    expect(markdown?.summary).toHaveLength(1);
    expect(() => analyseDocument(text, { summarySentences: -1 })).toThrow(RangeError);
  });

  it('analyses a typical news page with its own title, date and author', () => {
    const [analysed] = analyseDocument(typicalNewsPage(30));
    expect(analysed).toMatchObject({
      format: 'html',
      title: 'Council approves road repair budget after floods',
      titleGenerated: false,
      publishedAt: '2025-10-18',
      author: 'Jane Smith',
    });
    const roles = new Set(analysed?.sentences.map((s) => s.role));
    expect([...roles].sort()).toEqual(['body', 'byline', 'caption', 'dateline', 'heading', 'quote']);
    expect(analysed?.summary.length).toBe(3);
  });

  it('keeps analyseArticle throwing InvalidArticleError for empty input', () => {
    expect(rejectionOf(() => analyseArticle(''))?.reason).toBe('empty');
    expect(rejectionOf(() => analyseDocument('   '))?.reason).toBe('empty');
  });
});
