import { describe, expect, it } from 'vitest';
import { htmlFragmentBlocks } from '../../../../../../functions/domain/documents/html/html-blocks';
import { parseHtmlDocument } from '../../../../../../functions/domain/documents/html/html-format';
import { htmlPage, paragraphsHtml, PROSE, rejectionOf, typicalNewsPage } from '../format-fixtures';

const texts = (html: string) => parseHtmlDocument(html).blocks.map((block) => block.text);
const kinds = (html: string) => parseHtmlDocument(html).blocks.map((block) => [block.kind, block.text]);

describe('parseHtmlDocument: main content', () => {
  it('keeps the article and drops navigation, scripts, styles, ads, related links, comments and footer', () => {
    const body = texts(htmlPage({ title: 'T', article: paragraphsHtml(PROSE), chrome: true }));
    expect(body).toEqual([...PROSE]);
    const all = body.join(' ');
    for (const junk of [
      'Sport',
      'dataLayer',
      'min-height',
      'Advertisement',
      'Mayor opens',
      'disgrace',
      'Copyright',
    ]) {
      expect(all).not.toContain(junk);
    }
  });

  it('keeps a short article among a lot of page furniture', () => {
    const html = htmlPage({ title: 'T', article: `<h1>Brief</h1><p>${PROSE[0]}</p>`, chrome: true });
    expect(texts(html)).toEqual([PROSE[0]]);
  });

  it('gives headings, quotes, captions and bylines their kinds', () => {
    const article = [
      '<h1>Council approves budget</h1>',
      '<p class="byline">By <a rel="author" href="/jane">Jane Smith</a>, Local Affairs Reporter</p>',
      `<p>${PROSE[0]}</p>`,
      '<h2>What happens next</h2>',
      '<blockquote><p>We listened to residents.</p><p>And we acted.</p></blockquote>',
      '<figure><img src="a.jpg" alt="Flood"><figcaption>A flooded street in Leeds.(PA Media)</figcaption></figure>',
      `<p>${PROSE[1]}</p>`,
      '<h3>Reaction</h3>',
      `<p>${PROSE[2]}</p>`,
    ].join('\n');
    expect(kinds(htmlPage({ title: 'Council approves budget', article, chrome: true }))).toEqual([
      ['byline', 'By Jane Smith, Local Affairs Reporter'],
      ['paragraph', PROSE[0]],
      ['heading', 'What happens next'],
      ['quote', 'We listened to residents.'],
      ['quote', 'And we acted.'],
      ['caption', 'A flooded street in Leeds.(PA Media)'],
      ['paragraph', PROSE[1]],
      ['heading', 'Reaction'],
      ['paragraph', PROSE[2]],
    ]);
  });

  it('recognises a "By X" paragraph and a standalone dateline without any class', () => {
    const article = `<p>By Jane Smith</p><p>LONDON (Reuters) -</p>${paragraphsHtml(PROSE.slice(0, 3))}`;
    const blocks = parseHtmlDocument(htmlPage({ article })).blocks;
    expect(blocks.slice(0, 2)).toEqual([
      { kind: 'byline', text: 'By Jane Smith' },
      { kind: 'dateline', text: 'LONDON (Reuters) -' },
    ]);
  });

  it('turns list items and <br><br> runs into paragraphs', () => {
    const list = `<ul><li>Key point: ${PROSE[2]}</li><li>Key point: ${PROSE[3]}</li></ul>`;
    const article = `<article><p>${PROSE[0]}<br><br>${PROSE[1]}<br>continued.</p>${list}${paragraphsHtml(PROSE)}</article>`;
    expect(texts(htmlPage({ article }))).toEqual([
      PROSE[0],
      `${PROSE[1]} continued.`,
      `Key point: ${PROSE[2]}`,
      `Key point: ${PROSE[3]}`,
      ...PROSE,
    ]);
  });

  it('decodes entities and collapses whitespace', () => {
    const article = '<p>Caf&eacute; &amp; bar:\n   &ldquo;quoted&rdquo;&nbsp;&#x2014; end&#8217;s.</p>';
    expect(texts(htmlPage({ article }))).toEqual(['Café & bar: “quoted” — end’s.']);
  });

  it('tolerates malformed markup: no skeleton, unclosed and stray tags', () => {
    const html =
      '<title>Broken</title><div><p>Unclosed paragraph with <b>bold <i>nested</b> text.<p>Second one &amp; more.</div></span></table><p>Third one ends here.';
    const parsed = parseHtmlDocument(html);
    expect(parsed.title).toBe('Broken');
    expect(parsed.blocks.map((block) => block.text)).toEqual([
      'Unclosed paragraph with bold nested text.',
      'Second one & more.',
      'Third one ends here.',
    ]);
    expect(texts(htmlPage({ article: paragraphsHtml(PROSE.slice(0, 2)), noSkeleton: true }))).toEqual(
      PROSE.slice(0, 2),
    );
  });

  it('reads a page nested thousands of elements deep, as malformed pages can be', () => {
    const depth = 3000;
    const html = `<!doctype html><body>${'<div>'.repeat(depth)}${paragraphsHtml(PROSE)}<footer>Copyright</footer>${'</div>'.repeat(depth)}`;
    expect(texts(html)).toEqual([...PROSE]);
  });

  it('reads a page with a headline and no prose as a headline alone, its headline the title', () => {
    // Until short items became articles in HTML too this was `no-body` (no readable content).
    const headline = 'Trump to meet Kim in Hanoi next month';
    const shared = parseHtmlDocument(
      htmlPage({
        title: `${headline} | The Daily Example`,
        meta: { 'og:title': headline, 'og:site_name': 'The Daily Example' },
        article: '',
        chrome: true,
      }),
    );
    expect(shared.title).toBe(headline);
    expect(shared.blocks.filter((block) => block.kind === 'paragraph')).toEqual([]);
    const h1 = parseHtmlDocument(htmlPage({ article: `<h1>${headline}</h1>`, chrome: true }));
    expect([h1.title, h1.blocks]).toEqual([headline, []]);
  });

  it('rejects a page with nothing to read', () => {
    expect(rejectionOf(() => parseHtmlDocument(htmlPage({ title: 'T', article: '', chrome: true })))).toEqual(
      {
        reason: 'no-body',
        message: 'HTML has no readable content',
      },
    );
    expect(rejectionOf(() => parseHtmlDocument('<html><body><img src="x.jpg"></body></html>'))?.reason).toBe(
      'no-body',
    );
    // A <title> alone is no headline: a site's name, "Loading…", an error page.
    const titled = '<html><head><title>Loading…</title></head><body><div id="root"></div></body></html>';
    expect(rejectionOf(() => parseHtmlDocument(titled))?.reason).toBe('no-body');
    // Nor is an <h1> that is the site's logo.
    const logo = htmlPage({
      title: 'Home | The Daily Example',
      meta: {},
      article: '<h1>The Daily Example</h1>',
    }).replace(
      '<meta charset="utf-8">',
      '<meta charset="utf-8"><meta name="application-name" content="The Daily Example">',
    );
    expect(rejectionOf(() => parseHtmlDocument(logo))?.reason).toBe('no-body');
  });
});

