/**
 * Performance, size and cost figures, measured (never asserted in tests):
 *
 *     npm run bench                      # human-readable
 *     npm run bench -- --json            # one JSON document
 *     npm run bench -- --sizes 100,1000  # pipeline runs of these sizes (default 1000)
 *     npm run bench -- --only bundles    # bundle bytes and init alone (no analysis, Java or pipeline)
 *     npm run bench -- --only topics     # topic matching per article at 1, 100, 1,000 topics alone
 *     npm run bench -- --only analysis   # the analysis section alone (no bundles, Java or pipeline)
 *     npm run bench -- --only reprocess  # local reprocess of 1,000 and 5,000 articles (--sizes a,b)
 *
 * - bundles: each function bundled with esbuild as the CDK bundles it (ESM, minified, same target,
 *   main fields, banner and linked source map); bytes, and module initialisation: the median of
 *   cold `node` processes importing the bundle minus the median of bare `node` starts, taken in
 *   turns so that a busy machine slows all alike. `initMs` is the figure the targets use;
 *   `initWithSourceMapsMs` adds the `--enable-source-maps` the functions run with (Node then
 *   reads the bundle's source map at load).
 * - analysis: the whole article analysis (parse, split, roles, summary, entities) on one core,
 *   over the BBC evaluation articles when ../shared is present, else over seeds/articles (see
 *   test/eval/bbc-corpus.ts: headline dropped, lines joined back into paragraphs); beside
 *   wink-nlp's tokeniser alone on the same text, the practical ceiling, and a peer: the `textrank`
 *   package (TextRank sentence extraction, its own regex splitter) summarising the same articles
 *   to three sentences. Rates are per second of wall-clock time; `cpuArticlesPerSecond` is per
 *   second of this process's CPU time, steadier on a shared machine.
 * - invocations (needs Java, like `npm start`): each bundle in its own `node` process against the
 *   local stack, invoked on the seed article with the event AWS sends (test/bench/invocations.ts):
 *   `firstInvocationMs`, `warmInvocationMs`, and the bytes it logs per call at INFO.
 * - local: the real handlers over 1,000 articles through the local pipeline (runLocalPipeline:
 *   upload, ingest, stream, alert); then the table's items and stream, for item sizes, writes and
 *   write units per article, and the alerts published.
 * - cost: test/bench/cost-model.ts on those figures, in dollars per million articles.
 * - topics: matching per article against 1, 100 and 1,000 topics, indexed and by the linear scan
 *   (test/bench/topic-scaling.ts).
 */
import { functionBundleOptions } from './bundle-options';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { ALERT_BATCHING_WINDOW_SECONDS } from '../../infra/cdk/constructs/compute/alert-function';
import {
  DEFAULT_LOG_LEVEL,
  DEFAULT_LOG_SAMPLE_RATE,
  ESBUILD_TARGET,
  ESM_REQUIRE_BANNER,
} from '../../infra/cdk/constructs/compute/newswatch-function';
import { DEFAULT_TRACE_SAMPLE_RATE } from '../../infra/cdk/constructs/monitoring/trace-sampling';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/paths';
import { analyseArticle } from '../../functions/domain/analyse-article';
import { tokenise } from '../../functions/domain/language/tokenise';
import { GSI1, GSI1_PROJECTED_ATTRIBUTES } from '../../functions/contracts/table-schema';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { loadHandlers, runLocalPipeline, type PipelineReport } from '../../infra/local/pipeline';
import { StreamReader } from '../../infra/local/emulators/stream-reader';
import { ALERT_STREAM_FILTER, matchesFilterPattern } from '../../infra/local/invocation/event-filter';
import { CorpusError, DEFAULT_CORPUS_DIR, loadCorpus as loadEvalCorpus } from '../eval/corpora/bbc-corpus';
import {
  PRICES,
  changeWriteUnits,
  estimateCost,
  itemBytes,
  round,
  writeUnits,
  type CostEstimate,
  type DynamoValue,
} from './cost-model';
import { MAX_CANDIDATES, searchMonths } from '../../functions/domain/stories/story-grouping';
import { SEARCH_KEYS } from '../../functions/domain/stories/story-profile';
import {
  FUNCTION_MEMORY_MB,
  measureInvocations,
  recommendedMemoryMb,
  type InvocationFigures,
} from './invocations';
import { measureInputScaling, scalingLines } from './input-scaling';
import { startReadMeter } from './read-meter';
import { measureTopicScaling, topicScalingLines } from './topic-scaling';
import { measureReprocessScaling, reprocessLines, reprocessSizes } from './reprocess-scaling';

