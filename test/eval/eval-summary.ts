/**
 * Summary quality against reference summaries, the summariser beside Lead-3 on the same run:
 *
 *     npm run eval:summary                                   # ../shared/eval/bbc-news-summary
 *     npm run eval:summary -- <dir> [--json] [--lowercase]
 *
 * For each article (see bbc-corpus.ts: headline dropped, lines joined back into paragraphs):
 * - Lead-3 is the first three sentences of the body as the pipeline's own splitter cuts them;
 * - the summariser (summaryFor with a word budget) gets no more words than Lead-3 used for that
 *   article, so that ROUGE's taste for length favours neither (see summariesOf).
 * ROUGE-1/2/L F1 (rouge.ts) are averaged over articles, overall and per category, with the mean
 * summary length in words. `--json` prints one JSON document, F1 as fractions 0..1;
 * `--lowercase` lower-cases the articles first (a robustness check of splitting and scoring).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyseArticle } from '../../functions/domain/analyse-article';
import { summaryFor } from '../../functions/domain/language/summary/summarise';
import { tokenise } from '../../functions/domain/language/tokenise';
import { countWordTokens } from '../../functions/domain/language/word-count';
import { CorpusError, DEFAULT_CORPUS_DIR, loadCorpus, type CorpusArticle } from './corpora/bbc-corpus';
import { rouge, rougeTokens, type RougeScores } from './scoring/rouge';

export const LEAD_SENTENCES = 3;

export interface SystemScores extends RougeScores {
  /** Mean summary length in words (ROUGE tokens). */
  words: number;
}

export interface GroupScores {
  articles: number;
  summariser: SystemScores;
  lead3: SystemScores;
}

export interface SummaryEvaluation extends GroupScores {
  categories: Record<string, GroupScores>;
}

interface ArticleScores {
  category: string;
  summariser: SystemScores;
  lead3: SystemScores;
}

/**
 * Lead-3 and the summariser's summary on the same budget. The summariser's word budget is
 * Lead-3's length in the pipeline's own words (summarise.ts counts word and number tokens), then
 * tightened one word at a time while its summary still has more ROUGE tokens than Lead-3's: the
 * two units differ ("3.5%", "AOL's", "464,000" and "U.S." are one word there, two ROUGE tokens),
 * and the budget must hold in the unit ROUGE rewards (12 of the 100 BBC articles need it).
 */
export const summariesOf = (text: string): { summariser: string[]; lead3: string[] } => {
  const analysed = analyseArticle(text);
  const lead = analysed.sentences.slice(0, LEAD_SENTENCES);
  const lead3 = lead.map((s) => s.text);
  const rankedWords = new Map(analysed.summaryRanking.map((r) => [r.index, r.words]));
  // A lead sentence is missing from the ranking only when it is no body sentence or ranks below
  // MAX_RANKED; its words are then counted from its own tokens.
  let budget = lead.reduce(
    (sum, s) => sum + (rankedWords.get(s.index) ?? countWordTokens(tokenise(s.text).tokens)),
    0,
  );
  const leadLength = rougeTokens(lead3.join(' ')).length;
  let summariser = summaryFor(analysed, { words: budget });
  while (budget > 0 && rougeTokens(summariser.join(' ')).length > leadLength) {
    budget -= 1;
    summariser = summaryFor(analysed, { words: budget });
  }
  return { summariser, lead3 };
};

const systemScores = (summary: readonly string[], reference: string): SystemScores => {
  const text = summary.join(' ');
  return { ...rouge(text, reference), words: rougeTokens(text).length };
};

export const scoreArticle = (article: CorpusArticle): ArticleScores => {
  const { summariser, lead3 } = summariesOf(article.text);
  return {
    category: article.category,
    summariser: systemScores(summariser, article.reference),
    lead3: systemScores(lead3, article.reference),
  };
};

