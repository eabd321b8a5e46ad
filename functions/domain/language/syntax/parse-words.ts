/**
 * The shipped parser: the committed weights, decoded once when the module loads.
 * See README.md beside this file for what it was trained on and how well it does.
 */
import { createDependencyParser, type Parse } from './dependency-parser';
import type { ParserWord } from './sentence-codes';
import type { ParserWeights } from './weights-codec';
import weights from './parser-weights.json' with { type: 'json' };

const parser = createDependencyParser(weights as ParserWeights);

/** Heads and UD relations of one tokenised, tagged sentence. */
export const parseWords = (words: readonly ParserWord[]): Parse => parser.parse(words);

/** The relation labels the model predicts. */
export const PARSER_LABELS: readonly string[] = parser.labels;
