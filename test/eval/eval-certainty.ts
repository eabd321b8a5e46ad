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
 * The rules, the learned model (factuality-model.ts) and their combination the product uses
 * (judgeMention) are scored on the same mentions; `--json` gives the combination at the top level,
 * `model` and `rules` beside it.
 *
 * `npm run eval:certainty -- <file.jsonl>` (or `--format factuality`) reads the factuality JSON
 * lines of UW and UDS-IH2 instead: MAE and Pearson r against the scalar gold, and certainty and
 * polarity binned as the datasets publish them, for the model (in the file's domain, from its
 * folder or `--domain`), the rules (mapped by scalarOfRules) and always +3.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  classifyTaggedMention,
  tagTokens,
  type Factuality,
  type MentionContext,
  type TokenSpan,
  type Word,
} from '../../functions/domain/topics/certainty/event-factuality';
import type { FactualityDomain } from '../../functions/domain/topics/certainty/factuality-features';
import {
  binScalar,
  judgeMention,
  modelFactuality,
  predictWithRules,
  scalarOfRules,
  type ScalarCertainty,
} from '../../functions/domain/topics/certainty/factuality-model';
import { loadFactualityJsonl, type FactualitySentence } from '../../infra/training/factuality-jsonl';
import { TUNED_ON } from '../../functions/domain/topics/certainty/factuality-cues';
import { REPO_ROOT } from '../../infra/paths';
import { bodyMentions, loadMeantime, type GoldMention, type MeantimeDocument } from './corpora/meantime';
import { meanAbsoluteError, pearson, scoreAxis, type AxisScores } from './scoring/metrics';

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

/** A mention-level classifier: the rules, the model, or the two combined. */
export type MentionClassifier = (words: Word[], span: TokenSpan, context: MentionContext) => Factuality;

/** The classifiers the evaluation compares on the same run. */
export const CLASSIFIERS = {
  rules: classifyTaggedMention,
  model: modelFactuality,
  combined: judgeMention,
} satisfies Record<string, MentionClassifier>;

export type ClassifierName = keyof typeof CLASSIFIERS;

