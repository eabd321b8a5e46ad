/**
 * Story grouping on real news: `npm run eval:stories -- [docs.jsonl] [--shuffles N] [--pipeline] [--json]`.
 *
 * Reads the ECB+ layout of ../shared/eval/stories/ecbplus/docs.jsonl (one text a line: `doc_name`,
 * `topic`, `story_id` the gold story, `text`). Every text goes through the product's own path, as
 * ingest takes a `.txt` upload: analyseDocument, the content hash, articleForStory and the story
 * use case (createAssignStory) against the story index port, here in memory. The texts carry no
 * dates, so every one is placed by its ingest day: grouping is by content alone.
 *
 * Prints B-cubed and pairwise precision, recall and F1 in file order, the mean and worst over
 * `--shuffles` seeded orders (default 5: single-pass grouping depends on order), and beside them
 * one story per topic and one per text, on the same texts.
 *
 * `--pipeline`: the same texts through the real pipeline instead: written as `.txt` files into a
 * temporary folder, `npm start -- <folder> --json` (DynamoDB Local, s3rver, the real handlers),
 * and the same scores from the `storyId` its report gives each article.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseDocument } from '../../functions/domain/analyse-article';
import { articleForStory, type ArticleForStory } from '../../functions/domain/stories/story-grouping';
import { contentHashOf } from '../../functions/ingest/ingest-article';
import { createAssignStory } from '../../functions/ingest/assign-story';
import { REPO_ROOT } from '../../infra/paths';
import { seededRandom, shuffled } from '../../infra/training/seeded';
import { InMemoryStoryIndex } from '../support/in-memory/in-memory-story-index';
import { scoreClustering, type ClusterScores } from './scoring/clustering';

export const DEFAULT_FILE = resolve(REPO_ROOT, '../shared/eval/stories/ecbplus/docs.jsonl');
/** The day every undated text is ingested on. */
const INGEST_DAY = '2026-01-15T09:00:00.000Z';

export interface StoryDoc {
  doc_name: string;
  topic: number | string;
  story_id: string;
  text: string;
}

export const readStoryDocs = (file: string): StoryDoc[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as StoryDoc);

/** The article each text is, as ingest makes it of a `.txt` upload (its first entry). */
export const storyArticlesOf = (docs: readonly StoryDoc[]): ArticleForStory[] =>
  docs.map((doc) => {
    const [article] = analyseDocument(doc.text, { fileName: `${doc.doc_name}.txt` });
    if (!article) throw new Error(`${doc.doc_name}: no article`);
    return articleForStory(article, {
      articleId: `articles/ecbplus/${doc.doc_name}.txt`,
      contentHash: contentHashOf(article),
      ingestedAt: INGEST_DAY,
    });
  });

/** Story ids, one per article in the order given, from one run of the story use case. */
export const groupArticles = async (articles: readonly ArticleForStory[], order: readonly number[]) => {
  const index = new InMemoryStoryIndex();
  const assign = createAssignStory(index);
  const stories: string[] = new Array<string>(articles.length);
  const roles: string[] = new Array<string>(articles.length);
  for (const i of order) {
    const assignment = await assign(articles[i]!);
    stories[i] = assignment.storyId;
    roles[i] = assignment.role;
  }
  return { stories, roles, counts: index.counts };
};

/** Word 5-grams of a text, lower case: ECB+ texts come tokenised, so words are what spaces part. */
const shinglesOf = (text: string) => {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const shingles = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i += 1) shingles.add(words.slice(i, i + 5).join(' '));
  return shingles;
};

/** Resemblance (Jaccard) and containment (the share of the smaller set in the other). */
const overlap = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  let both = 0;
  for (const shingle of a) if (b.has(shingle)) both += 1;
  const either = a.size + b.size - both;
  const smaller = Math.min(a.size, b.size);
  return { resemblance: either === 0 ? 0 : both / either, containment: smaller === 0 ? 0 : both / smaller };
};

