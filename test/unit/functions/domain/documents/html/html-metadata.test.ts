import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../../../../../functions/domain/analyse-article';
import { parseHtmlDocument } from '../../../../../../functions/domain/documents/html/html-format';
import { dateFromUrl } from '../../../../../../functions/domain/documents/html/html-metadata';
import { htmlPage, paragraphsHtml, PROSE } from '../format-fixtures';

const story = paragraphsHtml(PROSE);
const parse = (parts: Parameters<typeof htmlPage>[0]) => parseHtmlDocument(htmlPage(parts));

describe('HTML metadata: the date', () => {
  it('reads JSON-LD datePublished before the meta tags', () => {
    const parsed = parse({
      jsonLd: [{ '@type': 'NewsArticle', datePublished: '2019-11-19T08:03:00-05:00' }],
      meta: { 'article:published_time': '2019-11-18T10:00:00Z' },
      article: story,
    });
    expect(parsed.publishedAt).toBe('2019-11-19');
  });

  it.each([
    ['article:published_time', '2019-11-19T08:03:00Z'],
    ['og:published_time', '2019-11-19'],
    ['pubdate', '20191119'],
    ['sailthru.date', '2019-11-19 08:03:00'],
    ['dc.date.issued', '2019-11-19'],
  ])('reads meta %s', (name, content) => {
    expect(parse({ meta: { [name]: content }, article: story }).publishedAt).toBe('2019-11-19');
  });

  it('reads the date in the article URL: /2019/11/19/, /2020/oct/02/, /20200428/', () => {
    expect(dateFromUrl('https://example.com/2019/11/19/council-budget/')).toBe('2019-11-19');
    expect(dateFromUrl('https://example.com/education/2020/oct/02/halls')).toBe('2020-10-02');
    expect(dateFromUrl('https://example.com/20200428/meet-the-swede')).toBe('2020-04-28');
    expect(dateFromUrl('https://example.com/2019/13/45/nonsense')).toBeNull();
    expect(dateFromUrl('https://example.com/news/10759-budget')).toBeNull();
    const parsed = parse({
      meta: { 'og:url': 'https://example.com/2019/11/19/council-budget/' },
      article: story,
    });
    expect(parsed.publishedAt).toBe('2019-11-19');
  });

  it('reads <time datetime> and, failing that, the article timestamp line', () => {
    expect(parse({ article: `<time datetime="2019-11-19T08:03">Tuesday</time>${story}` }).publishedAt).toBe(
      '2019-11-19',
    );
    expect(parse({ article: `<p>Posted on November 19, 2019 by Jane Smith</p>${story}` }).publishedAt).toBe(
      '2019-11-19',
    );
    expect(parse({ article: `<div><span>Nov 19, 2019</span></div>${story}` }).publishedAt).toBe('2019-11-19');
  });

  it('takes the published date over a modified one, and the modified one when it is all there is', () => {
    const both = { 'article:published_time': '2019-11-19', 'article:modified_time': '2020-01-02' };
    expect(parse({ meta: both, article: story }).publishedAt).toBe('2019-11-19');
    expect(parse({ meta: { 'article:modified_time': '2020-01-02' }, article: story }).publishedAt).toBe(
      '2020-01-02',
    );
  });
});

