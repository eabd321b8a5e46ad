/**
 * The shipped dependency parser on UD English EWT dev: `npm run eval:parser -- [file] [--json]`.
 *
 * Words are tagged by tagTokens, as in the product (not the gold tags), then parsed with the
 * committed weights. Prints UAS, LAS and label accuracy without punctuation (gold PUNCT left out,
 * the usual convention) and over all words, the parser's speed in sentences per second (tagging
 * not included) and the module's start-up time (JSON decoding and table building).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDependencyParser } from '../../../functions/domain/language/syntax/dependency-parser';
import type { ParserWeights } from '../../../functions/domain/language/syntax/weights-codec';
import { tagTokens } from '../../../functions/domain/topics/certainty/event-factuality';
import { readConllu } from '../../../infra/training/conllu';
import { labelMapper, scoreParses, type ParserScores } from '../../../infra/training/parser-scores';
import { REPO_ROOT } from '../../../infra/paths';

const DEFAULT_FILE = resolve(REPO_ROOT, '../shared/train/ud-english-ewt/en_ewt-ud-dev.conllu');
const WEIGHTS_FILE = resolve(REPO_ROOT, 'functions/domain/language/syntax/parser-weights.json');

export interface ParserReport {
  scores: ParserScores;
  sentencesPerSecond: number;
  wordsPerSecond: number;
  initMs: number;
  weightsBytes: number;
}

export const evaluateParser = async (file: string): Promise<ParserReport> => {
  const gold = readConllu(readFileSync(file, 'utf8'));
  const tagged = gold.map((s) => tagTokens(s.forms).map((w) => ({ lower: w.lower, pos: w.pos })));
  const { parseWords, parserLabels } = await import('../../../functions/domain/language/syntax/parse-words');
  // What loading the module costs beyond reading the file: JSON parsing and decoding the tables
  // (timed apart from the import, which here also includes tsx compiling TypeScript).
  const text = readFileSync(WEIGHTS_FILE, 'utf8');
  const before = performance.now();
  createDependencyParser(JSON.parse(text) as ParserWeights);
  const initMs = performance.now() - before;
  // One warm-up pass so the timing measures compiled code, as in a warm Lambda.
  for (const words of tagged.slice(0, 1000)) parseWords(words);
  const started = performance.now();
  const predicted = tagged.map((words) => parseWords(words));
  const seconds = (performance.now() - started) / 1000;
  const words = tagged.reduce((sum, s) => sum + s.length, 0);
  return {
    scores: scoreParses(gold, predicted, labelMapper(parserLabels())),
    sentencesPerSecond: gold.length / seconds,
    wordsPerSecond: words / seconds,
    initMs,
    weightsBytes: statSync(WEIGHTS_FILE).size,
  };
};

const pct = (x: number) => (100 * x).toFixed(2);

export const reportText = (report: ParserReport): string => {
  const { withoutPunctuation: np, allWords: all } = report.scores;
  return [
    `UD English EWT dev: ${report.scores.sentences} sentences, tagged by tagTokens`,
    `  without punctuation (${np.words} words): UAS ${pct(np.uas)}  LAS ${pct(np.las)}  label accuracy ${pct(np.labelAccuracy)}`,
    `  all words (${all.words} words):          UAS ${pct(all.uas)}  LAS ${pct(all.las)}  label accuracy ${pct(all.labelAccuracy)}`,
    `  speed: ${Math.round(report.sentencesPerSecond)} sentences/s (${Math.round(report.wordsPerSecond)} words/s), tagging not included`,
    `  module init (JSON parsed, tables decoded): ${report.initMs.toFixed(1)} ms`,
    `  weights file: ${(report.weightsBytes / 1024).toFixed(0)} KiB`,
  ].join('\n');
};

const round = (value: number) => Math.round(value * 10000) / 10000;

const main = async () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const unknown = args.find((a) => a.startsWith('-') && a !== '--json');
  if (unknown) {
    console.error(`eval:parser: unknown option "${unknown}" (usage: npm run eval:parser -- [file] [--json])`);
    process.exit(2);
  }
  const fileArg = args.find((a) => !a.startsWith('-'));
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const file = fileArg === undefined ? DEFAULT_FILE : isAbsolute(fileArg) ? fileArg : resolve(cwd, fileArg);
  if (!existsSync(file)) {
    console.error(`eval:parser: no CoNLL-U file at ${file} (see ../shared/train/README.md)`);
    process.exit(2);
  }
  const report = await evaluateParser(file);
  if (json) {
    const scores = (s: ParserScores['allWords']) => ({
      words: s.words,
      uas: round(s.uas),
      las: round(s.las),
      labelAccuracy: round(s.labelAccuracy),
    });
    process.stdout.write(
      `${JSON.stringify({
        sentences: report.scores.sentences,
        withoutPunctuation: scores(report.scores.withoutPunctuation),
        allWords: scores(report.scores.allWords),
        sentencesPerSecond: Math.round(report.sentencesPerSecond),
        initMs: round(report.initMs),
        weightsBytes: report.weightsBytes,
      })}\n`,
    );
    return;
  }
  console.log(reportText(report));
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
