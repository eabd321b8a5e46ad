import { InvalidArticleError } from '../../../../../functions/domain/documents/errors';

/**
 * Small documents in every supported format, built by factories: no copied web pages. Each
 * factory takes the parts a test cares about and fills in the rest with plausible defaults.
 */

/** Summary-worthy prose, one sentence a paragraph. */
export const PROSE = [
  'The council approved a new budget for road repairs at its meeting in Leeds on Monday.',
  'Heavy rain flooded several streets near the river before engineers cleared the drains.',
  'A local school won a national science prize for its work on recycling plastic waste.',
  'Bus fares will rise by ten pence from January, the transport operator confirmed.',
] as const;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PageParts {
  /** `<title>` text. */
  title?: string;
  /** `<meta>` tags: property or name → content. */
  meta?: Record<string, string>;
  /** JSON-LD scripts, serialised as given (a string is put in verbatim). */
  jsonLd?: (object | string)[];
  /** The article's inner HTML. */
  article: string;
  /** Site navigation, scripts, styles, ads, related links, comments and footer around it. */
  chrome?: boolean;
  /** Leave out `<html>`, `<head>` and `<body>` tags, as hand-written or truncated pages do. */
  noSkeleton?: boolean;
}

const NAV = `<header class="site-header"><a class="logo" href="/">The Daily Example</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>`;
const SCRIPTS = `<script>window.dataLayer = [{ page: "article", note: "Subscribe today to read more news" }];</script>
<style>.ad-slot { min-height: 250px } p { margin: 0 }</style>`;
const AD = `<div class="ad-slot"><p>Advertisement: Buy the new Phone X today and save forty percent on accessories.</p></div>`;
const RELATED = `<aside class="related-stories"><h2>Related stories</h2><ul>
<li><a href="/a">Mayor opens the new library in the city centre after years of delay</a></li>
<li><a href="/b">Train strikes called off after late-night talks with unions and operators</a></li></ul></aside>`;
const COMMENTS = `<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>I have been saying this for years, the roads are a disgrace and nobody listens to us.</p></div></section>`;
const FOOTER = `<footer class="site-footer"><p>Copyright 2025 The Daily Example. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>`;

/** A web page around an article, with the usual page furniture when `chrome` is set. */
export const htmlPage = ({
  title,
  meta = {},
  jsonLd = [],
  article,
  chrome = false,
  noSkeleton,
}: PageParts) => {
  const head = [
    '<meta charset="utf-8">',
    title === undefined ? '' : `<title>${escapeHtml(title)}</title>`,
    ...Object.entries(meta).map(([key, content]) => {
      const attribute = key.includes(':') && !key.startsWith('twitter:') ? 'property' : 'name';
      return `<meta ${attribute}="${key}" content="${escapeHtml(content)}">`;
    }),
    ...jsonLd.map(
      (ld) =>
        `<script type="application/ld+json">${typeof ld === 'string' ? ld : JSON.stringify(ld)}</script>`,
    ),
  ].join('\n');
  const body = chrome
    ? `${NAV}${SCRIPTS}<main><article>${article}${AD}</article>${RELATED}${COMMENTS}</main>${FOOTER}`
    : article;
  return noSkeleton
    ? `${head}\n${body}`
    : `<!DOCTYPE html>\n<html lang="en">\n<head>\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>`;
};

/** `<p>` elements for paragraphs. */
export const paragraphsHtml = (paragraphs: readonly string[]) =>
  paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');

export interface RssItem {
  title?: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  creator?: string;
  /** Put in `<description>` as given: escape or wrap in CDATA yourself. */
  description?: string;
  /** Put in `<content:encoded>` inside CDATA. */
  contentEncoded?: string;
}

const element = (name: string, value: string | undefined) =>
  value === undefined ? '' : `<${name}>${value}</${name}>`;

/** An RSS 2.0 feed with the content and Dublin Core namespaces. */
export const rssFeed = (items: readonly RssItem[], channelTitle = 'The Daily Example') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${channelTitle}</title><link>https://example.com/</link><description>News</description>
${items
  .map(
    (item) =>
      `<item>${element('title', item.title)}${element('link', item.link)}${element('guid', item.guid)}${element(
        'pubDate',
        item.pubDate,
      )}${element('dc:creator', item.creator)}${element('description', item.description)}${
        item.contentEncoded === undefined
          ? ''
          : `<content:encoded><![CDATA[${item.contentEncoded}]]></content:encoded>`
      }</item>`,
  )
  .join('\n')}
