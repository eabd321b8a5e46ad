/**
 * The shipped parser: the committed weights, decoded once, at the first sentence parsed rather
 * than at module load, so that a cold start (and every article that names no tracked event)
 * pays nothing for them. See README.md beside this file for what it was trained on and how well
 * it does.
 */
import { createDependencyParser, type DependencyParser, type Parse } from './dependency-parser';
import type { ParserWord } from './sentence-codes';
import type { ParserWeights } from './weights-codec';
import weights from './parser-weights.json' with { type: 'json' };

let parser: DependencyParser | undefined;
const shipped = (): DependencyParser => (parser ??= createDependencyParser(weights as ParserWeights));

/** Heads and UD relations of one tokenised, tagged sentence. */
export const parseWords = (words: readonly ParserWord[]): Parse => shipped().parse(words);

/** The relation labels the model predicts. */
export const parserLabels = (): readonly string[] => shipped().labels;