const mean = (all: readonly SystemScores[]): SystemScores => {
  const avg = (pick: (s: SystemScores) => number) =>
    all.length === 0 ? 0 : all.reduce((sum, s) => sum + pick(s), 0) / all.length;
  return {
    rouge1: avg((s) => s.rouge1),
    rouge2: avg((s) => s.rouge2),
    rougeL: avg((s) => s.rougeL),
    words: avg((s) => s.words),
  };
};

const group = (scores: readonly ArticleScores[]): GroupScores => ({
  articles: scores.length,
  summariser: mean(scores.map((s) => s.summariser)),
  lead3: mean(scores.map((s) => s.lead3)),
});

/** Scores every article of the corpus at `dir`. @throws CorpusError when it is not a corpus. */
export const evaluateSummaries = (dir: string, options: { lowercase?: boolean } = {}): SummaryEvaluation => {
  const scores = loadCorpus(dir, options).map((article) => {
    try {
      return scoreArticle(article);
    } catch (error) {
      throw new Error(`${article.id}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  });
  const categories: Record<string, GroupScores> = {};
  for (const category of [...new Set(scores.map((s) => s.category))]) {
    categories[category] = group(scores.filter((s) => s.category === category));
  }
  return { ...group(scores), categories };
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const rounded = (s: SystemScores): SystemScores => ({
  rouge1: round(s.rouge1, 4),
  rouge2: round(s.rouge2, 4),
  rougeL: round(s.rougeL, 4),
  words: round(s.words, 1),
});
const roundedGroup = (g: GroupScores): GroupScores => ({
  articles: g.articles,
  summariser: rounded(g.summariser),
  lead3: rounded(g.lead3),
});

/** The JSON document: F1 as fractions to 4 places, words to 1. */
export const toJson = (evaluation: SummaryEvaluation): SummaryEvaluation => ({
  ...roundedGroup(evaluation),
  categories: Object.fromEntries(
    Object.entries(evaluation.categories).map(([name, g]) => [name, roundedGroup(g)]),
  ),
});

const pct = (x: number) => (x * 100).toFixed(2).padStart(6);
const cells = (s: SystemScores) =>
  `${pct(s.rouge1)} ${pct(s.rouge2)} ${pct(s.rougeL)} ${s.words.toFixed(1).padStart(6)}`;
const row = (label: string, g: GroupScores) =>
  `  ${label.padEnd(14)}${String(g.articles).padStart(8)}   ${cells(g.summariser)}   ${cells(g.lead3)}`;

export const formatReport = (dir: string, evaluation: SummaryEvaluation, lowercase: boolean): string[] => [
  `ROUGE F1 % on ${dir}${lowercase ? ' (articles lower-cased)' : ''}: ${evaluation.articles} articles scored;`,
  `  the summariser gets no more words per article than Lead-3 (first ${LEAD_SENTENCES} sentences) used`,
  `                          ---------- summariser ---------   ------------ Lead-3 -----------`,
  `  scope         articles      R-1    R-2    R-L  words      R-1    R-2    R-L  words`,
  row('all', evaluation),
  ...Object.entries(evaluation.categories).map(([name, g]) => row(name, g)),
];

const USAGE = 'usage: npm run eval:summary -- [<dir>] [--json] [--lowercase]';

/** The command line; returns the exit code (2 for a usage or corpus error). */
export const main = (argv: readonly string[]): number => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, lowercase: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`eval:summary: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.positionals.length > 1) {
    console.error(`eval:summary: one corpus folder at most\n${USAGE}`);
    return 2;
  }
  const dir = path.resolve(parsed.positionals[0] ?? DEFAULT_CORPUS_DIR);
  const lowercase = parsed.values.lowercase === true;
  let evaluation: SummaryEvaluation;
  try {
    evaluation = evaluateSummaries(dir, { lowercase });
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    console.error(`eval:summary: ${error.message}`);
    return 2;
  }
  if (parsed.values.json) console.log(JSON.stringify(toJson(evaluation)));
  else for (const line of formatReport(dir, evaluation, lowercase)) console.log(line);
  return 0;
};

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  process.exitCode = main(process.argv.slice(2));
}
