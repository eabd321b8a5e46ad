/**
 * The shipped entity tagger: the committed weights, decoded once, at the first sentence tagged
 * rather than at module load, so that a cold start pays nothing for them.
 */
import type { TaggerContext, TaggerWord } from './entity-features';
import { createEntityTagger, type EntitySpan, type EntityTagger, type EntityWeights } from './entity-tagger';
import weights from './entity-weights.json' with { type: 'json' };

let tagger: EntityTagger | undefined;

/** Names in one sentence: word spans with their kinds. */
export const tagEntities = (words: readonly TaggerWord[], context: TaggerContext): EntitySpan[] =>
  (tagger ??= createEntityTagger(weights as unknown as EntityWeights)).tag(words, context);
