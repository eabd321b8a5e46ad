/**
 * Trains the entity tagger on Universal NER English-EWT:
 *   npm run train:entities -- [--epochs N] [--budget N] [--out file]
 *
 * Words are tagged by the project's own part-of-speech tagger (tagTokens), as at run time. A
 * structured averaged perceptron over the features of entity-features.ts: each sentence decoded by
 * Viterbi as the product does, and where the best sequence is not the gold one, the gold sequence's
 * features up and the found one's down. OTH and stray tags are O. Deterministic: a seeded shuffle,
 * fixed epochs. Writes
 * functions/domain/language/entities/entity-weights.json and prints the dev scores of the weights
 * as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ENTITY_BITS,
  ENTITY_TAGS,
  HISTORY_FEATURES,
  START_TAG,
  STATIC_FEATURES,
  SentenceValues,
  TAG_COUNT,
  documentContext,
  historyFeatures,
  staticFeatures,
  type TaggerContext,
  type TaggerWord,
} from '../../functions/domain/language/entities/entity-features';
import {
  createEntityTagger,
  denseTagScorer,
  viterbiTags,
  type EntityWeights,
} from '../../functions/domain/language/entities/entity-tagger';
import { encodeFineTable } from '../../functions/domain/language/syntax/weights-codec';
import { tagTokens } from '../../functions/domain/topics/certainty/event-factuality';
import { REPO_ROOT } from '../paths';
import { EntityTally, spanKey, spansOfIob2 } from './entity-scores';
import { readIob2, type NamedEntityDocument } from './iob2';
import { seededRandom, shuffled } from './seeded';

export const UNER_DIR = resolve(REPO_ROOT, '../shared/train/uner-english-ewt');
export const ENTITY_WEIGHTS_FILE = resolve(
  REPO_ROOT,
  'functions/domain/language/entities/entity-weights.json',
);

const SEED = 20261202;
const EPOCHS = 10;
/** Weights kept in the file: about four bytes each in base64. */
const BUDGET = 150_000;
const KIND_OF: Readonly<Record<string, string>> = { person: 'PER', organization: 'ORG', place: 'LOC' };

export interface TrainingSentence {
  words: TaggerWord[];
  gold: number[];
  context: TaggerContext;
}

/** Tags every sentence with the project's tagger; each sentence carries its document's context. */
export const prepareDocuments = (documents: readonly NamedEntityDocument[]): TrainingSentence[] =>
  documents.flatMap((document) => {
    const context = documentContext(document.sentences.flatMap((s) => s.tokens));
    return document.sentences.map((sentence) => ({
      words: tagTokens(sentence.tokens).map((w, i) => ({ text: sentence.tokens[i] ?? w.text, pos: w.pos })),
      gold: sentence.tags.map((tag) => Math.max(0, ENTITY_TAGS.indexOf(tag as (typeof ENTITY_TAGS)[number]))),
      context,
    }));
  });

