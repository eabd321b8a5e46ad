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
import { InMemoryStoryIndex } from '../support/in-memory-story-index';
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
  for (const i of order) stories[i] = (await assign(articles[i]!)).storyId;
  return { stories, counts: index.counts };
};

export interface StoriesReport {
  file: string;
  texts: number;
  goldStories: number;
  fileOrder: ClusterScores;
  shuffles: { runs: number; meanBcubedF1: number; worstBcubedF1: number };
  onePerTopic: ClusterScores;
  singletons: ClusterScores;
  /** Index reads and writes per text, as billed items (file order). */
  perText: { slotReads: number; stateReads: number; writes: number };
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
    onePerTopic: scoreClustering(
      gold,
      docs.map((doc) => String(doc.topic)),
    ),
    singletons: scoreClustering(
      gold,
      docs.map((doc) => doc.doc_name),
    ),
    perText: {
      slotReads: run.counts.slotReads / n,
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
    const report = JSON.parse(run.stdout) as { articles: { key: string; storyId?: string }[] };
    const storyOf = new Map(
      report.articles.map((article) => [article.key.split('/').pop()!, article.storyId]),
    );
    const gold = docs.map((doc) => doc.story_id);
    // A text the pipeline did not store (none should be) counts as a story of its own.
    const predicted = docs.map((doc) => storyOf.get(fileNameOf(doc)) ?? `missing:${doc.doc_name}`);
    return {
      file,
      texts: docs.length,
      goldStories: new Set(gold).size,
      pipeline: scoreClustering(gold, predicted),
      onePerTopic: scoreClustering(
        gold,
        docs.map((doc) => String(doc.topic)),
      ),
      singletons: scoreClustering(
        gold,
        docs.map((doc) => doc.doc_name),
      ),
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
    `per text: ${report.perText.slotReads.toFixed(1)} slot reads, ${report.perText.stateReads.toFixed(1)} story reads, ${report.perText.writes.toFixed(2)} writes`,
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
