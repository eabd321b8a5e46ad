import { descriptionsOf } from './actor-mentions';
import type { Actor, Topic } from './topic-schema';

/**
 * A percolator-style index of the topics (the idea of Lucene's Monitor and Elasticsearch's
 * percolate query): instead of trying every topic on every article, each topic is filed under the
 * words any match of it must contain, and an article looks its own words up once to find the few
 * topics worth evaluating.
 *
 * A topic matches only if the article names every actor (mayNameActors is the matcher's first
 * test), and an actor is named only by its name, an alias, a short name or a role description.
 * Each of those is a fixed phrase matched on letter-and-digit word boundaries (WORD_CHAR), so
 * every run of letters and digits in it appears as a whole run in any text it matches. One run of
 * each form (the rarest-looking) is therefore a word the article must contain: a topic is a
 * candidate only when, for every actor, one of its forms' words is among the article's. The index
 * only ever rules out topics the matcher would reject, so matching through it is exact.
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
  `the a an and of de la le al el von van der bin us u s uk eu un president vice prime minister
  leader chancellor secretary general premier king queen prince crown supreme foreign state states
  united north south east west new republic party national federal central bank mr mrs`.split(/\s+/),
);

/** How selective a word looks: longer before shorter, common words after every other. */
const selectivity = (word: string) => (COMMON.has(word) ? word.length / 100 : word.length);

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

/**
 * The words of which an article must contain one to name the actor at all; null when some form of
 * the actor has no letter or digit, and so no word the index could require.
 */
const actorKeys = (actor: Actor): string[] | null => {
  const forms = [
    ...[actor.name, ...actor.aliases, ...actor.shortNames].map(nameKeys),
    ...descriptionsOf(actor).map(descriptionKeys),
  ];
  if (forms.some((keys) => keys.length === 0)) return null;
  return [...new Set(forms.flat())];
};

export interface TopicIndex {
  /** The topics indexed, by position: what the index answers with. */
  readonly topics: readonly Topic[];
  /** Word → positions of the topics filed under it (each under the words of one actor). */
  readonly postings: ReadonlyMap<string, readonly number[]>;
  /** Positions of the topics no word can rule out: evaluated for every article. */
  readonly always: readonly number[];
  /** By position: for each actor the index can check, the words of which the article needs one. */
  readonly required: readonly (readonly (readonly string[])[])[];
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

/** Built once per topic list, when the topics are compiled. */
export const buildTopicIndex = (topics: readonly Topic[]): TopicIndex => {
  const postings = new Map<string, number[]>();
  const always: number[] = [];
  const required = topics.map((topic, position) => {
    const keyed = topic.actors.map(actorKeys).filter((keys): keys is string[] => keys !== null);
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
  return { topics, postings, always, required };
};

/**
 * The positions, ascending, of the topics an article with these words may match: those filed under
 * one of its words whose every checkable actor has a word in it, and the always-evaluated ones.
 */
export const candidateTopics = (index: TopicIndex, words: ReadonlySet<string>): number[] => {
  const marked = new Uint8Array(index.topics.length);
  for (const position of index.always) marked[position] = 1;
  // The smaller side drives the lookups: an article's words, or the index's, whichever is fewer.
  if (words.size <= index.postings.size) {
    for (const word of words) for (const position of index.postings.get(word) ?? []) marked[position] = 1;
  } else {
    for (const [word, positions] of index.postings)
      if (words.has(word)) for (const position of positions) marked[position] = 1;
  }
  const candidates: number[] = [];
  for (let position = 0; position < marked.length; position += 1) {
    if (marked[position] !== 1) continue;
    const actors = index.required[position] ?? [];
    if (actors.every((keys) => keys.some((key) => words.has(key)))) candidates.push(position);
  }
  return candidates;
};