interface TextRankSettings {
  extractAmount?: number;
  summaryType?: 'array';
}
type TextRankConstructor = new (
  article: string,
  settings?: TextRankSettings,
) => { summarizedArticle: unknown };
// CommonJS without types; its package.json names a missing main file, so the file is named here
// (requiring the bare name works too, with a deprecation warning on stderr).
const { TextRank } = createRequire(import.meta.url)('textrank/index.js') as { TextRank: TextRankConstructor };

const json = process.argv.includes('--json');
/** `--only bundles | topics | analysis`: bundle bytes and module init, topic scaling, or the analysis alone. */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (
  only !== undefined &&
  only !== 'bundles' &&
  only !== 'topics' &&
  only !== 'analysis' &&
  only !== 'reprocess'
) {
  console.error(`bench: --only wants bundles, topics, analysis or reprocess, got "${only}"`);
  process.exit(2);
}
const bundlesOnly = only === 'bundles';
const analysisOnly = only === 'analysis';
const say = (line: string) => {
  if (!json) console.log(line);
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const COLD_STARTS = 20;
const FUNCTION_ENV = {
  TABLE_NAME: 'bench',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

const nodeStartMs = (script: string, nodeOptions = '') => {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...FUNCTION_ENV, NODE_OPTIONS: nodeOptions },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`node failed: ${result.stderr.toString()}`);
  return performance.now() - start;
};

interface BundleFigures {
  bytes: number;
  initMs: number;
  initWithSourceMapsMs: number;
  firstInvocationMs?: number;
  warmInvocationMs?: number;
  steadyInvocationMs?: number;
}

/** Bundles every function into `dir` as the CDK bundles it; returns name → outfile. */
const buildBundles = async (dir: string) => {
  const outfiles: Record<string, string> = {};
  for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) {
    const outfile = path.join(dir, name, 'index.mjs');
    await build(
      functionBundleOptions({
        entry,
        outfile,
        root: REPO_ROOT,
        target: ESBUILD_TARGET,
        banner: ESM_REQUIRE_BANNER,
      }),
    );
    outfiles[name] = outfile;
  }
  return outfiles;
};

const measureBundles = (outfiles: Record<string, string>) => {
  const bare: number[] = [];
  const starts: Record<string, { plain: number[]; sourceMaps: number[] }> = {};
  for (const name of Object.keys(outfiles)) starts[name] = { plain: [], sourceMaps: [] };
  for (let round = 0; round < COLD_STARTS; round += 1) {
    bare.push(nodeStartMs(''));
    for (const [name, outfile] of Object.entries(outfiles)) {
      const script = `await import(${JSON.stringify(outfile)});`;
      starts[name]?.plain.push(nodeStartMs(script));
      starts[name]?.sourceMaps.push(nodeStartMs(script, '--enable-source-maps'));
    }
  }
  const bareMs = median(bare);
  const bundles: Record<string, BundleFigures> = {};
  for (const [name, outfile] of Object.entries(outfiles)) {
    bundles[name] = {
      bytes: statSync(outfile).size,
      initMs: Math.max(0, Math.round(median(starts[name]?.plain ?? []) - bareMs)),
      initWithSourceMapsMs: Math.max(0, Math.round(median(starts[name]?.sourceMaps ?? []) - bareMs)),
    };
  }
  return bundles;
};

/** Articles in the upload format: the BBC evaluation set when present, else the seed articles. */
const loadCorpus = (): { name: string; texts: string[] } => {
  try {
    return {
      name: 'BBC News Summary (../shared/eval)',
      texts: loadEvalCorpus(DEFAULT_CORPUS_DIR).map((article) => article.text),
    };
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    const dir = path.join(REPO_ROOT, 'seeds/articles');
    return {
      name: 'seeds/articles',
      texts: readdirSync(dir).map((file) => readFileSync(path.join(dir, file), 'utf8')),
    };
  }
};

/** Wall-clock and CPU milliseconds of `work`. */
const timed = (work: () => void) => {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  work();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
};

const ANALYSES = 2000;
// TextRank compares every pair of sentences and runs at about a tenth of our rate: fewer rounds.
const PEER_ANALYSES = 500;

