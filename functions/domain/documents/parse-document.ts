import { sniffDocument } from './detect-format';
import type { ParsedArticle } from './document';
import { hasWords } from './document-text';
import { InvalidArticleError } from './errors';
import { parseFeedDocument } from './feed-format';
import { parseHtmlDocument } from './html/html-format';
import { parseJsonDocument } from './json-format';
import { parseMarkdownDocument } from './markdown-format';
import { parsePlainTextDocument } from './plain-text-format';

export interface DocumentHint {
  /** The uploaded file's name or key: its extension breaks ties between formats. */
  fileName?: string;
}

const HAS_TEXT = /[^\s\ufeff\u200b-\u200d\u2060]/;

/**
 * Every article in a document of any supported format (see sniffDocument): one for plain text,
 * HTML, Markdown and a JSON article; one per item for feeds and JSON lists. Never empty; every
 * format but feeds has a title or body text in some article (a feed's entries may each have none).
 *
 * @throws InvalidArticleError `empty` for a document of whitespace, `malformed` for broken JSON,
 * YAML front matter or XML (the message says where), `no-body` for a document with no article
 * text (a feed with no items, a page with nothing readable, a header and nothing after it, a
 * Markdown file with neither a title nor text).
 */
export const parseDocument = (text: string, hint: DocumentHint = {}): ParsedArticle[] => {
  if (!HAS_TEXT.test(text)) throw new InvalidArticleError('empty', 'the article is empty');
  const sniffed = sniffDocument(text, hint.fileName);
  let articles: ParsedArticle[];
  const isFeed = sniffed.format === 'rss' || sniffed.format === 'atom';
  switch (sniffed.format) {
    case 'rss':
    case 'atom':
      articles = parseFeedDocument(text);
      break;
    case 'html':
      articles = [parseHtmlDocument(text)];
      break;
    case 'json':
      articles = 'json' in sniffed ? parseJsonDocument(text, sniffed.json) : parseJsonDocument(text);
      break;
    case 'markdown':
      articles = [parseMarkdownDocument(text)];
      break;
    case 'plain-text':
      articles = [parsePlainTextDocument(text)];
      break;
  }
  // Each parser throws rather than return nothing; this guards the contract for all of them. A
  // feed gives every entry, also those with no body (a headline, or nothing), for analysis to judge;
  // so does any other format an article with a title and no body (a Markdown `# headline`).
  const hasText = (article: ParsedArticle) =>
    article.blocks.length > 0 || (article.title !== null && hasWords(article.title));
  if (!isFeed && !articles.some(hasText)) {
    throw new InvalidArticleError('no-body', `the ${sniffed.format} document has no article text`);
  }
  return articles;
};