/** Classifies every body mention of the documents and scores the three axes. */
export const evaluateCertainty = (
  documents: MeantimeDocument[],
  classify: MentionClassifier = classifyTaggedMention,
): CertaintyReport => {
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
      const predicted = classify(words, { start: gold.start, end: gold.end }, context);
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

// ---------------------------------------------------------------------------------------------
// Factuality JSON lines (UW, UDS-IH2): a scalar gold from -3 to +3 per mention

export const BINNED_CERTAINTY_LABELS = ['CERTAIN', 'PROBABLE', 'POSSIBLE', 'UNDERSPECIFIED'] as const;

/** A system's scores against the scalar gold: the floats, and the binned certainty and polarity. */
export interface ScalarScores {
  mae: number;
  pearson: number;
  certainty: AxisScores<ScalarCertainty>;
  /** Scored where the gold commits (|x| >= 0.5), as MEANTIME leaves UNDERSPECIFIED out. */
  polarity: AxisScores<(typeof POLARITY_LABELS)[number]>;
}

export interface FactualityReport {
  file: string;
  domain: FactualityDomain;
  sentences: number;
  mentions: number;
  /** The rule classifier mapped onto the scale by scalarOfRules. */
  rules: ScalarScores;
  model: ScalarScores;
  /** Always +3: the score of believing every mention. */
  alwaysCertain: ScalarScores;
}

/** Scores predicted scalars against gold ones. */
export const scoreScalars = (gold: readonly number[], predicted: readonly number[]): ScalarScores => {
  const binned = (values: readonly number[]) => values.map(binScalar);
  const g = binned(gold);
  const p = binned(predicted);
  return {
    mae: meanAbsoluteError(gold, predicted),
    pearson: pearson(gold, predicted),
    certainty: scoreAxis(
      BINNED_CERTAINTY_LABELS,
      g.map((x, i) => ({ gold: x.certainty, predicted: (p[i] as (typeof p)[number]).certainty })),
    ),
    polarity: scoreAxis(
      POLARITY_LABELS,
      g.flatMap((x, i) =>
        x.certainty === 'UNDERSPECIFIED'
          ? []
          : [{ gold: x.polarity, predicted: (p[i] as (typeof p)[number]).polarity }],
      ),
    ),
  };
};

/** The annotation convention of a file, from its folder name: uds-ih2 → uds, uw → uw, else news. */
export const domainOfPath = (path: string): FactualityDomain =>
  /uds/i.test(path) ? 'uds' : /(^|[/\\])uw([/\\]|$)/i.test(path) ? 'uw' : 'news';

/** Rules and model on every mention of a factuality file, with the always-+3 baseline. */
export const evaluateFactuality = (
  sentences: FactualitySentence[],
  domain: FactualityDomain,
  file = '<inline>',
): FactualityReport => {
  const gold: number[] = [];
  const rules: number[] = [];
  const model: number[] = [];
  for (const sentence of sentences) {
    const words = tagTokens(sentence.tokens);
    for (const target of sentence.targets) {
      const span = { start: target.start, end: target.end };
      const judged = classifyTaggedMention(words, span);
      gold.push(target.label);
      rules.push(scalarOfRules(judged));
      model.push(predictWithRules(words, span, judged, { domain }).scalar);
    }
  }
  return {
    file,
    domain,
    sentences: sentences.length,
    mentions: gold.length,
    rules: scoreScalars(gold, rules),
    model: scoreScalars(gold, model),
    alwaysCertain: scoreScalars(
      gold,
      gold.map(() => 3),
    ),
  };
};

const scalarJson = (scores: ScalarScores) => ({
  mae: round(scores.mae),
  pearson: round(scores.pearson),
  certainty: axisJson(scores.certainty),
  polarity: axisJson(scores.polarity),
});

/** The model's figures at the top level, as for MEANTIME; `time` is null, the files have no time axis. */
export const factualityJson = (report: FactualityReport) => ({
  mentions: report.mentions,
  domain: report.domain,
  mae: round(report.model.mae),
  pearson: round(report.model.pearson),
  certainty: axisJson(report.model.certainty),
  polarity: axisJson(report.model.polarity),
  time: null,
  rules: scalarJson(report.rules),
  alwaysCertain: scalarJson(report.alwaysCertain),
});

export const factualityText = (report: FactualityReport): string => {
  const rows: [string, ScalarScores][] = [
    ['model', report.model],
    ['rules', report.rules],
    ['always +3', report.alwaysCertain],
  ];
  const majority = (axis: AxisScores<string>) => `${axis.majority ?? '-'} ${f(axis.baselineMacroF1)}`;
  return [
    `Factuality: ${report.mentions} mentions in ${report.sentences} sentences of ${report.file} (domain ${report.domain})`,
    'Binning: |x| >= 2.5 CERTAIN, 1.5-2.5 PROBABLE, 0.5-1.5 POSSIBLE, < 0.5 UNDERSPECIFIED; polarity by sign where the gold commits.',
    '',
    `  ${'system'.padEnd(10)} ${'MAE'.padStart(6)} ${'r'.padStart(6)} ${'cert-F1'.padStart(8)} ${'pol-F1'.padStart(7)}`,
    ...rows.map(
      ([name, s]) =>
        `  ${name.padEnd(10)} ${f(s.mae).padStart(6)} ${f(s.pearson).padStart(6)} ${f(s.certainty.macroF1).padStart(8)} ${f(s.polarity.macroF1).padStart(7)}`,
    ),
    `  majority   certainty (${majority(report.model.certainty)}), polarity (${majority(report.model.polarity)})`,
    '',
    ...axisText('model certainty (binned)', report.model.certainty, ''),
    '',
    ...axisText('rules certainty (binned)', report.rules.certainty, ''),
    '',
    ...axisText(
      'model polarity',
      report.model.polarity,
      `, ${report.mentions - report.model.polarity.count} uncommitted gold left out`,
    ),
  ].join('\n');
};

const USAGE =
  'usage: npm run eval:certainty -- [dir | file.jsonl] [--json] [--split all|half|held-out|tuned] ' +
  '[--format meantime|factuality] [--domain news|uw|uds] [--system combined|model|rules] [--errors]';

interface Options {
  dir: string;
  json: boolean;
  split: Split;
  errors: boolean;
  format: 'meantime' | 'factuality';
  domain?: FactualityDomain;
  /** Which judgement a MEANTIME --errors listing shows. */
  system: ClassifierName;
}

const valueOf = (args: string[], i: number, name: string): [string, number] => {
  const arg = args[i] as string;
  if (arg === name) return [args[i + 1] ?? '', i + 1];
  return [arg.slice(name.length + 1), i];
};

export const parseArgs = (args: string[], cwd: string): Options => {
  const options: Options = {
    dir: DEFAULT_DIR,
    json: false,
    split: 'all',
    errors: false,
    format: 'meantime',
    system: 'combined',
  };
  let formatGiven = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--json') options.json = true;
    else if (arg === '--errors') options.errors = true;
    else if (arg === '--split' || arg.startsWith('--split=')) {
      const [value, at] = valueOf(args, i, '--split');
      i = at;
      if (value === 'half' || value === 'held-out') options.split = 'held-out';
      else if (value === 'tuned' || value === 'all') options.split = value;
      else throw new Error(`unknown split "${value}"`);
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const [value, at] = valueOf(args, i, '--format');
      i = at;
      if (value !== 'meantime' && value !== 'factuality') throw new Error(`unknown format "${value}"`);
      options.format = value;
      formatGiven = true;
    } else if (arg === '--domain' || arg.startsWith('--domain=')) {
      const [value, at] = valueOf(args, i, '--domain');
      i = at;
      if (value !== 'news' && value !== 'uw' && value !== 'uds') throw new Error(`unknown domain "${value}"`);
      options.domain = value;
    } else if (arg === '--system' || arg.startsWith('--system=')) {
      const [value, at] = valueOf(args, i, '--system');
      i = at;
      if (!Object.hasOwn(CLASSIFIERS, value)) throw new Error(`unknown system "${value}"`);
      options.system = value as ClassifierName;
    } else if (arg.startsWith('-')) throw new Error(`unknown option "${arg}"`);
    else options.dir = isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  if (!formatGiven && options.dir.endsWith('.jsonl')) options.format = 'factuality';
  return options;
};

const errorLine = ({ document, gold, predicted }: ScoredMention): string => {
  const tokens = document.sentences[gold.sentence] ?? [];
  const marked = tokens.map((t, i) => (i >= gold.start && i < gold.end ? `[[${t}]]` : t)).join(' ');
  const g = `${gold.certainty}/${gold.polarity}/${gold.time}`;
  const p = `${predicted.certainty}/${predicted.polarity}/${predicted.time}`;
  return `gold ${g}  predicted ${p}  cues [${predicted.cues.join(', ')}]\n  ${document.file}: ${marked}`;
};

const compareText = (reports: Record<ClassifierName, CertaintyReport>): string =>
  [
    `  ${'system'.padEnd(10)} ${'cert-F1'.padStart(8)} ${'pol-F1'.padStart(7)} ${'time-F1'.padStart(8)}`,
    ...(Object.entries(reports) as [ClassifierName, CertaintyReport][]).map(
      ([name, r]) =>
        `  ${name.padEnd(10)} ${f(r.certainty.macroF1).padStart(8)} ${f(r.polarity.macroF1).padStart(7)} ${f(r.time.macroF1).padStart(8)}`,
    ),
  ].join('\n');

const runFactuality = (options: Options) => {
  const domain = options.domain ?? domainOfPath(options.dir);
  const report = evaluateFactuality(loadFactualityJsonl(options.dir), domain, options.dir);
  if (options.json) process.stdout.write(`${JSON.stringify(factualityJson(report))}\n`);
  else console.log(factualityText(report));
};

const runMeantime = (options: Options) => {
  const documents = selectSplit(loadMeantime(options.dir), options.split);
  if (documents.length === 0) {
    console.error(`eval:certainty: no .conll files for split "${options.split}" under ${options.dir}`);
    process.exit(2);
  }
  const reports = {
    combined: evaluateCertainty(documents, CLASSIFIERS.combined),
    model: evaluateCertainty(documents, CLASSIFIERS.model),
    rules: evaluateCertainty(documents, CLASSIFIERS.rules),
  } satisfies Record<ClassifierName, CertaintyReport>;
  if (options.json) {
    // The top level is what the product uses (rules and model combined); each alone beside it.
    const json = {
      ...reportJson(reports.combined),
      model: reportJson(reports.model),
      rules: reportJson(reports.rules),
    };
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return;
  }
  const report = reports[options.system];
  console.log(`${options.system} (what the product uses is "combined"):`);
  console.log(reportText(report, options.split));
  console.log(`\nOn the same mentions:\n${compareText(reports)}`);
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

const main = () => {
  let options: Options;
  try {
    // npm runs scripts from the repo root; a relative path is meant from where npm was called.
    options = parseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    console.error(`eval:certainty: ${(error as Error).message} (${USAGE})`);
    process.exit(2);
  }
  if (!existsSync(options.dir)) {
    console.error(`eval:certainty: no data at ${options.dir} (see ../shared/eval/README.md)`);
    process.exit(2);
  }
  if (options.format === 'factuality') runFactuality(options);
  else runMeantime(options);
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