const measureAnalysis = () => {
  const corpus = loadCorpus();
  const n = corpus.texts.length;
  const bytes = corpus.texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const firstPass = timed(() => {
    for (const text of corpus.texts) analyseArticle(text); // also warms the JIT
  });
  const rounds = Math.max(1, Math.ceil(ANALYSES / n));
  const perArticle: number[] = [];
  const run = timed(() => {
    for (let round = 0; round < rounds; round += 1) {
      for (const text of corpus.texts) {
        const t0 = performance.now();
        analyseArticle(text);
        perArticle.push(performance.now() - t0);
      }
    }
  });
  const ceiling = timed(() => {
    for (let round = 0; round < rounds; round += 1) {
      for (const text of corpus.texts) for (const paragraph of text.split('\n\n')) tokenise(paragraph);
    }
  });

  // The peer reads one running string (its splitter wants a space after a full stop, not a newline).
  const peerTexts = corpus.texts.map((text) => text.replace(/\s+/g, ' ').trim());
  const summariseWithPeer = (text: string) => new TextRank(text, { extractAmount: 3, summaryType: 'array' });
  for (const text of peerTexts) summariseWithPeer(text);
  const peerRounds = Math.max(1, Math.ceil(PEER_ANALYSES / n));
  const peer = timed(() => {
    for (let round = 0; round < peerRounds; round += 1) for (const text of peerTexts) summariseWithPeer(text);
  });

  const mb = (bytes * rounds) / 1e6;
  const analyses = rounds * n;
  return {
    corpus: corpus.name,
    articles: n,
    articlesPerSecond: Math.round(analyses / (run.wallMs / 1000)),
    cpuArticlesPerSecond: Math.round(analyses / (run.cpuMs / 1000)),
    mbPerSecond: Number((mb / (run.wallMs / 1000)).toFixed(2)),
    p50Ms: Number(percentile(perArticle, 50).toFixed(3)),
    p95Ms: Number(percentile(perArticle, 95).toFixed(3)),
    firstPassMs: Math.round(firstPass.wallMs),
    ceilingArticlesPerSecond: Math.round(analyses / (ceiling.wallMs / 1000)),
    ceilingCpuArticlesPerSecond: Math.round(analyses / (ceiling.cpuMs / 1000)),
    ceilingMbPerSecond: Number((mb / (ceiling.wallMs / 1000)).toFixed(2)),
    peer: {
      name: 'textrank',
      articlesPerSecond: Math.round((peerRounds * n) / (peer.wallMs / 1000)),
      cpuArticlesPerSecond: Math.round((peerRounds * n) / (peer.cpuMs / 1000)),
    },
  };
};

// ---------------------------------------------------------------------------------------------
// The local pipeline under load, and what it leaves in the table.

/** `--sizes 100,1000` (or `--sizes=…`): pipeline runs of these many articles; the last one counts. */
const parseSizes = (): number[] => {
  const at = process.argv.findIndex((arg) => arg === '--sizes' || arg.startsWith('--sizes='));
  if (at < 0) return [DEFAULT_LOAD_ARTICLES];
  const arg = process.argv[at] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (process.argv[at + 1] ?? '');
  const sizes = value.split(',').map((entry) => Number(entry.trim()));
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    console.error(`bench: --sizes wants positive whole numbers separated by commas, got "${value}"`);
    process.exit(2);
  }
  return sizes;
};

const DEFAULT_LOAD_ARTICLES = 1000;

/**
 * `count` articles in the upload format: the seed articles (some of them alert) followed by BBC
 * evaluation articles picked evenly across categories when ../shared is present; cycled when there
 * are fewer texts than articles (each gets its own key, so each is its own article).
 */
const loadArticles = (count: number) => {
  const seedDir = path.join(REPO_ROOT, 'seeds/articles');
  const seeds = readdirSync(seedDir)
    .filter((file) => !file.startsWith('.'))
    .sort()
    .map((file) => readFileSync(path.join(seedDir, file), 'utf8'));
  let bbc: string[] = [];
  try {
    bbc = loadEvalCorpus(DEFAULT_CORPUS_DIR).map((article) => article.text);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
  }
  const wanted = Math.max(0, count - seeds.length);
  const picked = Array.from({ length: Math.min(wanted, bbc.length) }, (_, i) =>
    String(bbc[Math.floor((i * bbc.length) / Math.min(wanted, bbc.length))]),
  );
  const texts = [...seeds, ...picked];
  const source =
    picked.length > 0
      ? `${seeds.length} seeds/articles + ${picked.length} BBC News Summary (../shared/eval)`
      : `${seeds.length} seeds/articles`;
  return {
    corpus: texts.length < count ? `${source}, cycled under distinct keys` : source,
    texts: Array.from({ length: count }, (_, i) => texts[i % texts.length] ?? ''),
  };
};

