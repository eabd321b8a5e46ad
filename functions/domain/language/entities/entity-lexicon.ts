import { DEMONYMS } from './demonyms';
import { ORGANIZATIONS, PLACES } from './gazetteer';
import { HONORIFICS, MAX_HONORIFIC_WORDS } from './name-titles';

export type EntityKind = 'person' | 'organization' | 'place';

export interface KnownEntity {
  kind: EntityKind;
  canonical: string;
}

/**
 * The form names are compared in: lower case, no full stops, hyphens as spaces, one apostrophe.
 * "U.S." and "US", "Kim Jong-un" and "Kim Jong Un", "Trump’s" and "Trump's" compare equal.
 */
const computeKey = (name: string): string =>
  // Most names are one plain word; skip the regular expressions for them.
  !/[’.\-‐‑–\s]/.test(name)
    ? name.toLowerCase()
    : name
        .toLowerCase()
        .replace(/’/g, "'")
        .replace(/\./g, '')
        .replace(/[-‐‑–]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();

// Keys are asked for the same few thousand names over and over (a hot path). The cap bounds the
// memory of a long-lived Lambda container; clearing it all is crude but costs one miss per name.
const KEY_CACHE_LIMIT = 50_000;
const keyCache = new Map<string, string>();

export const entityKey = (name: string): string => {
  let key = keyCache.get(name);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = computeKey(name);
    keyCache.set(name, key);
  }
  return key;
};

interface GazetteerEntry extends KnownEntity {
  /** Every name with this key is an acronym ("UN"): then "Un" in "Kim Jong Un" must not match. */
  acronymOnly: boolean;
}

const ACRONYM_NAME = /^[\p{Lu}\p{N}.&\s-]+$/u;

const buildGazetteer = (): Map<string, GazetteerEntry> => {
  const index = new Map<string, GazetteerEntry>();
  const add = (kind: EntityKind, table: Readonly<Record<string, readonly string[]>>) => {
    for (const [canonical, aliases] of Object.entries(table)) {
      for (const name of [canonical, ...aliases]) {
        const key = entityKey(name);
        const acronym = ACRONYM_NAME.test(name);
        const existing = index.get(key);
        index.set(key, { kind, canonical, acronymOnly: acronym && (existing?.acronymOnly ?? true) });
      }
    }
  };
  add('place', PLACES);
  add('organization', ORGANIZATIONS);
  return index;
};

const GAZETTEER = buildGazetteer();
const DEMONYM_INDEX = new Map(
  Object.entries(DEMONYMS).map(([demonym, place]) => [entityKey(demonym), place]),
);

// First words of the gazetteer's names: a tagger asks of every word whether a name starts there.
const GAZETTEER_FIRST_WORDS = new Set([...GAZETTEER.keys()].map((key) => key.split(' ')[0] ?? ''));

// Every run of a gazetteer key's first words ("bank", "bank of", "bank of england"): a run of words
// no key starts with is no name, whatever follows it.
const GAZETTEER_PREFIXES = new Set(
  [...GAZETTEER.keys()].flatMap((key) => {
    const parts = key.split(' ');
    return parts.map((_, k) => parts.slice(0, k + 1).join(' '));
  }),
);

/** Whether some gazetteer key starts with this key (whole words). */
export const mayStartKnownKey = (key: string): boolean => GAZETTEER_PREFIXES.has(key);

/** Whether some gazetteer name starts with this word (compared as {@link entityKey} compares). */
export const mayStartKnownName = (word: string): boolean => {
  const key = entityKey(word);
  const space = key.indexOf(' ');
  return GAZETTEER_FIRST_WORDS.has(space < 0 ? key : key.slice(0, space));
};

/** The gazetteer's entry for a name as written: "U.S." and "US" match "United States", "Us" does not. */
export const lookupName = (name: string): KnownEntity | undefined => {
  const entry = GAZETTEER.get(entityKey(name));
  if (!entry || (entry.acronymOnly && !ACRONYM_NAME.test(name))) return undefined;
  return entry;
};

/** The country a nationality word stands for ("North Korean" → "North Korea"). */
export const lookupDemonym = (key: string): string | undefined => DEMONYM_INDEX.get(key);

// First and last words of the titles: most runs fail these lookups, so the full check is skipped.
const HONORIFIC_FIRST_WORDS = new Set([...HONORIFICS].map((title) => title.split(' ')[0] ?? ''));
const HONORIFIC_LAST_WORDS = new Set([...HONORIFICS].map((title) => title.split(' ').pop() ?? ''));

/** Whether `word` can start a title ("Prime" in "Prime Minister", "Mr."). */
const mayStartHonorific = (word: string): boolean => HONORIFIC_FIRST_WORDS.has(entityKey(word));

/** How many leading words of `words` form a title ("Prime Minister", "Mr."); 0 when none. */
export const honorificPrefixLength = (words: readonly string[], from = 0): number => {
  if (from >= words.length || !mayStartHonorific(words[from] ?? '')) return 0;
  for (let n = Math.min(MAX_HONORIFIC_WORDS, words.length - from); n > 0; n -= 1) {
    if (HONORIFICS.has(entityKey(words.slice(from, from + n).join(' ')))) return n;
  }
  return 0;
};

/** Whether `word` can end a title ("Minister", "Mr"). */
export const mayEndHonorific = (word: string): boolean => HONORIFIC_LAST_WORDS.has(entityKey(word));

/** Whether the words just before a name end with a title ("North Korean leader", "said Mr"). */
export const endsWithHonorific = (words: readonly string[]): boolean => {
  if (words.length === 0 || !HONORIFIC_LAST_WORDS.has(entityKey(words[words.length - 1] ?? ''))) return false;
  for (let n = Math.min(MAX_HONORIFIC_WORDS, words.length); n > 0; n -= 1) {
    if (HONORIFICS.has(entityKey(words.slice(words.length - n).join(' ')))) return true;
  }
  return false;
};
