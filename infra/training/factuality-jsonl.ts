import { readFileSync } from 'node:fs';

/**
 * Reader for the factuality JSON-lines files of njjiang/factuality_bert (../shared/eval/README.md,
 * "factuality"): one sentence a line, `{"text": space-tokenised sentence, "targets": [{"span1":
 * [start, end), "label": float from -3 to +3, "span_text": trigger}]}`. Used by the training script
 * and by `npm run eval:certainty -- <file.jsonl>`.
 */

export interface FactualityTarget {
  /** Token indices of the trigger, end exclusive. */
  start: number;
  end: number;
  /** Crowd mean: -3 certainly did not happen, 0 uncommitted, +3 certainly happened. */
  label: number;
  spanText: string;
}

export interface FactualitySentence {
  tokens: string[];
  targets: FactualityTarget[];
}

export class FactualityFormatError extends Error {
  override readonly name = 'FactualityFormatError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses the lines of one file; a malformed line fails with its line number. */
export const parseFactualityJsonl = (text: string, file = '<inline>'): FactualitySentence[] => {
  const sentences: FactualitySentence[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new FactualityFormatError(`${where}: not JSON (${(error as Error).message})`);
    }
    if (!isRecord(value) || typeof value.text !== 'string' || !Array.isArray(value.targets)) {
      throw new FactualityFormatError(`${where}: expected {"text": string, "targets": [...]}`);
    }
    // The text is already tokenised: single spaces separate the tokens the spans index.
    const tokens = value.text.split(' ').filter((t) => t.length > 0);
    const targets = value.targets.map((target: unknown, t): FactualityTarget => {
      const span = isRecord(target) ? target.span1 : undefined;
      const label = isRecord(target) ? target.label : undefined;
      if (
        !Array.isArray(span) ||
        span.length !== 2 ||
        !Number.isInteger(span[0]) ||
        !Number.isInteger(span[1]) ||
        typeof label !== 'number' ||
        !Number.isFinite(label)
      ) {
        throw new FactualityFormatError(
          `${where}: target ${t} needs "span1": [start, end] and a numeric "label"`,
        );
      }
      const [start, end] = span as [number, number];
      if (start < 0 || end > tokens.length || start >= end) {
        throw new FactualityFormatError(
          `${where}: target ${t} span ${start}-${end} is outside ${tokens.length} tokens`,
        );
      }
      const spanText = isRecord(target) && typeof target.span_text === 'string' ? target.span_text : '';
      return { start, end, label, spanText };
    });
    sentences.push({ tokens, targets });
  });
  return sentences;
};

export const loadFactualityJsonl = (path: string): FactualitySentence[] =>
  parseFactualityJsonl(readFileSync(path, 'utf8'), path);