/** Every item of the table in DynamoDB JSON (item sizes are computed on that form). */
const scanRaw = async (stack: LocalStack) => {
  const items: Record<string, DynamoValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await stack.clients.dynamodb.send(
      new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) items.push(item as Record<string, DynamoValue>);
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
};

interface ItemFigures {
  /** Items of the type in the table at the end. */
  count: number;
  averageBytes: number;
  /** Successful writes (stream records) per article, failed conditional writes apart. */
  writesPerArticle: number;
  failedConditionalWritesPerArticle: number;
  /** Table + gsi1 write units per article. */
  writeUnitsPerArticle: number;
}

interface LocalRun {
  articles: number;
  seconds: number;
  articlesPerSecond: number;
}

const measureLocalPipeline = async (stack: LocalStack, sizes: number[]) => {
  const { corpus, texts } = loadArticles(Math.max(...sizes));
  const runs: LocalRun[] = [];
  let report: PipelineReport | undefined;
  const warnings: string[] = [];
  // Imported before the clock starts: module load (tsx transpiling, the NLP model) is the cold
  // start measured above, not throughput.
  await loadHandlers(stack);
  let reads: Record<string, number> = {};
  for (const size of sizes) {
    const objects = texts.slice(0, size).map((body, i) => ({
      key: `${stack.articlesPrefix}load/${String(i).padStart(5, '0')}.txt`,
      body,
      contentType: 'text/plain; charset=utf-8',
    }));
    const start = performance.now();
    const meter = startReadMeter();
    report = await runLocalPipeline({
      inputDir: REPO_ROOT,
      files: [],
      objects,
      stack,
      alertsFile: null,
      // The handlers log at the stack's WARN level here; their lines would bury the bench's.
      handlerOutput: () => undefined,
      logger: { info: () => undefined, warn: (line) => warnings.push(line) },
    }).finally(() => meter.stop());
    const seconds = (performance.now() - start) / 1000;
    reads = meter.units();
    runs.push({
      articles: size,
      seconds: Number(seconds.toFixed(2)),
      articlesPerSecond: Number((size / seconds).toFixed(1)),
    });
  }
  if (report === undefined) throw new Error('no pipeline run');
  const articles = runs[runs.length - 1]?.articles ?? 1;

  // The last run's table is new (runLocalPipeline resets the stack), so its stream from
  // TRIM_HORIZON holds exactly that run's successful writes, with both images.
  const reader = await StreamReader.open({
    dynamodb: stack.clients.dynamodb,
    streams: stack.clients.streams,
    tableName: stack.tableName,
    region: stack.region,
  });
  const changes = await reader.drain();
  const items = await scanRaw(stack);
  // What the alert function's event source mapping lets through (Article items that matched).
  const alertRecords = changes.filter((change) => matchesFilterPattern(ALERT_STREAM_FILTER, change)).length;

  const typeOf = (image?: Record<string, DynamoValue>) => {
    const type = image?.type;
    return type && 'S' in type ? type.S : '(untyped)';
  };
  const byType = new Map<
    string,
    { count: number; bytes: number; writes: number; failed: number; units: number }
  >();
  const entry = (type: string) => {
    let found = byType.get(type);
    if (!found) {
      found = { count: 0, bytes: 0, writes: 0, failed: 0, units: 0 };
      byType.set(type, found);
    }
    return found;
  };
  for (const item of items) {
    const figures = entry(typeOf(item));
    figures.count += 1;
    figures.bytes += itemBytes(item);
  }
  for (const change of changes) {
    const newImage = change.dynamodb?.NewImage as Record<string, DynamoValue> | undefined;
    const oldImage = change.dynamodb?.OldImage as Record<string, DynamoValue> | undefined;
    const units = changeWriteUnits(
      { ...(oldImage ? { oldImage } : {}), ...(newImage ? { newImage } : {}) },
      { partitionKey: GSI1.partitionKey, sortKey: GSI1.sortKey, projected: GSI1_PROJECTED_ATTRIBUTES },
    );
    const figures = entry(typeOf(newImage ?? oldImage));
    figures.writes += 1;
    figures.units += units.table + units.index;
  }
  // A claim of a story already alerted at that certainty is a conditional put that fails: no
  // stream record, but DynamoDB still bills it (as the larger of the stored and the new item).
  // Each leaves a Match item with the outcome `duplicate`.
  const failedClaims = items.filter(
    (item) =>
      typeOf(item) === 'Match' && item.outcome && 'S' in item.outcome && item.outcome.S === 'duplicate',
  ).length;
  if (failedClaims > 0) {
    const story = entry('Story');
    story.failed += failedClaims;
    story.units += failedClaims * writeUnits(story.count > 0 ? story.bytes / story.count : 0);
  }
  const itemsByType: Record<string, ItemFigures> = {};
  for (const [type, figures] of [...byType].sort((a, b) => b[1].writes - a[1].writes)) {
    itemsByType[type] = {
      count: figures.count,
      averageBytes: figures.count > 0 ? Math.round(figures.bytes / figures.count) : 0,
      writesPerArticle: round(figures.writes / articles, 4),
      failedConditionalWritesPerArticle: round(figures.failed / articles, 4),
      writeUnitsPerArticle: round(figures.units / articles, 4),
    };
  }
  return {
    corpus,
    runs,
    items: itemsByType,
    itemsWrittenPerArticle: round(changes.length / articles, 3),
    alertRecordsPerArticle: round(alertRecords / articles, 4),
    /** Read units the handlers spent per article, by the kind of item read (the last run). */
    readUnitsPerArticle: Object.fromEntries(
      Object.entries(reads).map(([kind, units]) => [kind, round(units / articles, 4)]),
    ),
    alerts: report.alerts.length,
    alertsPerArticle: report.alerts.length / articles,
    stored: report.articles.length,
    rejected: report.rejected.length,
    failures: report.failures.length,
    warnings,
  };
};