</channel></rss>`;

export interface AtomEntry {
  title?: string;
  id?: string;
  link?: string;
  published?: string;
  updated?: string;
  author?: string;
  /** Raw XML inside `<content>`; `contentType` says how to read it. */
  content?: string;
  contentType?: 'text' | 'html' | 'xhtml';
  summary?: string;
}

/** An Atom 1.0 feed. */
export const atomFeed = (entries: readonly AtomEntry[], feedTitle = 'Example Atom') =>
  `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${feedTitle}</title><id>urn:example:feed</id>
${entries
  .map(
    (entry) =>
      `<entry>${element('title', entry.title)}${element('id', entry.id)}${
        entry.link === undefined ? '' : `<link rel="alternate" href="${entry.link}"/>`
      }${element('published', entry.published)}${element('updated', entry.updated)}${
        entry.author === undefined ? '' : `<author><name>${entry.author}</name></author>`
      }${entry.content === undefined ? '' : `<content type="${entry.contentType ?? 'html'}">${entry.content}</content>`}${element(
        'summary',
        entry.summary,
      )}</entry>`,
  )
  .join('\n')}
</feed>`;

/** A Markdown document, with front matter when given (as raw YAML). */
export const markdownDocument = (body: string, frontMatter?: string) =>
  frontMatter === undefined ? body : `---\n${frontMatter}\n---\n${body}`;

/**
 * A typical news page of about `kilobytes` KB: head metadata, analytics scripts, navigation,
 * a 900-word article with subheadings, a figure and a quote, ads, related links, comments and a
 * footer. For throughput measurements.
 */
export const typicalNewsPage = (kilobytes = 30): string => {
  const sentences = [...PROSE, ...PROSE.map((sentence) => sentence.replace('.', ', officials said.'))];
  const paragraphs: string[] = [];
  for (let i = 0; i < 24; i += 1) {
    paragraphs.push(`${sentences[i % sentences.length]} ${sentences[(i + 3) % sentences.length]}`);
  }
  const article = [
    '<h1>Council approves road repair budget after floods</h1>',
    '<p class="byline">By <a rel="author" href="/staff/jane">Jane Smith</a>, Local Affairs Reporter</p>',
    '<time datetime="2025-10-18T09:30:00+01:00">18 October 2025</time>',
    paragraphsHtml(paragraphs.slice(0, 8)),
    '<figure><img src="/img/flood.jpg" alt="Flooded street"><figcaption>A flooded street in Leeds on Sunday.(PA Media)</figcaption></figure>',
    '<h2>What happens next</h2>',
    paragraphsHtml(paragraphs.slice(8, 16)),
    '<blockquote><p>"We have listened to residents and acted," the council leader said.</p></blockquote>',
    '<h2>Reaction</h2>',
    paragraphsHtml(paragraphs.slice(16)),
  ].join('\n');
  const page = htmlPage({
    title: 'Council approves road repair budget after floods | The Daily Example',
    meta: {
      'og:title': 'Council approves road repair budget after floods',
      'article:published_time': '2025-10-18T09:30:00+01:00',
      author: 'Jane Smith',
      'og:site_name': 'The Daily Example',
    },
    jsonLd: [
      {
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', name: 'The Daily Example' },
          {
            '@type': 'NewsArticle',
            headline: 'Council approves road repair budget after floods',
            datePublished: '2025-10-18T09:30:00+01:00',
            author: { '@type': 'Person', name: 'Jane Smith' },
          },
        ],
      },
    ],
    article,
    chrome: true,
  });
  // Pad with what real pages carry most of: scripts and link-heavy furniture.
  const filler = `<script>/* analytics */ var t = ${JSON.stringify('x'.repeat(900))};</script>\n<div class="promo-rail"><ul>${'<li><a href="/more">More from the Daily Example on today&#8217;s news</a></li>'.repeat(8)}</ul></div>\n`;
  let padded = page;
  while (padded.length < kilobytes * 1024) padded = padded.replace('</body>', `${filler}</body>`);
  return padded;
};

/** The reason and message of the InvalidArticleError a call throws, or null when it throws none. */
export const rejectionOf = (run: () => unknown): { reason: string; message: string } | null => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidArticleError) return { reason: error.reason, message: error.message };
    throw error;
  }
  return null;
};
