/**
 * Summary quality on the BBC News Summary set, by hand (not a test):
 *
 *     npx tsx test/unit/domain/bench/summary-rouge.ts
 *
 * ROUGE-1/2/L F1 of the summariser against Lead-N (the first N sentences, the usual strong
 * baseline for news) with the same N, at N = 3 and at N = the reference's length. The references
 * are extractive, so the share of chosen sentences found verbatim in them is reported too, with
 * the summaries' mean length in words (ROUGE rewards longer picks).
 */
import { analyseArticle } from '../../../../functions/domain/analyse-article';
import { loadBbcArticles } from './bbc-corpus';

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const ngrams = (tokens: string[], n: number) => {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
};

const f1 = (overlap: number, candidate: number, reference: number) => {
  if (overlap === 0 || candidate === 0 || reference === 0) return 0;
  const p = overlap / candidate;
  const r = overlap / reference;
  return (2 * p * r) / (p + r);
};

const rougeN = (candidate: string[], reference: string[], n: number) => {
  const c = ngrams(candidate, n);
  const r = ngrams(reference, n);
  let overlap = 0;
  for (const [gram, count] of c) overlap += Math.min(count, r.get(gram) ?? 0);
  return f1(overlap, Math.max(candidate.length - n + 1, 0), Math.max(reference.length - n + 1, 0));
};

const rougeL = (candidate: string[], reference: string[]) => {
  let previous = new Array<number>(reference.length + 1).fill(0);
  for (const word of candidate) {
    const row = new Array<number>(reference.length + 1).fill(0);
    for (let j = 1; j <= reference.length; j += 1) {
      row[j] =
        word === reference[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, row[j - 1] ?? 0);
    }
    previous = row;
  }
  return f1(previous[reference.length] ?? 0, candidate.length, reference.length);
};

interface Scores {
  r1: number;
  r2: number;
  rl: number;
  /** Share of the picked sentences that are in the reference summary. */
  precision: number;
  words: number;
}

const score = (candidate: string[], reference: string[]): Scores => {
  const c = words(candidate.join(' '));
  const r = words(reference.join(' '));
  const verbatim = new Set(reference);
  const found = candidate.filter((sentence) => verbatim.has(sentence)).length;
  return {
    r1: rougeN(c, r, 1),
    r2: rougeN(c, r, 2),
    rl: rougeL(c, r),
    precision: candidate.length > 0 ? found / candidate.length : 0,
    words: c.length,
  };
};

const mean = (all: Scores[]): Scores => {
  const avg = (pick: (s: Scores) => number) => all.reduce((sum, s) => sum + pick(s), 0) / all.length;
  return {
    r1: avg((s) => s.r1),
    r2: avg((s) => s.r2),
    rl: avg((s) => s.rl),
    precision: avg((s) => s.precision),
    words: avg((s) => s.words),
  };
};

const pct = (x: number) => (x * 100).toFixed(1);
const show = (label: string, s: Scores) =>
  console.log(
    `${label.padEnd(18)} R-1 ${pct(s.r1)}  R-2 ${pct(s.r2)}  R-L ${pct(s.rl)}  in reference ${pct(s.precision)}%  ${s.words.toFixed(0)} words`,
  );

const articles = loadBbcArticles();
for (const mode of ['3', 'reference length'] as const) {
  const ours: Scores[] = [];
  const lead: Scores[] = [];
  for (const article of articles) {
    const n = mode === '3' ? 3 : article.summary.length;
    const analysed = analyseArticle(article.text, { summarySentences: n });
    const body = analysed.sentences.filter((s) => s.role === 'body').map((s) => s.text);
    ours.push(score(analysed.summary, article.summary));
    lead.push(score(body.slice(0, n), article.summary));
  }
  console.log(`N = ${mode}, ${articles.length} articles`);
  show('  Lead-N', mean(lead));
  show('  analyseArticle', mean(ours));
}