type LocalFigures = Awaited<ReturnType<typeof measureLocalPipeline>>;

// ---------------------------------------------------------------------------------------------
// Cost.

/**
 * The topic list is re-read once a minute by each warm ingest environment (one assumed): a Query
 * on gsi1, eventually consistent (an index offers nothing else), under 4 KB: 0.5 RRU.
 */
const TOPIC_READS_PER_MONTH = 60 * 24 * 30;
const ARTICLES_PER_MONTH = 1_000_000;
// The stream mapping gathers records for ALERT_BATCHING_WINDOW_SECONDS: at a steady million a month
// (~0.39 articles/s) a batch holds the filtered records of one window, rounded down (at least one).
const alertBatchFill = (recordsPerArticle: number) =>
  Math.max(
    1,
    Math.floor((ARTICLES_PER_MONTH / (30 * 24 * 3600)) * recordsPerArticle * ALERT_BATCHING_WINDOW_SECONDS),
  );
const XRAY_SAMPLED = DEFAULT_TRACE_SAMPLE_RATE;

/**
 * The model on the measured figures. `duration` picks the invocation time billed: the issue's
 * warm (second) call, or the steady-state median, which a busy execution environment is closer to.
 */
const costOf = (
  invocations: Record<string, InvocationFigures>,
  local: LocalFigures,
  duration: (figures: InvocationFigures) => number = (figures) => figures.warmMs,
): CostEstimate => {
  const of = (name: string) => invocations[name];
  const ms = (name: string) => {
    const figures = of(name);
    return figures ? duration(figures) : 0;
  };
  // At the production level the lines below WARN are written by the sampled invocations only;
  // the EMF metric lines and warnings by every one.
  const logBytes = (name: string) => {
    const figures = of(name);
    if (!figures) return 0;
    return figures.warmLogBytes - (1 - DEFAULT_LOG_SAMPLE_RATE) * figures.warmLogBytesBelowWarn;
  };
  const storySlotReads = local.readUnitsPerArticle.CSTORYKEY ?? 0;
  const storyStateReads = local.readUnitsPerArticle.CSTORY ?? 0;
  const otherReads = Object.entries(local.readUnitsPerArticle).filter(
    ([kind]) => kind !== 'CSTORYKEY' && kind !== 'CSTORY',
  );
  return estimateCost({
    ingest: {
      memoryMb: FUNCTION_MEMORY_MB.ingest ?? 512,
      warmMs: ms('ingest'),
      logBytesPerInvocation: logBytes('ingest'),
    },
    alert: {
      memoryMb: FUNCTION_MEMORY_MB.alert ?? 512,
      warmMsPerRecord: ms('alert'),
      logBytesPerInvocation: logBytes('alert'),
      batchFill: alertBatchFill(local.alertRecordsPerArticle),
      recordsPerArticle: local.alertRecordsPerArticle,
    },
    digest: {
      memoryMb: FUNCTION_MEMORY_MB.digest ?? 256,
      warmMs: ms('digest'),
      logBytesPerInvocation: logBytes('digest'),
      invocationsPerMonth: 30,
    },
    articlesPerMonth: ARTICLES_PER_MONTH,
    writes: Object.entries(local.items)
      .filter(([, figures]) => figures.writeUnitsPerArticle > 0)
      .map(([item, figures]) => ({
        item,
        writesPerArticle: figures.writesPerArticle + figures.failedConditionalWritesPerArticle,
        writeUnitsPerArticle: figures.writeUnitsPerArticle,
        note:
          `${figures.writesPerArticle} writes/article, avg ${figures.averageBytes} B, table + gsi1` +
          (figures.failedConditionalWritesPerArticle > 0
            ? `, + ${figures.failedConditionalWritesPerArticle} failed conditional claims`
            : ''),
      })),
    readUnitsPerMonth: TOPIC_READS_PER_MONTH * 0.5,
    // Every article reads SEARCH_KEYS key items (each holds the key's slots of every month, under
    // 4 KB), then at most MAX_CANDIDATES states: eventually consistent, 0.5 RRU each (a round
    // after a lost race reads again, strongly: not counted, as rare as the race).
    storyReadUnitsPerArticle: storySlotReads + storyStateReads,
    storyReadNote: `story index, measured: ${storySlotReads} RRU of key items (${SEARCH_KEYS} keys, ${searchMonths('2026-01-15').length} months each) and ${storyStateReads} RRU of candidate states (at most ${MAX_CANDIDATES}) per article; upper bound ${(SEARCH_KEYS + MAX_CANDIDATES) * 0.5}`,
    readNote: 'topic list: a gsi1 Query a minute per warm ingest env (0.5 RRU)',
    otherReadUnitsPerArticle: round(
      otherReads.reduce((sum, [, units]) => sum + units, 0),
      4,
    ),
    otherReadNote: `measured, by item kind: ${otherReads.map(([kind, units]) => `${kind} ${units}`).join(', ') || 'none'}`,
    s3GetsPerArticle: 1,
    alertsPerArticle: local.alertsPerArticle,
    xraySampledFraction: XRAY_SAMPLED,
    logNote: `${DEFAULT_LOG_LEVEL}, ${round(DEFAULT_LOG_SAMPLE_RATE * 100, 2)}% of invocations in full, as deployed`,
  });
};

