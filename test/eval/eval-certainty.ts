/**
 * Mention-level factuality on MEANTIME: `npm run eval:certainty -- [dir] [--json] [--split half]`.
 *
 * Every gold event mention outside a document's headline and dateline is classified by
 * classifyTaggedMention and compared on three axes: certainty (CERTAIN / PROBABLE / POSSIBLE,
 * gold UNDERSPECIFIED left out), polarity (POS / NEG) and time (FUTURE / NON_FUTURE). Prints
 * per-class precision, recall and F1, macro-F1, and the majority-class baseline on the same run.
 *
 * The cue lists were tuned on one sub-corpus (TUNED_ON in factuality-cues.ts); `--split half`
 * reports only the others, the honest figure for unseen articles, and `--split tuned` only it.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  classifyTaggedMention,
  tagTokens,
  type Factuality,
  type Word,
} from '../../functions/domain/topics/certainty/event-factuality';
import { TUNED_ON } from '../../functions/domain/topics/certainty/factuality-cues';
import { REPO_ROOT } from '../../infra/paths';
import { bodyMentions, loadMeantime, type GoldMention, type MeantimeDocument } from './meantime';
import { scoreAxis, type AxisScores } from './metrics';

const DEFAULT_DIR = resolve(REPO_ROOT, '../shared/eval/meantime');

export const CERTAINTY_LABELS = ['CERTAIN', 'PROBABLE', 'POSSIBLE'] as const;
export const POLARITY_LABELS = ['POS', 'NEG'] as const;
export const TIME_LABELS = ['FUTURE', 'NON_FUTURE'] as const;

export type Split = 'all' | 'held-out' | 'tuned';

export interface ScoredMention {
  document: MeantimeDocument;
  gold: GoldMention;
  predicted: Factuality;
}

export interface CertaintyReport {
  documents: number;
  corpora: string[];
  mentions: number;
  /** Mentions in headlines and datelines, not scored. */
  skippedLead: number;
  /** Documents whose second sentence is a dateline, so the first two are skipped. */
  documentsWithDateline: number;
  certainty: AxisScores<(typeof CERTAINTY_LABELS)[number]>;
  polarity: AxisScores<(typeof POLARITY_LABELS)[number]>;
  time: AxisScores<(typeof TIME_LABELS)[number]>;
  scored: ScoredMention[];
}

export const selectSplit = (documents: MeantimeDocument[], split: Split): MeantimeDocument[] => {
  if (split === 'all') return documents;
  return documents.filter((d) => (d.corpus === TUNED_ON) === (split === 'tuned'));
};

const isLabel = <L extends string>(labels: readonly L[], value: string): value is L =>
  (labels as readonly string[]).includes(value);

/** Classifies every body mention of the documents and scores the three axes. */
export const evaluateCertainty = (documents: MeantimeDocument[]): CertaintyReport => {
  const scored: ScoredMention[] = [];
  let skippedLead = 0;
  for (const document of documents) {
    const tagged = new Map<number, Word[]>();
    const body = bodyMentions(document);
    skippedLead += document.mentions.length - body.length;
    for (const gold of body) {
      const tokens = document.sentences[gold.sentence] ?? [];
      let words = tagged.get(gold.sentence);
      if (!words) {
        words = tagTokens(tokens);
        tagged.set(gold.sentence, words);
      }
      const context = document.year === undefined ? {} : { articleYear: document.year };
      const predicted = classifyTaggedMention(words, { start: gold.start, end: gold.end }, context);
      scored.push({ document, gold, predicted });
    }
  }
  const pairs = <L extends string>(labels: readonly L[], pick: (m: GoldMention | Factuality) => string) =>
    scored.flatMap(({ gold, predicted }) => {
      const g = pick(gold);
      const p = pick(predicted);
      return isLabel(labels, g) && isLabel(labels, p) ? [{ gold: g, predicted: p }] : [];
    });
  return {
    documents: documents.length,
    corpora: [...new Set(documents.map((d) => d.corpus))],
    mentions: scored.length,
    skippedLead,
    documentsWithDateline: documents.filter((d) => d.leadSentences === 2).length,
    certainty: scoreAxis(
      CERTAINTY_LABELS,
      pairs(CERTAINTY_LABELS, (m) => m.certainty),
    ),
    polarity: scoreAxis(
      POLARITY_LABELS,
      pairs(POLARITY_LABELS, (m) => m.polarity),
    ),
    time: scoreAxis(
      TIME_LABELS,
      pairs(TIME_LABELS, (m) => m.time),
    ),
    scored,
  };
};

const round = (value: number) => Math.round(value * 1000) / 1000;

const axisJson = <L extends string>(axis: AxisScores<L>) => ({
  macroF1: round(axis.macroF1),
  baselineMacroF1: round(axis.baselineMacroF1),
  classes: Object.fromEntries(
    (Object.entries(axis.classes) as [L, AxisScores<L>['classes'][L]][]).map(([label, c]) => [
      label,
      { precision: round(c.precision), recall: round(c.recall), f1: round(c.f1) },
    ]),
  ) as Record<L, { precision: number; recall: number; f1: number }>,
});