describe('parseHtmlDocument: metadata', () => {
  const article = paragraphsHtml(PROSE.slice(0, 3));

  it('reads JSON-LD NewsArticle inside an @graph: headline, date, author, publisher, url', () => {
    const parsed = parseHtmlDocument(
      htmlPage({
        title: 'Page title | Site',
        meta: { 'og:title': 'Open Graph title' },
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@graph': [
              { '@type': 'WebPage', name: 'Not this' },
              {
                '@type': ['NewsArticle'],
                headline: 'Q&amp;A: the budget',
                datePublished: '2025-10-18T23:30:00-04:00',
                author: [{ '@type': 'Person', name: 'Jane Smith' }, { name: 'Li Wei' }],
                publisher: { '@type': 'Organization', name: 'The Daily Example' },
                url: 'https://example.com/budget',
              },
            ],
          },
        ],
        article,
      }),
    );
    expect(parsed).toMatchObject({
      format: 'html',
      title: 'Q&A: the budget',
      publishedAt: '2025-10-18',
      author: 'Jane Smith, Li Wei',
      source: 'The Daily Example',
      url: 'https://example.com/budget',
    });
  });

  it('skips broken JSON-LD and falls back to Open Graph and meta tags', () => {
    const parsed = parseHtmlDocument(
      htmlPage({
        title: 'Page title',
        jsonLd: ['{"@type": "NewsArticle", "headline": '],
        meta: {
          'og:title': 'Open Graph title',
          'article:published_time': '2025-10-18T09:30:00+01:00',
          author: 'Jane Smith',
          'og:site_name': 'The Daily Example',
          'og:url': 'https://example.com/a',
        },
        article,
      }),
    );
    expect(parsed).toMatchObject({
      title: 'Open Graph title',
      publishedAt: '2025-10-18',
      author: 'Jane Smith',
      source: 'The Daily Example',
      url: 'https://example.com/a',
    });
  });

  it('falls back to <time datetime>, the byline and the <h1>', () => {
    const parsed = parseHtmlDocument(
      htmlPage({
        article: `<h1>Storm closes roads</h1><p class="byline">By Jane Smith</p><time datetime="2025-10-18T23:30:00-04:00">Saturday</time>${article}`,
      }),
    );
    expect(parsed).toMatchObject({
      title: 'Storm closes roads',
      publishedAt: '2025-10-18',
      author: 'Jane Smith',
    });
    // The headline is the title, not a subheading of the body.
    expect(parsed.blocks.some((block) => block.text === 'Storm closes roads')).toBe(false);
  });

  it('has a null title and date when the page states none', () => {
    const parsed = parseHtmlDocument(`<html><body>${article}</body></html>`);
    expect(parsed.title).toBeNull();
    expect(parsed.publishedAt).toBeNull();
    expect(parsed.author).toBeUndefined();
  });

  it('ignores an impossible date and an author meta that is a URL', () => {
    const parsed = parseHtmlDocument(
      htmlPage({
        meta: {
          'article:published_time': '2025-02-30T10:00:00Z',
          'article:author': 'https://x.example/jane',
        },
        article,
      }),
    );
    expect(parsed.publishedAt).toBeNull();
    expect(parsed.author).toBeUndefined();
  });

  it('reads a typical 30 KB news page completely', () => {
    const parsed = parseHtmlDocument(typicalNewsPage(30));
    expect(parsed).toMatchObject({
      title: 'Council approves road repair budget after floods',
      publishedAt: '2025-10-18',
      author: 'Jane Smith',
      source: 'The Daily Example',
    });
    const count = (kind: string) => parsed.blocks.filter((block) => block.kind === kind).length;
    expect([count('paragraph'), count('heading'), count('quote'), count('caption'), count('byline')]).toEqual(
      [24, 2, 1, 1, 1],
    );
    expect(count('dateline')).toBe(1);
  });
});

describe('htmlFragmentBlocks', () => {
  it('keeps a one-line fragment that whole-page heuristics would drop', () => {
    expect(htmlFragmentBlocks('<p>Short.</p>')).toEqual([{ kind: 'paragraph', text: 'Short.' }]);
  });

  it('reads bare text and inline markup as a paragraph', () => {
    expect(htmlFragmentBlocks('Hello <b>there</b> &amp; welcome.')).toEqual([
      { kind: 'paragraph', text: 'Hello there & welcome.' },
    ]);
  });

  it('still drops scripts and share boxes', () => {
    const html = `<p>${PROSE[0]}</p><script>track()</script><div class="share-tools">Share on X</div>`;
    expect(htmlFragmentBlocks(html)).toEqual([{ kind: 'paragraph', text: PROSE[0] }]);
  });
});
