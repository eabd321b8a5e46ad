/**
 * Summary evaluation corpora laid out like ../shared/eval/bbc-news-summary (see its README):
 *
 *     <dir>/article/<category>/NNN.txt   headline on line 1, then the body
 *     <dir>/summary/<category>/NNN.txt   the reference summary of the same article
 *
 * The body may have one sentence a line (the BBC files) or free paragraphs; either way the
 * lines of a paragraph are joined back into running text so that the sentence splitter, not
 * the file layout, decides where sentences end. Paragraphs are separated by blank lines.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../infra/paths';

/** The BBC News Summary set beside the checkout. */
export const DEFAULT_CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/eval/bbc-news-summary');

export interface CorpusArticle {
  /** `<category>/<file>`, e.g. `business/001.txt`. */
  id: string;
  category: string;
  headline: string;
  /** The body in the plain-text upload format: paragraphs of running text, blank-line separated. */
  text: string;
  /** The reference summary, as written (one sentence a line in the BBC set). */
  reference: string;
}

export interface LoadOptions {
  /** Lower-case the article text (not only the reference): a stress test for the splitter. */
  lowercase?: boolean;
}

/** The folder is missing or not laid out as a corpus. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

/**
 * An article file as the plain-text format: the headline (line 1) dropped — it is never part of
 * a reference summary — and the lines of each paragraph joined with spaces.
 */
export const articleBody = (raw: string): { headline: string; text: string } => {
  const lines = raw
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const headline = (lines[0] ?? '').trim();
  const text = lines
    .slice(1)
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
        .join(' '),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
  return { headline, text };
};

const isDirectory = (p: string) => existsSync(p) && statSync(p).isDirectory();
const sortedEntries = (dir: string) => readdirSync(dir).sort();

/** Every article of the corpus with its reference, by category then file name. */
export const loadCorpus = (dir: string, options: LoadOptions = {}): CorpusArticle[] => {
  const articleRoot = path.join(dir, 'article');
  const summaryRoot = path.join(dir, 'summary');
  if (!isDirectory(articleRoot) || !isDirectory(summaryRoot)) {
    throw new CorpusError(
      `no corpus at ${dir}: expected article/<category>/*.txt and summary/<category>/*.txt`,
    );
  }
  const articles: CorpusArticle[] = [];
  for (const category of sortedEntries(articleRoot)) {
    if (!isDirectory(path.join(articleRoot, category))) continue;
    for (const file of sortedEntries(path.join(articleRoot, category))) {
      if (!file.endsWith('.txt')) continue;
      const id = `${category}/${file}`;
      const summaryFile = path.join(summaryRoot, category, file);
      if (!existsSync(summaryFile)) throw new CorpusError(`${id} has no reference summary at ${summaryFile}`);
      const raw = readFileSync(path.join(articleRoot, category, file), 'utf8');
      const { headline, text } = articleBody(options.lowercase ? raw.toLowerCase() : raw);
      if (text.length === 0) throw new CorpusError(`${id} has a headline but no body`);
      articles.push({ id, category, headline, text, reference: readFileSync(summaryFile, 'utf8').trim() });
    }
  }
  if (articles.length === 0) throw new CorpusError(`no articles under ${articleRoot}/<category>/`);
  return articles;
};