export const reportJson = (report: CertaintyReport) => ({
  mentions: report.mentions,
  certainty: axisJson(report.certainty),
  polarity: axisJson(report.polarity),
  time: axisJson(report.time),
});

const f = (value: number) => value.toFixed(3);

const axisText = <L extends string>(name: string, axis: AxisScores<L>, note: string): string[] => [
  `${name}: ${axis.count} mentions${note}`,
  `  ${'class'.padEnd(11)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'gold'.padStart(5)} ${'pred'.padStart(5)}`,
  ...(Object.entries(axis.classes) as [L, AxisScores<L>['classes'][L]][]).map(
    ([label, c]) =>
      `  ${label.padEnd(11)} ${f(c.precision).padStart(6)} ${f(c.recall).padStart(6)} ${f(c.f1).padStart(6)} ${String(c.support).padStart(5)} ${String(c.predicted).padStart(5)}`,
  ),
  `  macro-F1 ${f(axis.macroF1)}   majority baseline (${axis.majority ?? '-'}) macro-F1 ${f(axis.baselineMacroF1)}   accuracy ${f(axis.accuracy)}`,
];

export const reportText = (report: CertaintyReport, split: Split): string => {
  const heldOut = split === 'held-out' ? ' (held out: cues tuned on ' + TUNED_ON + '/ only)' : '';
  const tuned = split === 'tuned' ? ' (the sub-corpus the cues were tuned on)' : '';
  const excluded = (axis: AxisScores<string>) => report.mentions - axis.count;
  return [
    `MEANTIME factuality: ${report.mentions} mentions in ${report.documents} documents [${report.corpora.join(', ')}]${heldOut}${tuned}`,
    `Skipped ${report.skippedLead} headline mentions: ${report.documentsWithDateline}/${report.documents} documents have a dateline as second sentence.`,
    '',
    ...axisText('certainty', report.certainty, `, ${excluded(report.certainty)} UNDERSPECIFIED left out`),
    '',
    ...axisText('polarity', report.polarity, `, ${excluded(report.polarity)} UNDERSPECIFIED left out`),
    '',
    ...axisText('time', report.time, `, ${excluded(report.time)} UNDERSPECIFIED left out`),
  ].join('\n');
};

const USAGE = 'usage: npm run eval:certainty -- [dir] [--json] [--split all|half|held-out|tuned] [--errors]';

interface Options {
  dir: string;
  json: boolean;
  split: Split;
  errors: boolean;
}

export const parseArgs = (args: string[], cwd: string): Options => {
  const options: Options = { dir: DEFAULT_DIR, json: false, split: 'all', errors: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--json') options.json = true;
    else if (arg === '--errors') options.errors = true;
    else if (arg === '--split' || arg.startsWith('--split=')) {
      const value = arg === '--split' ? args[(i += 1)] : arg.slice('--split='.length);
      if (value === 'half' || value === 'held-out') options.split = 'held-out';
      else if (value === 'tuned' || value === 'all') options.split = value;
      else throw new Error(`unknown split "${value ?? ''}"`);
    } else if (arg.startsWith('-')) throw new Error(`unknown option "${arg}"`);
    else options.dir = isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return options;
};

const errorLine = ({ document, gold, predicted }: ScoredMention): string => {
  const tokens = document.sentences[gold.sentence] ?? [];
  const marked = tokens.map((t, i) => (i >= gold.start && i < gold.end ? `[[${t}]]` : t)).join(' ');
  const g = `${gold.certainty}/${gold.polarity}/${gold.time}`;
  const p = `${predicted.certainty}/${predicted.polarity}/${predicted.time}`;
  return `gold ${g}  predicted ${p}  cues [${predicted.cues.join(', ')}]\n  ${document.file}: ${marked}`;
};

const main = () => {
  let options: Options;
  try {
    // npm runs scripts from the repo root; a relative dir is meant from where npm was called.
    options = parseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    console.error(`eval:certainty: ${(error as Error).message} (${USAGE})`);
    process.exit(2);
  }
  if (!existsSync(options.dir)) {
    console.error(`eval:certainty: no MEANTIME data at ${options.dir} (see ../shared/eval/README.md)`);
    process.exit(2);
  }
  const documents = selectSplit(loadMeantime(options.dir), options.split);
  if (documents.length === 0) {
    console.error(`eval:certainty: no .conll files for split "${options.split}" under ${options.dir}`);
    process.exit(2);
  }
  const report = evaluateCertainty(documents);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
    return;
  }
  console.log(reportText(report, options.split));
  if (options.errors) {
    const wrong = report.scored.filter(
      ({ gold, predicted }) =>
        (gold.certainty !== 'UNDERSPECIFIED' && gold.certainty !== predicted.certainty) ||
        (gold.polarity !== 'UNDERSPECIFIED' && gold.polarity !== predicted.polarity) ||
        (gold.time !== 'UNDERSPECIFIED' && gold.time !== predicted.time),
    );
    console.log(`\n${wrong.length} mentions wrong on some axis:\n`);
    for (const mention of wrong) console.log(errorLine(mention));
  }
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