// ---------------------------------------------------------------------------------------------
// Output.

const formatQuantity = (value: number) => {
  if (value === 0) return '0';
  if (Math.abs(value) >= 0.01) return String(Number(value.toPrecision(4)));
  return value.toExponential(2);
};

const printCost = (cost: CostEstimate) => {
  say(`cost per million articles (us-east-1 on-demand list prices at the time of writing; check them):`);
  const rows = cost.lines.map((entry) => [
    entry.item,
    `${formatQuantity(entry.quantityPerArticle)} ${entry.unit}`,
    entry.price,
    entry.usdPerMillion.toFixed(3),
    entry.note ?? '',
  ]);
  const header = ['line item', 'per article', 'unit price', '$/million', 'basis'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 3
          ? cell.padStart(widths[column] ?? 0)
          : cell.padEnd(column === 4 ? 0 : (widths[column] ?? 0)),
      )
      .join('  ')
      .trimEnd();
  say(`  ${format(header)}`);
  for (const row of rows) say(`  ${format(row)}`);
  say(
    `  ${'total'.padEnd(widths[0] ?? 0)}  ${''.padEnd(widths[1] ?? 0)}  ${''.padEnd(widths[2] ?? 0)}  ${cost.usdPerMillion.toFixed(3).padStart(widths[3] ?? 0)}  target <= $${cost.targetUsdPerMillion.toFixed(2)}: ${cost.withinTarget ? 'within' : 'OVER'}`,
  );
  say('  not included:');
  for (const entry of cost.notIncluded) {
    say(
      `    ${entry.item}: ${entry.price}${entry.usdPerMillion === undefined ? '' : ` = $${entry.usdPerMillion.toFixed(2)} per million`} (${entry.note})`,
    );
  }
  say('  assumptions:');
  for (const assumption of cost.assumptions) say(`    - ${assumption}`);
};

