import { descriptionsOf } from './actor-mentions';
import type { Actor, Topic } from './topic-schema';

/**
 * A percolator-style index of the topics (the idea of Lucene's Monitor and Elasticsearch's
 * percolate query): instead of trying every topic on every article, each topic is filed under the
 * words any match of it must contain, and an article looks its own words up once to find the few
 * topics worth evaluating.
 *
 * A topic matches only if a sentence (or the one before it) names every actor, and the matcher
 * names an actor only by its name, an alias or a short name, or by a role description or a group
 * reference ("the two leaders") once the article names the actor by one of those (readActors);
 * in a short item (a headline and a line) a description of an actor with short names counts on
 * its own. Each name is a fixed phrase matched on letter-and-digit word boundaries (WORD_CHAR),
 * so every run of letters and digits in it appears as a whole run in any text it matches. One run
 * of each name (the rarest-looking) is therefore a word the article must contain: a topic is a
 * candidate only when, for every actor, one of its names' words is among the article's (in a
 * short item, its descriptions' words too). The index only ever rules out topics the matcher would
 * reject, so matching through it is exact: test/unit/functions/domain/topics/topic-index.test.ts
 * runs both over the seeds and 1,000 generated topics.
 *
 * Words are compared in lower case, read the same way on both sides; names match case-sensitively
 * and descriptions with either case on each word's first letter, so lower case is never stricter.
 * Diacritics are kept, as the name patterns keep them: "Erdoğan" is not "Erdogan" to either.
 */

/** A run of letters and digits: the pieces the name patterns' word boundaries cannot split. */
const RUN = /[\p{L}\p{N}]+/gu;

const runsOf = (text: string): string[] => text.match(RUN) ?? [];

/** The words of an article as the index looks them up: each run of letters and digits, in lower case. */
export const articleWords = (text: string): Set<string> => {
  const words = new Set<string>();
  for (const run of runsOf(text)) words.add(run.toLowerCase());
  return words;
};

/**
 * Words that many names and roles share ("President Trump", "the US president"): a form is filed
 * under another of its words when it has one, so that an article saying "president" does not
 * make every president's topic a candidate. A heuristic for selectivity only; exactness does not
 * depend on it.
 */
const COMMON = new Set(
  `us u s uk eu un president vice prime minister leader chancellor secretary general premier king
  queen prince crown supreme foreign state states united north south east west new republic party
  national federal central bank mr mrs sir dr`.split(/\s+/),
);
/** Words of every other text: the last resort of a name that has nothing else. */
const FUNCTION_WORDS = new Set('the a an and of de la le al el von van der bin'.split(' '));

/** How selective a word looks: longer before shorter, common words after others, function words last. */
const selectivity = (word: string) =>
  FUNCTION_WORDS.has(word) ? word.length / 1000 : COMMON.has(word) ? word.length / 100 : word.length;

/** The most selective run of a phrase, as written; undefined when it has no letter or digit. */
const keyRun = (phrase: string): string | undefined =>
  runsOf(phrase).reduce<string | undefined>(
    (chosen, run) =>
      chosen === undefined || selectivity(run.toLowerCase()) > selectivity(chosen.toLowerCase())
        ? run
        : chosen,
    undefined,
  );

/** The keys of a name or alias (matched case-sensitively): its most selective run, lowered. */
const nameKeys = (phrase: string): string[] => {
  const run = keyRun(phrase);
  return run === undefined ? [] : [run.toLowerCase()];
};

/**
 * The keys of a role description: descriptions accept either case on a word's first letter
 * ("North Korean leader" / "north Korean leader"), so the run is filed under each letter the
 * pattern may accept there (upper and lower case can differ in more than case once lowered: "İ").
 */
const descriptionKeys = (phrase: string): string[] => {
  const run = keyRun(phrase);
  if (run === undefined) return [];
  const [first = '', ...rest] = Array.from(run);
  const tail = rest.join('');
  const firsts = new Set([first, ...first.toUpperCase(), ...first.toLowerCase()]);
  return [...new Set([...firsts].map((letter) => (letter + tail).toLowerCase()))];
};

