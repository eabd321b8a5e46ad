/**
 * What many topics cost: topic matching per article against 1, 100 and 1,000 topics (the seed
 * topics, then generated leader-pair topics: test/support/generated-topics.ts), through the topic
 * index (matchTopics) and by the linear scan it replaced (matchTopicsLinearly, the baseline),
 * on the same analysed articles in the same process, rounds alternating so that machine load
 * falls on both alike. Articles are analysed once, outside the clock; topics are compiled (and
 * indexed) outside it too, as the ingest function does once per topic list. CPU time per article.
 *
 *     npx tsx test/bench/topic-scaling.ts [--json]
 *     npm run bench -- --only topics [--json]
 *
 * Corpora: seeds/articles, the BBC evaluation articles and the news-events items (about leader
 * meetings, so that candidates reach the parser) when ../shared has them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/paths';
import { analyseDocument } from '../../functions/domain/analyse-article';
import type { AnalysedArticle } from '../../functions/domain/language/analysis';
import {
  compileTopics,
  matchTopics,
  matchTopicsLinearly,
  type CompiledTopic,
} from '../../functions/domain/topics/match-topics';
import { CorpusError, DEFAULT_CORPUS_DIR, loadCorpus } from '../eval/corpora/bbc-corpus';
import { topicsOfCount } from '../support/generated-topics';

export const TOPIC_COUNTS = [1, 100, 1000] as const;
/** The target: 1,000 topics cost at most this per article. */
export const TARGET_MS_AT_1000 = 2;
/** Each figure is the total of at least this many rounds and this much CPU time. */
const MIN_ROUNDS = 3;
const MIN_CPU_MS = 400;

export interface TopicScalingRow {
  topics: number;
  /** CPU ms per article through the index. */
  indexedMs: number;
  /** CPU ms per article evaluating every topic. */
  linearMs: number;
  /** linearMs / indexedMs. */
  speedup: number;
  /** Matches over the corpus (one pass), the same both ways. */
  matches: number;
}

export interface TopicScalingCorpus {
  corpus: string;
  articles: number;
  /** CPU ms per article of the analysis the matching follows, for scale. */
  analysisMs: number;
  rows: TopicScalingRow[];
  /** This corpus's 1,000-topic indexed figure is within TARGET_MS_AT_1000. */
  withinTarget: boolean;
}

export interface TopicScalingFigures {
  corpora: TopicScalingCorpus[];
  targetMsAt1000: number;
  /** Every corpus's 1,000-topic indexed figure within the target. */
  withinTarget: boolean;
}