describe('HTML metadata: the author', () => {
  it('resolves a JSON-LD author given by @id in the @graph', () => {
    const parsed = parse({
      jsonLd: [
        {
          '@graph': [
            { '@type': 'Article', headline: 'Budget', author: { '@id': 'https://example.com/#/person/1' } },
            { '@type': 'Person', '@id': 'https://example.com/#/person/1', name: 'Jane Smith' },
          ],
        },
      ],
      article: story,
    });
    expect(parsed.author).toBe('Jane Smith');
  });

  it('skips a JSON-LD author that is an organisation or the site, for the byline', () => {
    const parsed = parse({
      meta: { 'og:site_name': 'The Daily Example', author: 'The Daily Example' },
      jsonLd: [{ '@type': 'NewsArticle', author: { '@type': 'Organization', name: 'The Daily Example' } }],
      article: `<p class="byline">By: <a href="/author/li">Li Wei</a></p>${story}`,
    });
    expect(parsed.author).toBe('Li Wei');
  });

  it('never gives a "By" prefix, initials alone or a date', () => {
    expect(parse({ meta: { author: 'By Jane Smith' }, article: story }).author).toBe('Jane Smith');
    expect(parse({ meta: { author: 'J J' }, article: story }).author).toBeUndefined();
    expect(parse({ article: `<div class="author">Luke Kemp 11 February 2020</div>${story}` }).author).toBe(
      'Luke Kemp',
    );
  });

  it('completes a lone first name from structured data with the byline that begins with it', () => {
    const byline = '<div class="full-name-wrapper"><p><strong>By</strong></p><p>Todd Bates</p></div>';
    const todd = [{ '@type': 'NewsArticle', author: { '@type': 'Person', name: 'Todd' } }];
    expect(parse({ jsonLd: todd, article: `${byline}${story}` }).author).toBe('Todd Bates');
    // A byline naming someone else does not replace it.
    const other = '<p class="byline">By Jane Smith</p>';
    expect(parse({ jsonLd: todd, article: `${other}${story}` }).author).toBe('Todd');
    // A full name from structured data is kept over the byline.
    const full = [{ '@type': 'NewsArticle', author: { '@type': 'Person', name: 'Li Wei' } }];
    expect(parse({ jsonLd: full, article: `${byline}${story}` }).author).toBe('Li Wei');
  });

  it('skips an article:author that is a profile URL for the next author meta', () => {
    const parsed = parse({
      meta: {
        'og:site_name': 'Hill Valley Courier',
        author: 'https://www.facebook.com/janesmith',
        'article:author': 'Jane Smith | Hill Valley Courier',
      },
      article: story,
    });
    expect(parsed.author).toBe('Jane Smith');
  });

  it('reads every author of repeated meta tags', () => {
    const html = htmlPage({ article: story }).replace(
      '<meta charset="utf-8">',
      '<meta charset="utf-8"><meta name="citation_author" content="Jane Smith"><meta name="citation_author" content="Li Wei">',
    );
    expect(parseHtmlDocument(html).author).toBe('Jane Smith, Li Wei');
  });
});

describe('HTML metadata: the title', () => {
  it('is the headline, without the site name of <title> and og:title', () => {
    const parsed = parse({
      title: 'Council approves budget | The Daily Example',
      meta: {
        'og:title': 'Council approves budget - The Daily Example',
        'og:site_name': 'The Daily Example',
      },
      article: `<h1>Council approves budget</h1>${story}`,
      chrome: true,
    });
    expect(parsed.title).toBe('Council approves budget');
    expect(parsed.blocks.some((block) => block.text === 'Council approves budget')).toBe(false);
  });

  it('strips the site name when the page has no <h1>', () => {
    const parsed = parse({
      meta: {
        'og:title': 'Council approves budget | The Daily Example',
        'og:site_name': 'The Daily Example',
      },
      article: story,
    });
    expect(parsed.title).toBe('Council approves budget');
  });
});

describe('HTML main text: what is about the article stays out of it', () => {
  const mainText = (html: string) =>
    (analyseDocument(html)[0]?.sentences ?? [])
      .filter((sentence) => sentence.role === 'body' || sentence.role === 'quote')
      .map((sentence) => sentence.text)
      .join(' ');

  it('leaves out bylines, timestamps, share bars and read-more links', () => {
    const article = [
      '<h1>Council approves budget</h1>',
      '<div class="article-meta"><a href="/author/jane">Biography</a> <a rel="author" href="/author/jane">Jane Smith</a></div>',
      '<p>Nov. 19, 2019 8:03 am ET</p>',
      '<p>By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.</p>',
      '<div class="social-share"><a href="#">Share</a> <a href="#">Tweet</a></div>',
      `<p>${PROSE[0]}</p>`,
      '<p>Share this article</p>',
      `<p>${PROSE[1]}</p>`,
      '<p><a href="/more">Read more</a></p>',
      `<p>${PROSE[2]}</p>`,
      '<p>READ MORE: <a href="/b">Train strikes called off after late-night talks</a></p>',
      `<p>${PROSE[3]}</p>`,
    ].join('\n');
    expect(mainText(htmlPage({ title: 'Council approves budget', article }))).toBe(PROSE.join(' '));
  });

  it('keeps a short line of the story that has no full stop (a list entry, a score)', () => {
    const article = `${story}<ul><li>Leeds United 2 Bristol City 1</li><li>Hull City 0 Stoke City 0</li></ul><p>${PROSE[0]}</p>`;
    expect(mainText(htmlPage({ title: 'Results', article }))).toContain('Leeds United 2 Bristol City 1');
  });
});