/** Pairs of texts sharing over half the 5-grams of the shorter, with their exact resemblance. */
export const overlappingPairs = (docs: readonly StoryDoc[]): [number, number, number][] => {
  const shingles = docs.map((doc) => shinglesOf(doc.text));
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < docs.length; i += 1) {
    for (let j = i + 1; j < docs.length; j += 1) {
      const { resemblance, containment } = overlap(shingles[i]!, shingles[j]!);
      if (containment > 0.5) pairs.push([i, j, resemblance]);
    }
  }
  return pairs;
};

/**
 * Of the near-copies (resemblance ≥ 0.9) and of the pairs sharing over half the shorter text's
 * 5-grams: how many share a story, and how many are told as a copy.
 */
export interface CopyScores {
  nearCopies: { pairs: number; sameStory: number; markedCopy: number };
  overHalf: { pairs: number; sameStory: number };
}

export const scoreCopies = (
  docs: readonly StoryDoc[],
  stories: readonly (string | undefined)[],
  roles: readonly (string | undefined)[],
): CopyScores => {
  const pairs = overlappingPairs(docs);
  const near = pairs.filter(([, , value]) => value >= 0.9);
  const same = ([i, j]: [number, number, number]) => stories[i] !== undefined && stories[i] === stories[j];
  return {
    nearCopies: {
      pairs: near.length,
      sameStory: near.filter(same).length,
      markedCopy: near.filter(
        (pair) => same(pair) && (roles[pair[0]] === 'copy' || roles[pair[1]] === 'copy'),
      ).length,
    },
    overHalf: { pairs: pairs.length, sameStory: pairs.filter(same).length },
  };
};

const copiesLine = (copies: CopyScores) =>
  `near-copies (5-gram resemblance ≥ 0.9): ${copies.nearCopies.pairs} pairs, ${copies.nearCopies.sameStory} in one story, ${copies.nearCopies.markedCopy} told as a copy; sharing over half the shorter's 5-grams: ${copies.overHalf.pairs} pairs, ${copies.overHalf.sameStory} in one story`;

/** The two groupings the product is measured beside: one story per topic, and one per text. */
const peersOf = (docs: readonly StoryDoc[]) => {
  const gold = docs.map((doc) => doc.story_id);
  return {
    onePerTopic: scoreClustering(
      gold,
      docs.map((doc) => String(doc.topic)),
    ),
    singletons: scoreClustering(
      gold,
      docs.map((doc) => doc.doc_name),
    ),
  };
};

export interface StoriesReport {
  file: string;
  texts: number;
  goldStories: number;
  fileOrder: ClusterScores;
  shuffles: { runs: number; meanBcubedF1: number; worstBcubedF1: number };
  onePerTopic: ClusterScores;
  singletons: ClusterScores;
  copies: CopyScores;
  /** Index reads and writes per text, as billed items (file order). */
  perText: { keyReads: number; stateReads: number; writes: number };
}

export const evaluateStories = async (docs: readonly StoryDoc[], shuffles = 5): Promise<StoriesReport> => {
  const articles = storyArticlesOf(docs);
  const gold = docs.map((doc) => doc.story_id);
  const inOrder = docs.map((_, i) => i);
  const run = await groupArticles(articles, inOrder);
  const shuffledF1: number[] = [];
  for (let seed = 1; seed <= shuffles; seed += 1) {
    const { stories } = await groupArticles(articles, shuffled(inOrder, seededRandom(seed)));
    shuffledF1.push(scoreClustering(gold, stories).bcubed.f1);
  }
  const n = docs.length || 1;
  return {
    file: DEFAULT_FILE,
    texts: docs.length,
    goldStories: new Set(gold).size,
    fileOrder: scoreClustering(gold, run.stories),
    shuffles: {
      runs: shuffles,
      meanBcubedF1: shuffledF1.reduce((a, b) => a + b, 0) / (shuffledF1.length || 1),
      worstBcubedF1: Math.min(...shuffledF1),
    },
    ...peersOf(docs),
    copies: scoreCopies(docs, run.stories, run.roles),
    perText: {
      keyReads: run.counts.keyReads / n,
      stateReads: run.counts.stateReads / n,
      writes: (run.counts.slotWrites + run.counts.stateWrites) / n,
    },
  };
};