export const train = (sentences: readonly TrainingSentence[], epochs: number) => {
  const size = 2 ** ENTITY_BITS * TAG_COUNT;
  const weights = new Float64Array(size);
  // Lazy averaging: totals[k] sums step × update, so the average is weights − totals / step.
  const totals = new Float64Array(size);
  let step = 1;
  const score = denseTagScorer(weights);
  const next = seededRandom(SEED);
  const update = (features: Int32Array, tag: number, by: number) => {
    for (let f = 0; f < features.length; f += 1) {
      const k = (features[f] as number) * TAG_COUNT + tag;
      weights[k] = (weights[k] as number) + by;
      totals[k] = (totals[k] as number) + step * by;
    }
  };
  const statics = new Int32Array(STATIC_FEATURES);
  const history = new Int32Array(HISTORY_FEATURES);
  // Each sentence's values once, not once an epoch.
  const valuesOf = new Map(sentences.map((s) => [s, new SentenceValues(s.words, s.context)] as const));
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    let errors = 0;
    let words = 0;
    for (const sentence of shuffled(sentences, next)) {
      const values = valuesOf.get(sentence) as SentenceValues;
      const predicted = viterbiTags(values, score, false);
      const gold = sentence.gold;
      words += values.n;
      for (let i = 0; i < values.n; i += 1) {
        const want = gold[i] ?? 0;
        const got = predicted[i] ?? 0;
        const wantBefore = i === 0 ? START_TAG : (gold[i - 1] ?? 0);
        const gotBefore = i === 0 ? START_TAG : (predicted[i - 1] ?? 0);
        if (want !== got) {
          errors += 1;
          staticFeatures(values, i, statics, 0);
          update(statics, want, 1);
          update(statics, got, -1);
        }
        if (want !== got || wantBefore !== gotBefore) {
          historyFeatures(values, i, wantBefore, history, 0);
          update(history, want, 1);
          historyFeatures(values, i, gotBefore, history, 0);
          update(history, got, -1);
        }
      }
      step += 1;
    }
    console.log(`epoch ${epoch + 1}: ${((100 * errors) / words).toFixed(2)}% of words mistagged`);
  }
  const averaged = new Float64Array(size);
  for (let k = 0; k < size; k += 1) averaged[k] = (weights[k] as number) - (totals[k] as number) / step;
  return averaged;
};

/** Span scores of a tagger on prepared sentences. */
export const scoreTagger = (
  sentences: readonly TrainingSentence[],
  tag: (s: TrainingSentence) => ReadonlyArray<{ start: number; end: number; kind: string }>,
) => {
  const tally = new EntityTally();
  for (const sentence of sentences) {
    const gold = spansOfIob2(sentence.gold.map((code) => ENTITY_TAGS[code] ?? 'O')).map(spanKey);
    const predicted = tag(sentence).map((span) =>
      spanKey({ start: span.start, end: span.end, type: KIND_OF[span.kind] ?? span.kind }),
    );
    tally.add(predicted, gold);
  }
  return tally.scores();
};

const main = () => {
  const { values } = parseArgs({
    options: { epochs: { type: 'string' }, budget: { type: 'string' }, out: { type: 'string' } },
  });
  const epochs = Number(values.epochs ?? EPOCHS);
  const budget = Number(values.budget ?? BUDGET);
  const out = values.out ? resolve(values.out) : ENTITY_WEIGHTS_FILE;
  const started = performance.now();
  const read = (file: string) => readIob2(readFileSync(resolve(UNER_DIR, file), 'utf8'), file);
  const trainSet = prepareDocuments(read('en_ewt-ud-train.iob2'));
  const devSet = prepareDocuments(read('en_ewt-ud-dev.iob2'));
  console.log(`${trainSet.length} training and ${devSet.length} dev sentences`);
  const averaged = train(trainSet, epochs);
  const weights: EntityWeights = {
    format: 1,
    source:
      'Universal NER English-EWT (Mayhew et al. 2024), train split, CC BY-SA 4.0; npm run train:entities',
    tags: ENTITY_TAGS,
    table: encodeFineTable(averaged, ENTITY_BITS, TAG_COUNT, budget),
  };
  const json = JSON.stringify(weights);
  writeFileSync(out, `${json}\n`);
  const tagger = createEntityTagger(weights);
  const scores = scoreTagger(devSet, (s) => tagger.tag(s.words, s.context));
  const pct = (x: number) => (100 * x).toFixed(1);
  console.log(`wrote ${out}: ${(json.length / 1024).toFixed(0)} KiB (${weights.table.count} weights)`);
  console.log(
    `dev, as written: span F1 ${pct(scores.micro.f1)} (P ${pct(scores.micro.precision)} R ${pct(scores.micro.recall)}); ` +
      Object.entries(scores.byType)
        .map(([type, s]) => `${type} ${pct(s.f1)}`)
        .join(', ') +
      ` (${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
  );
};

if (import.meta.url === `file://${process.argv[1]}`) main();
