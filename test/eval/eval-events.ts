/**
 * Topic alerts on real news: `npm run eval:events -- [file.jsonl] [--topics-file f] [--json] [--errors]`.
 *
 * Reads the news-events layout of ../shared/eval/news-events/ (one item a line: `headline`, `text`,
 * `date`, `topicId`, `label: {reportsMeeting, certainty}`; the topics in `topics.json` beside the
 * file unless `--topics-file` names others). Every item goes through the product's own path: a
 * JSON article (headline, text, date) analysed by analyseDocument and matched by
 * articleTopicMatches against its topic, as ingest does.
 *
 * A true alert is an item whose meeting is its reported event (`reportsMeeting`) with a certainty
 * other than past or none; the product alerts when the topic matches with `alerts`. Prints alert
 * precision, recall and F1, the certainty confusion, the share of true alerts alerted with the
 * right certainty (end to end), false alerts on items about no meeting, and, on the same items, a
 * keyword alert: every actor (any name form) and a trigger word anywhere in the headline or text.
 */
import { CERTAINTIES } from '../../functions/contracts/vocabulary';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseDocument } from '../../functions/domain/analyse-article';
import { articleTopicMatches, type ArticleTopicMatch } from '../../functions/domain/article-matches';
import { compileTopics } from '../../functions/domain/topics/match-topics';
import { parseTopics, type Topic } from '../../functions/domain/topics/topic-schema';
import { phrasesPattern } from '../../functions/domain/language/regexp';
import { eventWordsOf } from '../../functions/domain/topics/event-words';
import { REPO_ROOT } from '../../infra/paths';
import { f1Of } from './scoring/metrics';

export const DEFAULT_FILE = resolve(REPO_ROOT, '../shared/eval/news-events/other-pairs.dev.jsonl');

/**
 * Gold certainties of the labels: the product's, and `unsure`, and `none` (the item mentions no
 * meeting of the pair).
 */
export const GOLD_CERTAINTIES = [...CERTAINTIES, 'unsure', 'none'] as const;
export type GoldCertainty = (typeof GOLD_CERTAINTIES)[number];

export interface NewsEventItem {
  headline: string;
  text: string;
  date?: string;
  topicId: string;
  label: { reportsMeeting: boolean; certainty: GoldCertainty; reason?: string };
  url?: string;
}

export interface ScoredItem {
  item: NewsEventItem;
  /** The item's topic match, if any. */
  match: ArticleTopicMatch | undefined;
  /** The product alerted: it matched and the certainty reaches the topic's minimum. */
  alerted: boolean;
  keywordAlerted: boolean;
  /** True alert: the meeting is the reported event and its certainty is neither past nor none. */
  trueAlert: boolean;
  /** The analysis failed (an item without words): it cannot alert. */
  error?: string;
}

export interface AlertScores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EventsReport {
  items: number;
  trueAlerts: number;
  alerts: AlertScores;
  keyword: AlertScores;
  /** gold certainty → predicted certainty (`no match` when the topic did not match) → count. */
  confusion: Record<string, Record<string, number>>;
  /** True alerts the product alerted with the gold certainty, over all true alerts. */
  rightCertainty: { right: number; of: number; share: number };
  /** Among true alerts the product did alert: the share with the gold certainty. */
  rightCertaintyOfAlerted: { right: number; of: number; share: number };
  /** Items about no meeting of the pair (`none`) that alerted. */
  falseAlertsOnNoMeeting: { alerted: number; of: number; share: number; keywordAlerted: number };
  scored: ScoredItem[];
}

export const isTrueAlert = (label: NewsEventItem['label']) =>
  label.reportsMeeting && label.certainty !== 'past' && label.certainty !== 'none';

const share = (right: number, of: number) => ({ right, of, share: of === 0 ? 0 : right / of });

const alertScores = (pairs: { gold: boolean; predicted: boolean }[]): AlertScores => {
  const tp = pairs.filter((p) => p.gold && p.predicted).length;
  const fp = pairs.filter((p) => !p.gold && p.predicted).length;
  const fn = pairs.filter((p) => p.gold && !p.predicted).length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { tp, fp, fn, precision, recall, f1: f1Of(precision, recall) };
};