const sayBundles = (bundles: Record<string, BundleFigures>) => {
  say(
    `bundles (esbuild as the CDK bundles them; init = median of ${COLD_STARTS} cold node starts minus bare node):`,
  );
  for (const [name, { bytes, initMs, initWithSourceMapsMs }] of Object.entries(bundles)) {
    say(
      `  ${name.padEnd(8)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB   init ${initMs} ms   with --enable-source-maps ${initWithSourceMapsMs} ms`,
    );
  }
};

const measureBundlesOnly = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newswatch-bench-'));
  try {
    const bundles = measureBundles(await buildBundles(dir));
    sayBundles(bundles);
    if (json) console.log(JSON.stringify({ bundles }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const main = async () => {
  if (only === 'reprocess') {
    const results = await measureReprocessScaling(reprocessSizes(process.argv));
    console.log(json ? JSON.stringify({ reprocess: results }) : reprocessLines(results).join('\n'));
    return;
  }
  const sizes = parseSizes();
  if (bundlesOnly) {
    await measureBundlesOnly();
    return;
  }
  if (only === 'topics') {
    const topics = measureTopicScaling();
    for (const line of topicScalingLines(topics)) say(line);
    if (json) console.log(JSON.stringify({ topics }));
    return;
  }
  const analysis = measureAnalysis();
  say(`analysis on ${analysis.corpus} (${analysis.articles} articles, one core):`);
  say(
    `  analyseArticle         ${analysis.articlesPerSecond} articles/s, ${analysis.mbPerSecond} MB/s, p50 ${analysis.p50Ms} ms, p95 ${analysis.p95Ms} ms`,
  );
  say(
    `                         ${analysis.cpuArticlesPerSecond} articles per CPU second; first pass (cold JIT) ${analysis.firstPassMs} ms`,
  );
  say(
    `  wink tokeniser alone   ${analysis.ceilingArticlesPerSecond} articles/s, ${analysis.ceilingMbPerSecond} MB/s (ceiling)`,
  );
  say(
    `  peer: ${analysis.peer.name.padEnd(15)} ${analysis.peer.articlesPerSecond} articles/s (${analysis.peer.cpuArticlesPerSecond} per CPU second), 3-sentence summaries`,
  );
  say(
    // Per CPU second as well: on a shared machine the wall-clock ratio moves with other work.
    `  analyseArticle at ${((100 * analysis.articlesPerSecond) / analysis.ceilingArticlesPerSecond).toFixed(1)}% of the tokeniser's rate (${((100 * analysis.cpuArticlesPerSecond) / analysis.ceilingCpuArticlesPerSecond).toFixed(1)}% per CPU second)`,
  );
  if (analysisOnly) {
    if (json) console.log(JSON.stringify({ analysis }));
    return;
  }

  const scaling = measureInputScaling();
  for (const line of scalingLines(scaling)) say(line);
  const topics = measureTopicScaling();
  for (const line of topicScalingLines(topics)) say(line);

  const dir = mkdtempSync(path.join(tmpdir(), 'newswatch-bench-'));
  try {
    const outfiles = await buildBundles(dir);
    const bundles = measureBundles(outfiles);

    let invocations: Awaited<ReturnType<typeof measureInvocations>> | undefined;
    let local: LocalFigures | undefined;
    const java = checkJava();
    if (!java.ok) {
      // Everything below needs DynamoDB Local; the figures above do not.
      console.error(`${JAVA_MISSING_MESSAGE}\nbench: skipping invocations, local throughput and cost`);
    } else {
      const stack = await startLocalStack({ alertsFile: null, logLevel: 'WARN' });
      try {
        invocations = await measureInvocations(stack, outfiles, dir);
        local = await measureLocalPipeline(stack, sizes);
      } finally {
        await stack.stop();
      }
      for (const [name, figures] of Object.entries(invocations.functions)) {
        const bundle = bundles[name];
        if (bundle === undefined || figures.error === 'no event defined') continue;
        bundle.firstInvocationMs = figures.firstMs;
        bundle.warmInvocationMs = figures.warmMs;
        bundle.steadyInvocationMs = figures.steadyMs;
      }
    }

    sayBundles(bundles);
    if (invocations) {
      say(
        `invocations (each bundle in its own node process against the local stack, on ${invocations.seed};\n  steady = median of calls 3-12; log bytes written per call at INFO):`,
      );
      for (const [name, figures] of Object.entries(invocations.functions)) {
        say(
          `  ${name.padEnd(8)} first ${String(figures.firstMs).padStart(7)} ms   warm ${String(figures.warmMs).padStart(6)} ms   steady ${String(figures.steadyMs).padStart(6)} ms   logs ${figures.firstLogBytes} B first, ${figures.warmLogBytes} B warm (${figures.warmLogLines} lines, ${figures.warmLogBytesBelowWarn} B below WARN)   peak RSS ${figures.peakRssMb} MB${figures.error ? `   ERROR: ${figures.error}` : ''}`,
        );
      }
      const worst = invocations.worstInput;
      if (worst) {
        say(
          `  worst accepted input: ingest on a ${worst.inputMb} MB HTML page, cold, ${worst.ms} ms, peak RSS ${worst.peakRssMb} MB: ${recommendedMemoryMb(worst.peakRssMb)} MB recommended (configured ${FUNCTION_MEMORY_MB.ingest} MB)${worst.error ? `   ERROR: ${worst.error}` : ''}`,
        );
      }
    }
    let cost: CostEstimate | undefined;
    if (local && invocations) {
      say(`local pipeline (real handlers, DynamoDB Local, s3rver, SNS sink; ${local.corpus}):`);
      for (const run of local.runs) {
        say(
          `  ${String(run.articles).padStart(5)} articles in ${run.seconds.toFixed(1)} s: ${run.articlesPerSecond} articles/s (upload, ingest, stream, alert)`,
        );
      }
      say(
        `  ${local.stored} stored, ${local.rejected} rejected, ${local.failures} failed; ${local.alerts} alerts published (${(local.alertsPerArticle * 100).toFixed(2)}% of articles); ${local.itemsWrittenPerArticle} item writes per article; ${local.alertRecordsPerArticle} alert records per article pass the stream filter; read units per article by item kind: ${JSON.stringify(local.readUnitsPerArticle)}`,
      );
      for (const warning of local.warnings.slice(0, 5)) say(`  warning: ${warning}`);
      say('  DynamoDB items (size as DynamoDB counts it: names + values; writes from the stream):');
      for (const [type, figures] of Object.entries(local.items)) {
        say(
          `    ${type.padEnd(14)} ${String(figures.count).padStart(5)} items, avg ${String(figures.averageBytes).padStart(5)} B, ${figures.writesPerArticle} writes/article${figures.failedConditionalWritesPerArticle > 0 ? ` (+ ${figures.failedConditionalWritesPerArticle} failed conditional)` : ''}, ${figures.writeUnitsPerArticle} WRU/article (table + gsi1)`,
        );
      }
      cost = costOf(invocations.functions, local);
      const steady = costOf(invocations.functions, local, (figures) => figures.steadyMs);
      cost.assumptions.push(
        `Lambda compute billed at the warm (second) call; at the steady-state medians (ingest ${invocations.functions.ingest?.steadyMs} ms, alert ${invocations.functions.alert?.steadyMs} ms) the total is $${steady.usdPerMillion.toFixed(3)} per million`,
        'durations come from local stand-ins (DynamoDB Local answers slower than DynamoDB, s3rver faster than S3) without X-Ray: approximate',
      );
      printCost(cost);
    }

    if (json) {
      const last = local?.runs[local.runs.length - 1];
      console.log(
        JSON.stringify({
          analysis,
          scaling,
          topics,
          bundles,
          local: last ?? null,
          ...(local && local.runs.length > 1 ? { localBySize: local.runs } : {}),
          costPerMillionUsd: cost ? round(cost.usdPerMillion, 4) : null,
          cost: cost
            ? {
                ...cost,
                prices: PRICES,
                measured: {
                  seed: invocations?.seed,
                  invocations: invocations?.functions,
                  worstInput: invocations?.worstInput
                    ? {
                        ...invocations.worstInput,
                        recommendedMemoryMb: recommendedMemoryMb(invocations.worstInput.peakRssMb),
                      }
                    : undefined,
                  corpus: local?.corpus,
                  items: local?.items,
                  itemsWrittenPerArticle: local?.itemsWrittenPerArticle,
                  alertRecordsPerArticle: local?.alertRecordsPerArticle,
                  readUnitsPerArticle: local?.readUnitsPerArticle,
                  alerts: local?.alerts,
                  alertsPerArticle: local?.alertsPerArticle,
                },
              }
            : null,
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
