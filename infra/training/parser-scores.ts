/**
 * Attachment scores of predicted trees against a treebank, shared by the training script and
 * `npm run eval:parser` so both print the same figures.
 */
import type { TreebankSentence } from './conllu';

export interface AttachmentScores {
  words: number;
  /** Head right. */
  uas: number;
  /** Head and relation right (the relation as mapped for the model, `labelOf`). */
  las: number;
  /** Relation right, whatever the head. */
  labelAccuracy: number;
}

export interface ParserScores {
  sentences: number;
  /** Every word but those tagged PUNCT in the gold data (the CoNLL shared-task convention). */
  withoutPunctuation: AttachmentScores;
  allWords: AttachmentScores;
}

export interface PredictedTree {
  heads: readonly number[];
  relations: readonly string[];
}

export const scoreParses = (
  gold: readonly TreebankSentence[],
  predicted: readonly PredictedTree[],
  labelOf: (relation: string) => string,
): ParserScores => {
  const tally = () => ({ words: 0, heads: 0, both: 0, labels: 0 });
  const noPunct = tally();
  const all = tally();
  gold.forEach((sentence, s) => {
    const tree = predicted[s] as PredictedTree;
    sentence.heads.forEach((head, i) => {
      const headRight = tree.heads[i] === head;
      const labelRight = tree.relations[i] === labelOf(sentence.relations[i] as string);
      const targets = sentence.upos[i] === 'PUNCT' ? [all] : [all, noPunct];
      for (const t of targets) {
        t.words += 1;
        if (headRight) t.heads += 1;
        if (labelRight) t.labels += 1;
        if (headRight && labelRight) t.both += 1;
      }
    });
  });
  const scores = (t: ReturnType<typeof tally>): AttachmentScores => ({
    words: t.words,
    uas: t.heads / Math.max(1, t.words),
    las: t.both / Math.max(1, t.words),
    labelAccuracy: t.labels / Math.max(1, t.words),
  });
  return { sentences: gold.length, withoutPunctuation: scores(noPunct), allWords: scores(all) };
};

/** Labels the model keeps: EWT's subtypes seen at least this often in training, others cut to the type. */
export const SUBTYPE_MIN_COUNT = 100;

export const labelMapper = (labels: readonly string[]) => {
  const known = new Set(labels);
  return (relation: string): string => (known.has(relation) ? relation : (relation.split(':')[0] as string));
};