export interface PipelineStoriesReport {
  file: string;
  texts: number;
  goldStories: number;
  pipeline: ClusterScores;
  copies: CopyScores;
  onePerTopic: ClusterScores;
  singletons: ClusterScores;
  wallSeconds: number;
}

/** The upload's file name of a text: its ECB+ document name, made safe for a key. */
const fileNameOf = (doc: StoryDoc) => `${doc.doc_name.replace(/[^\w.-]/g, '_')}.txt`;

/** Runs `npm start` on the texts written as files and scores the stories its report gives. */
export const evaluateThroughPipeline = (docs: readonly StoryDoc[], file: string): PipelineStoriesReport => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-ecbplus-'));
  try {
    for (const doc of docs) writeFileSync(join(dir, fileNameOf(doc)), doc.text);
    const started = performance.now();
    const run = spawnSync('npm', ['start', '--silent', '--', dir, '--json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`npm start exited ${run.status}: ${run.stderr.slice(-2000)}`);
    const report = JSON.parse(run.stdout) as {
      articles: { key: string; storyId?: string; storyRole?: string }[];
    };
    const byFile = new Map(report.articles.map((article) => [article.key.split('/').pop()!, article]));
    const gold = docs.map((doc) => doc.story_id);
    // A text the pipeline did not store (none should be) counts as a story of its own.
    const predicted = docs.map((doc) => byFile.get(fileNameOf(doc))?.storyId ?? `missing:${doc.doc_name}`);
    const roles = docs.map((doc) => byFile.get(fileNameOf(doc))?.storyRole);
    return {
      file,
      texts: docs.length,
      goldStories: new Set(gold).size,
      pipeline: scoreClustering(gold, predicted),
      copies: scoreCopies(docs, predicted, roles),
      ...peersOf(docs),
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export const formatPipelineReport = (report: PipelineStoriesReport) =>
  [
    `${report.texts} texts, ${report.goldStories} gold stories (${report.file}), through npm start in ${report.wallSeconds.toFixed(0)} s`,
    `${''.padEnd(22)} B-cubed P  R      F1      pairwise P R      F1     stories`,
    line('pipeline (npm start)', report.pipeline),
    line('one story per topic', report.onePerTopic),
    line('one story per text', report.singletons),
    copiesLine(report.copies),
    '',
  ].join('\n');

const line = (name: string, scores: ClusterScores) =>
  `${name.padEnd(22)} ${scores.bcubed.precision.toFixed(3)}  ${scores.bcubed.recall.toFixed(3)}  ${scores.bcubed.f1.toFixed(3)}   ${scores.pairwise.precision.toFixed(3)}  ${scores.pairwise.recall.toFixed(3)}  ${scores.pairwise.f1.toFixed(3)}  ${String(scores.groups).padStart(4)}`;

export const formatStoriesReport = (report: StoriesReport) =>
  [
    `${report.texts} texts, ${report.goldStories} gold stories (${report.file})`,
    `${''.padEnd(22)} B-cubed P  R      F1      pairwise P R      F1     stories`,
    line('product (file order)', report.fileOrder),
    line('one story per topic', report.onePerTopic),
    line('one story per text', report.singletons),
    `product over ${report.shuffles.runs} shuffled orders: B-cubed F1 mean ${report.shuffles.meanBcubedF1.toFixed(3)}, worst ${report.shuffles.worstBcubedF1.toFixed(3)}`,
    copiesLine(report.copies),
    `per text: ${report.perText.keyReads.toFixed(1)} key items read, ${report.perText.stateReads.toFixed(1)} story reads, ${report.perText.writes.toFixed(2)} writes`,
    '',
  ].join('\n');

const main = async () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const at = args.indexOf('--shuffles');
  const shuffles = at >= 0 ? Number(args[at + 1]) : 5;
  const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--shuffles') ?? DEFAULT_FILE;
  if (args.includes('--pipeline')) {
    const report = evaluateThroughPipeline(readStoryDocs(file), file);
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatPipelineReport(report));
    return;
  }
  const report = { ...(await evaluateStories(readStoryDocs(file), shuffles)), file };
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatStoriesReport(report));
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