/** Whole words, case-insensitive, hyphen and space interchangeable: what a keyword service does. */
const anyOf = (phrases: string[], flags: string) => phrasesPattern(phrases, flags);

/**
 * The keyword alert: every actor by any of its names, and a word of the event's vocabulary (the
 * topic's triggers with the built-in type's forms), anywhere.
 */
export const keywordAlert = (topic: Topic, text: string): boolean =>
  topic.actors.every((actor) => anyOf([actor.name, ...actor.aliases, ...actor.shortNames], 'u').test(text)) &&
  anyOf([...eventWordsOf(topic.event).forms], 'iu').test(text);

export const readItems = (file: string): NewsEventItem[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NewsEventItem);

export const readTopics = (file: string): Topic[] => parseTopics(JSON.parse(readFileSync(file, 'utf8')));

/** Runs every item through analysis and matching against its own topic, and scores it. */
export const evaluateEvents = (items: NewsEventItem[], topics: Topic[]): EventsReport => {
  const compiled = new Map(compileTopics(topics).map((c) => [c.topic.id, c]));
  const scored: ScoredItem[] = items.map((item) => {
    const topic = compiled.get(item.topicId);
    if (!topic)
      throw new Error(`item "${item.headline}" names topic "${item.topicId}", not in the topics file`);
    const trueAlert = isTrueAlert(item.label);
    const keywordAlerted = keywordAlert(topic.topic, `${item.headline}\n${item.text}`);
    const document = JSON.stringify({ headline: item.headline, text: item.text, date: item.date ?? null });
    try {
      const [article] = analyseDocument(document, { fileName: 'item.json' });
      const match = article
        ? articleTopicMatches(article, [topic]).find((m) => m.topicId === topic.topic.id)
        : undefined;
      return { item, match, alerted: match?.alerts === true, keywordAlerted, trueAlert };
    } catch (error) {
      return {
        item,
        match: undefined,
        alerted: false,
        keywordAlerted,
        trueAlert,
        error: (error as Error).message,
      };
    }
  });

  const confusion: Record<string, Record<string, number>> = {};
  for (const { item, match } of scored) {
    const row = (confusion[item.label.certainty] ??= {});
    const predicted = match?.certainty ?? 'no match';
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  const trueOnes = scored.filter((s) => s.trueAlert);
  const right = trueOnes.filter((s) => s.alerted && s.match?.certainty === s.item.label.certainty).length;
  const noMeeting = scored.filter((s) => s.item.label.certainty === 'none');
  return {
    items: scored.length,
    trueAlerts: trueOnes.length,
    alerts: alertScores(scored.map((s) => ({ gold: s.trueAlert, predicted: s.alerted }))),
    keyword: alertScores(scored.map((s) => ({ gold: s.trueAlert, predicted: s.keywordAlerted }))),
    confusion,
    rightCertainty: share(right, trueOnes.length),
    rightCertaintyOfAlerted: share(right, trueOnes.filter((s) => s.alerted).length),
    falseAlertsOnNoMeeting: {
      ...(({ right: alerted, of, share: s }) => ({ alerted, of, share: s }))(
        share(noMeeting.filter((s) => s.alerted).length, noMeeting.length),
      ),
      keywordAlerted: noMeeting.filter((s) => s.keywordAlerted).length,
    },
    scored,
  };
};

const round = (value: number) => Math.round(value * 1000) / 1000;
const scoresJson = (s: AlertScores) => ({
  ...s,
  precision: round(s.precision),
  recall: round(s.recall),
  f1: round(s.f1),
});

export const reportJson = (report: EventsReport) => ({
  items: report.items,
  trueAlerts: report.trueAlerts,
  alerts: scoresJson(report.alerts),
  keyword: scoresJson(report.keyword),
  aboveKeyword: round(report.alerts.f1 - report.keyword.f1),
  rightCertainty: round(report.rightCertainty.share),
  rightCertaintyOfAlerted: round(report.rightCertaintyOfAlerted.share),
  falseAlertsOnNoMeeting: {
    ...report.falseAlertsOnNoMeeting,
    share: round(report.falseAlertsOnNoMeeting.share),
  },
  confusion: report.confusion,
});

const f = (value: number) => value.toFixed(3);
const PREDICTED_COLUMNS = [...CERTAINTIES, 'no match'];

export const reportText = (report: EventsReport, file: string): string => {
  const line = (name: string, s: AlertScores) =>
    `  ${name.padEnd(9)} P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  const { falseAlertsOnNoMeeting: noMeeting } = report;
  return [
    `news events: ${report.items} items, ${report.trueAlerts} true alerts (${file})`,
    '',
    'alerts (a true alert: the meeting is the reported event, certainty not past/none)',
    line('product', report.alerts),
    line('keyword', report.keyword),
    `  product - keyword F1: ${f(report.alerts.f1 - report.keyword.f1)}`,
    '',
    `right certainty, end to end: ${report.rightCertainty.right}/${report.rightCertainty.of} true alerts = ${f(report.rightCertainty.share)}` +
      ` (of those alerted: ${f(report.rightCertaintyOfAlerted.share)})`,
    `false alerts on items about no meeting: ${noMeeting.alerted}/${noMeeting.of} = ${f(noMeeting.share)}` +
      ` (keyword: ${noMeeting.keywordAlerted}/${noMeeting.of})`,
    '',
    'certainty confusion (rows gold, columns predicted)',
    `  ${'gold'.padEnd(12)}${PREDICTED_COLUMNS.map((c) => c.padStart(12)).join('')}`,
    ...GOLD_CERTAINTIES.filter((g) => report.confusion[g]).map(
      (g) =>
        `  ${g.padEnd(12)}${PREDICTED_COLUMNS.map((c) => String(report.confusion[g]?.[c] ?? 0).padStart(12)).join('')}`,
    ),
  ].join('\n');
};

const errorLine = ({ item, match, alerted, trueAlert }: ScoredItem) =>
  [
    `${trueAlert ? 'MISSED' : 'FALSE '} gold ${item.label.reportsMeeting ? 'reports' : 'side'}/${item.label.certainty}` +
      `  predicted ${match ? `${match.certainty}${alerted ? '' : ' (no alert)'}` : 'no match'}`,
    `  headline: ${item.headline}`,
    `  reason:   ${item.label.reason ?? ''}`,
    ...(match?.evidence ?? []).map(
      (e) => `  evidence [${e.certainty}; ${e.cues.join(', ')}]: ${e.sentence.slice(0, 200)}`,
    ),
  ].join('\n');

const USAGE = 'usage: npm run eval:events -- [file.jsonl] [--topics-file f] [--json] [--errors]';

interface Options {
  file: string;
  topicsFile: string | undefined;
  json: boolean;
  errors: boolean;
}

export const parseArgs = (args: string[], cwd: string): Options => {
  const options: Options = { file: DEFAULT_FILE, topicsFile: undefined, json: false, errors: false };
  const path = (value: string) => (isAbsolute(value) ? value : resolve(cwd, value));
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--json') options.json = true;
    else if (arg === '--errors') options.errors = true;
    else if (arg === '--topics-file') {
      const value = args[(i += 1)];
      if (value === undefined) throw new Error('--topics-file needs a file');
      options.topicsFile = path(value);
    } else if (arg.startsWith('-')) throw new Error(`unknown option "${arg}"`);
    else options.file = path(arg);
  }
  return options;
};

const main = () => {
  let options: Options;
  try {
    // npm runs scripts from the repo root; relative paths are meant from where npm was called.
    options = parseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    console.error(`eval:events: ${(error as Error).message} (${USAGE})`);
    process.exit(2);
  }
  const topicsFile = options.topicsFile ?? join(dirname(options.file), 'topics.json');
  for (const file of [options.file, topicsFile]) {
    if (!existsSync(file)) {
      console.error(`eval:events: no file ${file} (see ../shared/eval/news-events/README.md; ${USAGE})`);
      process.exit(2);
    }
  }
  const report = evaluateEvents(readItems(options.file), readTopics(topicsFile));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
    return;
  }
  console.log(reportText(report, options.file));
  if (options.errors) {
    const wrong = report.scored.filter(
      (s) => s.alerted !== s.trueAlert || (s.trueAlert && s.match?.certainty !== s.item.label.certainty),
    );
    console.log(`\n${wrong.length} items wrong:\n`);
    for (const item of wrong) console.log(errorLine(item));
  }
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