const cpuMsOf = (work: () => void) => {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const round3 = (value: number) => Number(value.toFixed(3));

type Match = typeof matchTopics;

const matchAll = (match: Match, articles: readonly AnalysedArticle[], topics: readonly CompiledTopic[]) => {
  let matches = 0;
  for (const article of articles) {
    // As articleTopicMatches calls it on the ingest path.
    matches += match(article.sentences, topics, article.publishedAt, {
      title: article.title,
      headline: article.titleGenerated ? null : article.title,
      shortNames: article.shortItem,
    }).length;
  }
  return matches;
};

type Way = 'indexed' | 'linear';
const WAYS: Record<Way, Match> = { indexed: matchTopics, linear: matchTopicsLinearly };

/**
 * CPU ms per article of each way: passes over the corpus taken in turns (the order swapped each
 * round), each way until it has MIN_ROUNDS passes and MIN_CPU_MS in all; the linear scan of 1,000
 * topics reaches that in its first passes, the index needs more of them.
 */
const timeWays = (articles: readonly AnalysedArticle[], topics: readonly CompiledTopic[]) => {
  const spent: Record<Way, { ms: number; passes: number }> = {
    indexed: { ms: 0, passes: 0 },
    linear: { ms: 0, passes: 0 },
  };
  const done = (way: Way) => spent[way].passes >= MIN_ROUNDS && spent[way].ms >= MIN_CPU_MS;
  for (let round = 0; !done('indexed') || !done('linear'); round += 1) {
    const order: Way[] = round % 2 === 0 ? ['indexed', 'linear'] : ['linear', 'indexed'];
    for (const way of order.filter((w) => !done(w))) {
      spent[way].ms += cpuMsOf(() => matchAll(WAYS[way], articles, topics));
      spent[way].passes += 1;
    }
  }
  const perArticle = (way: Way) => spent[way].ms / (spent[way].passes * articles.length);
  return { indexed: perArticle('indexed'), linear: perArticle('linear') };
};

const measureCorpus = (corpus: string, texts: readonly string[]): TopicScalingCorpus => {
  const analyse = () => texts.flatMap((text) => analyseDocument(text));
  const articles = analyse(); // the JIT's warm-up too
  const analysisMs = cpuMsOf(analyse) / articles.length;
  const rows = TOPIC_COUNTS.map((count): TopicScalingRow => {
    const topics = compileTopics(topicsOfCount(count));
    // One pass each, untimed: the JIT's warm-up, and a check that both ways agree.
    const indexed = matchAll(matchTopics, articles, topics);
    const linear = matchAll(matchTopicsLinearly, articles, topics);
    if (indexed !== linear)
      throw new Error(`${corpus}, ${count} topics: ${indexed} matches indexed, ${linear} linear`);
    const ms = timeWays(articles, topics);
    return {
      topics: count,
      indexedMs: round3(ms.indexed),
      linearMs: round3(ms.linear),
      speedup: Number((ms.linear / ms.indexed).toFixed(1)),
      matches: indexed,
    };
  });
  const withinTarget = rows.every((row) => row.topics !== 1000 || row.indexedMs <= TARGET_MS_AT_1000);
  return { corpus, articles: articles.length, analysisMs: round3(analysisMs), rows, withinTarget };
};

/** news-events items about leader meetings: enough of them for steady figures, fewer for time. */
const NEWS_EVENTS_ITEMS = 100;
const NEWS_EVENTS_FILE = path.resolve(REPO_ROOT, '../shared/eval/news-events/other-pairs.dev.jsonl');

const corpora = (): { name: string; texts: string[] }[] => {
  const seedDir = path.join(REPO_ROOT, 'seeds/articles');
  const list = [
    {
      name: 'seeds/articles',
      texts: readdirSync(seedDir).map((file) => readFileSync(path.join(seedDir, file), 'utf8')),
    },
  ];
  try {
    list.push({
      name: 'BBC News Summary (../shared/eval)',
      texts: loadCorpus(DEFAULT_CORPUS_DIR).map((article) => article.text),
    });
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
  }
  if (existsSync(NEWS_EVENTS_FILE)) {
    const texts = readFileSync(NEWS_EVENTS_FILE, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(0, NEWS_EVENTS_ITEMS)
      .map((line) => {
        const record = JSON.parse(line) as { headline?: string; text?: string };
        return `${record.headline ?? ''}\n\n${record.text ?? ''}`;
      });
    list.push({ name: `news-events (first ${texts.length} of ${path.basename(NEWS_EVENTS_FILE)})`, texts });
  }
  return list;
};

export const measureTopicScaling = (): TopicScalingFigures => {
  const measured = corpora().map(({ name, texts }) => measureCorpus(name, texts));
  return {
    corpora: measured,
    targetMsAt1000: TARGET_MS_AT_1000,
    withinTarget: measured.every((c) => c.withinTarget),
  };
};

export const topicScalingLines = (figures: TopicScalingFigures): string[] => [
  `topic matching per article (CPU ms; seed topics + generated leader pairs; index vs linear scan, same run; target at 1,000 topics <= ${figures.targetMsAt1000} ms):`,
  ...figures.corpora.flatMap((c) => [
    `  ${c.corpus}: ${c.articles} articles, analysis ${c.analysisMs} ms an article; 1,000 topics ${c.withinTarget ? 'within' : 'OVER'} target`,
    ...c.rows.map(
      (row) =>
        `    ${String(row.topics).padStart(5)} topics   indexed ${row.indexedMs.toFixed(3).padStart(7)} ms   linear ${row.linearMs.toFixed(3).padStart(8)} ms   ${String(row.speedup).padStart(6)}x   ${row.matches} matches`,
    ),
  ]),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = measureTopicScaling();
  if (process.argv.includes('--json')) console.log(JSON.stringify({ topics: figures }));
  else for (const line of topicScalingLines(figures)) console.log(line);
}
