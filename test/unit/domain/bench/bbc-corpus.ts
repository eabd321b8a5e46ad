import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The BBC News Summary evaluation set beside the checkout (see ../shared/eval/README.md). */
export const BBC_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/eval/bbc-news-summary',
);

export interface BbcArticle {
  id: string;
  /** In the plain-text format: paragraphs joined back from one-sentence lines, headline dropped. */
  text: string;
  /** Reference summary sentences. */
  summary: string[];
}

export const loadBbcArticles = (): BbcArticle[] => {
  if (!existsSync(BBC_ROOT)) {
    throw new Error(
      `BBC News Summary data not found at ${BBC_ROOT}: it lives in ../shared/eval beside the repo`,
    );
  }
  const articles: BbcArticle[] = [];
  for (const category of readdirSync(path.join(BBC_ROOT, 'article')).sort()) {
    for (const file of readdirSync(path.join(BBC_ROOT, 'article', category)).sort()) {
      const raw = readFileSync(path.join(BBC_ROOT, 'article', category, file), 'utf8');
      const summary = readFileSync(path.join(BBC_ROOT, 'summary', category, file), 'utf8');
      // Line 1 is the headline; the splitter must see running text, not one sentence a line.
      const body = raw.split('\n').slice(1).join('\n');
      const text = body
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.split('\n').join(' ').trim())
        .filter((paragraph) => paragraph.length > 0)
        .join('\n\n');
      articles.push({
        id: `${category}/${file}`,
        text,
        summary: summary
          .split('\n')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      });
    }
  }
  return articles;
};