/** Each form's keys, all together; null when some form has no letter or digit to require. */
const keysOfForms = (forms: readonly string[][]): string[] | null =>
  forms.some((keys) => keys.length === 0) ? null : [...new Set(forms.flat())];

/** The words of which an article must contain one to name the actor (null: none required). */
const actorKeys = (actor: Actor): string[] | null =>
  keysOfForms([actor.name, ...actor.aliases, ...actor.shortNames].map(nameKeys));

/** The same in a short item, where the descriptions of an actor with short names count alone. */
const shortItemActorKeys = (actor: Actor): string[] | null => {
  const names = actorKeys(actor);
  if (actor.shortNames.length === 0 || names === null) return names;
  const descriptions = keysOfForms(descriptionsOf(actor).map(descriptionKeys));
  return descriptions === null ? null : [...new Set([...names, ...descriptions])];
};

/** The index for one way of reading names: the topics filed under words, and the words required. */
export interface IndexLayer {
  /** Word → positions of the topics filed under it (each under the words of one actor). */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** Positions of the topics no word can rule out: evaluated for every article. */
  readonly always: readonly number[];
  /** By position: for each actor the index can check, the words of which the article needs one. */
  readonly required: readonly (readonly (readonly string[])[])[];
}

export interface TopicIndex {
  /** The topics indexed, by position: what the index answers with. */
  readonly topics: readonly Topic[];
  readonly ordinary: IndexLayer;
  /** For short items (MatchContext.shortNames), whose descriptions count without the name. */
  readonly shortItem: IndexLayer;
}

/**
 * The actor to file a topic under: the one whose least selective word is most selective (an
 * article names "Kim Jong Un" more rarely than "Trump" names… anyone called Trump).
 */
const anchorOf = (keyed: readonly (readonly string[])[]): readonly string[] | undefined => {
  const worst = (keys: readonly string[]) => Math.min(...keys.map(selectivity));
  return keyed.reduce<readonly string[] | undefined>(
    (best, keys) => (best === undefined || worst(keys) > worst(best) ? keys : best),
    undefined,
  );
};

const buildLayer = (topics: readonly Topic[], keysOf: (actor: Actor) => string[] | null): IndexLayer => {
  const postings = new Map<string, number[]>();
  const always: number[] = [];
  const required = topics.map((topic, position) => {
    const keyed = topic.actors.map(keysOf).filter((keys): keys is string[] => keys !== null);
    const anchor = anchorOf(keyed);
    if (anchor === undefined) always.push(position);
    else {
      for (const key of anchor) {
        const list = postings.get(key);
        if (list) list.push(position);
        else postings.set(key, [position]);
      }
    }
    return keyed;
  });
  return { postings, always, required };
};

/** Built once per topic list, when the topics are compiled. */
export const buildTopicIndex = (topics: readonly Topic[]): TopicIndex => ({
  topics,
  ordinary: buildLayer(topics, actorKeys),
  shortItem: buildLayer(topics, shortItemActorKeys),
});

/**
 * The positions, ascending, of the topics an article with these words may match: those filed under
 * one of its words whose every checkable actor has a word in it, and the always-evaluated ones.
 */
export const candidateTopics = (
  index: TopicIndex,
  words: ReadonlySet<string>,
  /** The article is a short item (MatchContext.shortNames). */
  shortItem = false,
): number[] => {
  const layer = shortItem ? index.shortItem : index.ordinary;
  const marked = new Uint8Array(index.topics.length);
  for (const position of layer.always) marked[position] = 1;
  // The smaller side drives the lookups: an article's words, or the index's, whichever is fewer.
  if (words.size <= layer.postings.size) {
    for (const word of words) for (const position of layer.postings.get(word) ?? []) marked[position] = 1;
  } else {
    for (const [word, positions] of layer.postings)
      if (words.has(word)) for (const position of positions) marked[position] = 1;
  }
  const candidates: number[] = [];
  for (let position = 0; position < marked.length; position += 1) {
    if (marked[position] !== 1) continue;
    const actors = layer.required[position] ?? [];
    if (actors.every((keys) => keys.some((key) => words.has(key)))) candidates.push(position);
  }
  return candidates;
};
