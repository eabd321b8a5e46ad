/**
 * Entity scores as seqeval computes them (exact spans: same start, end and type; P/R/F1 per type
 * and micro over all), and document-level set F1: per document and type, the set of names found
 * against the set of gold names, compared normalised, so a name found twice or under the same
 * spelling in two places counts once.
 */

export interface TypedSpan {
  start: number;
  end: number;
  type: string;
}

export interface Counts {
  /** Predictions that were right. */
  truePositives: number;
  /** Gold items found, when it differs from truePositives (document-level sets). */
  recalled?: number;
  predicted: number;
  gold: number;
}

export interface PrfScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface EntityScores {
  micro: PrfScore;
  byType: Record<string, PrfScore>;
}

export const TYPES = ['PER', 'ORG', 'LOC'] as const;

const prf = ({ truePositives, recalled, predicted, gold }: Counts): PrfScore => {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = gold === 0 ? 0 : (recalled ?? truePositives) / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, predicted, gold, precision, recall, f1 };
};

/** Accumulates true positives, predictions and gold items per type. */
export class EntityTally {
  private readonly counts = new Map<string, Counts>();

  private of(type: string): Counts {
    let counts = this.counts.get(type);
    if (!counts) {
      counts = { truePositives: 0, predicted: 0, gold: 0 };
      this.counts.set(type, counts);
    }
    return counts;
  }

  /** One unit (a sentence's spans, or a document's name sets): keys are compared as strings. */
  add(
    predicted: ReadonlyArray<readonly [type: string, key: string]>,
    gold: ReadonlyArray<readonly [type: string, key: string]>,
  ) {
    const goldKeys = new Set(gold.map(([type, key]) => `${type}\u0000${key}`));
    const predictedKeys = new Set(predicted.map(([type, key]) => `${type}\u0000${key}`));
    for (const key of goldKeys) this.of(key.split('\u0000')[0] ?? '').gold += 1;
    for (const key of predictedKeys) {
      const counts = this.of(key.split('\u0000')[0] ?? '');
      counts.predicted += 1;
      if (goldKeys.has(key)) counts.truePositives += 1;
    }
  }

  /**
   * Counts matched elsewhere (document-level sets, where one entity with aliases can recall
   * several gold names): `precise` of `predicted` were right, `recalled` of `gold` were found.
   */
  addCounts(type: string, precise: number, predicted: number, recalled: number, gold: number) {
    const counts = this.of(type);
    counts.truePositives += precise;
    counts.predicted += predicted;
    counts.recalled = (counts.recalled ?? counts.truePositives - precise) + recalled;
    counts.gold += gold;
  }

  scores(): EntityScores {
    const byType: Record<string, PrfScore> = {};
    const total: Counts = { truePositives: 0, predicted: 0, gold: 0 };
    for (const type of TYPES) {
      const counts = this.counts.get(type) ?? { truePositives: 0, predicted: 0, gold: 0 };
      byType[type] = prf(counts);
      total.truePositives += counts.truePositives;
      total.recalled = (total.recalled ?? 0) + (counts.recalled ?? counts.truePositives);
      total.predicted += counts.predicted;
      total.gold += counts.gold;
    }
    return { micro: prf(total), byType };
  }
}

/** Spans of an IOB2 tag sequence. */
export const spansOfIob2 = (tags: readonly string[]): TypedSpan[] => {
  const spans: TypedSpan[] = [];
  let open: TypedSpan | null = null;
  tags.forEach((tag, i) => {
    const type = tag.slice(2);
    if (open && !(tag.startsWith('I-') && type === open.type)) {
      spans.push(open);
      open = null;
    }
    if (tag.startsWith('B-') || (tag.startsWith('I-') && !open)) open = { start: i, end: i + 1, type };
    else if (open && tag.startsWith('I-')) open.end = i + 1;
  });
  if (open) spans.push(open);
  return spans;
};

/** A span as a tally key: its type and its position. */
export const spanKey = (span: TypedSpan): readonly [string, string] => [
  span.type,
  `${span.start}:${span.end}`,
];

/** A name as document-level sets compare it: case, punctuation and spacing aside. */
export const nameKey = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
