import type { Entities, EntityDetail, SentenceRole } from '../analysis';
import {
  COMPANY_SUFFIXES,
  FIXTURE_WORDS,
  OF_JOINING_HEADS,
  ORG_HEAD_WORDS,
  PLACE_HEAD_WORDS,
  PLACE_PREFIX_WORDS,
  SPORTS_WORDS,
} from './entity-cues';
import type { TaggerContext, TaggerWord } from './entity-features';
import {
  entityKey,
  honorificPrefixLength,
  lookupDemonym,
  lookupName,
  type EntityKind,
} from './entity-lexicon';
import { EVENT_HEAD_WORDS, EVENT_PREFIXES } from './non-entities';
import { DEMONYMS } from './demonyms';
import type { EntitySpan } from './entity-tagger';
import { tagEntities } from './tag-entities';
import type { Token } from '../tokenise';
import { isTitleCaseHeading } from '../title-case';

/** What entity extraction needs of a sentence. */
export interface EntitySource {
  tokens: readonly Token[];
  /** Index of a trailing photo credit's "(": the agency in it is no part of the story. -1: none. */
  creditStart: number;
  role: SentenceRole;
}

export interface EntityMention {
  /** Index of the sentence in the sources given. */
  sentence: number;
  /** Stable within one analysis: `kind:canonical`. */
  id: string;
  kind: EntityKind;
  /** Character offsets of the name as written (tokens' `start` and `end`), titles left out. */
  start: number;
  end: number;
}

export interface EntityAnalysis {
  entities: Entities;
  /** The same entities with their aliases, mention counts and first sentence, most mentioned first. */
  details: EntityDetail[];
  mentions: EntityMention[];
}

// Caps on the details, which are stored with the article in one DynamoDB item (400 KB at most):
// 100 entities × 10 aliases × 80 characters stays under 100 KB even for a pathological article.
export const MAX_ENTITY_DETAILS = 100;
export const MAX_ALIASES = 10;
const MAX_ALIAS_CHARS = 80;

/** What finds the names in a sentence: the shipped tagger, or a stand-in in tests. */
export type SentenceTagger = (words: readonly TaggerWord[], context: TaggerContext) => EntitySpan[];

/** A name the tagger found, with titles peeled off and the gazetteer's name where it has one. */
interface Candidate {
  sentence: number;
  /** Order of appearance in the article, for stable ordering of ties. */
  order: number;
  words: string[];
  /** Titles written before the name ("President" of "President Donald Trump"), for its aliases. */
  title: string[];
  kind: EntityKind;
  /** Set when the gazetteer names it as the same kind. */
  canonical: string | null;
  /** Character offsets of the name in the sentence's text. */
  start: number;
  end: number;
}

const ACRONYM = /^[\p{Lu}][\p{Lu}\p{N}&]{1,6}$/u;
const INITIAL = /^\p{Lu}\.?$/u;
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'the', 'for', '&']);
/** Words a tagged span may start or end with that are no part of the name ("the", "'s"). */
const LEADING_DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an']);
const POSSESSIVE = /^['’]s?$/;
const PUNCTUATION_EDGE = /^[^\p{L}\p{N}]+$/u;

const initialsOf = (words: readonly string[]) =>
  words
    .filter((w) => !CONNECTORS.has(w.toLowerCase()))
    .flatMap((w) => w.split('-'))
    .map((w) => w.charAt(0).toUpperCase())
    .join('');

/** Tokens [start, end) as words: tokens written with no space between them are one ("Jong-un"). */
const wordsOfTokens = (tokens: readonly Token[], start: number, end: number): string[] => {
  const words: string[] = [];
  for (let i = start; i < end; i += 1) {
    const token = tokens[i];
    if (!token) continue;
    const previous = tokens[i - 1];
    if (i > start && previous && token.start === previous.end && words.length > 0) {
      words[words.length - 1] += token.text;
    } else words.push(token.text);
  }
  return words;
};

/** Capitalised title words just before a name ("President" + "Donald Trump"), or none. */
const writtenTitleBefore = (tokens: readonly Token[], start: number): string[] => {
  for (let n = Math.min(3, start); n > 0; n -= 1) {
    const before = tokens.slice(start - n, start);
    if (!before.every((token) => token.capitalised)) continue;
    const words = before.map((token) => token.text);
    if (honorificPrefixLength(words) === n) return words;
  }
  return [];
};

/** "Asia-Pacific Economic Cooperation (APEC)": the acronym after a name names the same thing. */
const acronymAfter = (tokens: readonly Token[], end: number, words: readonly string[]): string | null => {
  if (tokens[end]?.text !== '(' || tokens[end + 2]?.text !== ')') return null;
  const acronym = tokens[end + 1]?.text ?? '';
  return ACRONYM.test(acronym) && initialsOf(words) === acronym ? acronym : null;
};

const bare = (word: string) => word.toLowerCase().replace(/\.$/, '');

/**
 * The kind of a tagged name, where its own words decide it, or null for what is none of ours. A
 * name's head settles its kind whatever the context ("Eastmoor District Council" is an
 * organisation, "Lumora Inc." a company, "Gulf of Mexico" a place); a nationality word is not a
 * place ("North Korean"), and events and works ("Storm Fenna", "London Marathon", "World Cup") are
 * none of the three.
 */
const kindOfName = (words: readonly string[], tagged: EntityKind): EntityKind | null => {
  const joined = words.join(' ');
  if (lookupDemonym(entityKey(joined))) return null;
  const first = bare(words[0] ?? '');
  const last = bare(words[words.length - 1] ?? '');
  if (words.length > 1 && (EVENT_PREFIXES.has(first) || EVENT_HEAD_WORDS.has(last))) return null;
  const cued = cuedKind(words);
  // "Min-ji Park", "Faith Hill": a place's head word is a surname too; only "of" makes it a place.
  if (cued === 'place' && tagged === 'person' && !words.includes('of')) return tagged;
  return cued ?? tagged;
};

/** The kind a name's head word gives it ("… Council", "Bank of …", "Gulf of …", "… Park"), or null. */
const cuedKind = (words: readonly string[]): EntityKind | null => {
  if (words.length < 2) return null;
  const last = bare(words[words.length - 1] ?? '');
  if (COMPANY_SUFFIXES.has(last) || ORG_HEAD_WORDS.has(last)) return 'organization';
  const of = words.findIndex((w) => w === 'of' || w === 'for');
  const head = of > 0 ? bare(words[of - 1] ?? '') : last;
  if (ORG_HEAD_WORDS.has(head)) return 'organization';
  if (PLACE_HEAD_WORDS.has(head) || PLACE_HEAD_WORDS.has(last)) return 'place';
  if (of === 1 && PLACE_PREFIX_WORDS.has(head)) return 'place';
  return null;
};

/** A tagged span as a candidate: edges trimmed, titles peeled off a person, the gazetteer asked. */
const candidateOf = (
  sentence: number,
  tokens: readonly Token[],
  span: EntitySpan,
): { candidate: Candidate; end: number } | null => {
  let { start, end } = span;
  while (
    start < end &&
    (PUNCTUATION_EDGE.test(tokens[start]?.text ?? '') || LEADING_DETERMINERS.has(tokens[start]?.lower ?? ''))
  )
    start += 1;
  while (
    end > start &&
    (POSSESSIVE.test(tokens[end - 1]?.text ?? '') || PUNCTUATION_EDGE.test(tokens[end - 1]?.text ?? ''))
  )
    end -= 1;
  // "Han Seo-yeon", "Asia-Pacific …": a name runs on over a hyphen written without spaces.
  const attached = (a: number) =>
    HYPHEN.test(tokens[a]?.text ?? '') &&
    tokens[a - 1]?.end === tokens[a]?.start &&
    tokens[a + 1]?.start === tokens[a]?.end &&
    tokens[a + 1]?.word === true;
  while (end + 1 < tokens.length && attached(end) && (tokens[end + 1]?.capitalised || span.kind === 'person'))
    end += 2;
  while (start >= 2 && attached(start - 1) && tokens[start - 2]?.capitalised) start -= 2;
  let words = wordsOfTokens(tokens, start, end).map((w) => w.replace(/['’]s$/, ''));
  let title: string[] = [];
  if (span.kind === 'person') {
    title = writtenTitleBefore(tokens, start);
    for (let n = honorificPrefixLength(words); n > 0 && n < words.length; n = honorificPrefixLength(words)) {
      title = [...title, ...words.slice(0, n)];
      words = words.slice(n);
    }
  }
  if (words.length === 0 || words.every((w) => !/\p{L}/u.test(w))) return null;
  const kind = kindOfName(words, span.kind);
  if (!kind) return null;
  const known = lookupName(words.join(' '));
  // Between an organisation and a place the curated list knows better ("a report by CNN"); a
  // person it never overrules ("Jordan" may be the man).
  const listed = known && kind !== 'person' && known.kind !== 'person' ? known.kind : kind;
  return {
    candidate: {
      sentence,
      order: 0,
      words,
      title,
      kind: listed,
      canonical: known && known.kind === listed ? known.canonical : null,
      start: tokens[start]?.start ?? 0,
      end: tokens[end - 1]?.end ?? 0,
    },
    end,
  };
};

interface Entity {
  id: string;
  kind: EntityKind;
  /** Surface forms seen, with counts, to name the entity by its most used full form. */
  forms: Map<string, number>;
  /** The gazetteer's name, when it has one. */
  fixedName: string | null;
  /** Every form as written, titles included ("President Donald Trump", "Trump"), with counts. */
  aliases: Map<string, number>;
  count: number;
  firstOrder: number;
  firstSentence: number;
}

class EntityTable {
  private readonly byId = new Map<string, Entity>();

  get(kind: EntityKind, key: string, fixedName: string | null, order: number, sentence: number): Entity {
    const id = `${kind}:${key}`;
    let entity = this.byId.get(id);
    if (!entity) {
      entity = {
        id,
        kind,
        forms: new Map(),
        fixedName,
        aliases: new Map(),
        count: 0,
        firstOrder: order,
        firstSentence: sentence,
      };
      this.byId.set(id, entity);
    }
    return entity;
  }

  /** Mentioned entities, most mentioned first, ties in order of appearance. */
  ranked(): Entity[] {
    return [...this.byId.values()]
      .filter((entity) => entity.count > 0)
      .sort((a, b) => b.count - a.count || a.firstOrder - b.firstOrder);
  }
}

const namesOf = (ranked: readonly Entity[], kind: EntityKind): string[] =>
  ranked.filter((entity) => entity.kind === kind).map(nameOf);

const detailsOf = (ranked: readonly Entity[]): EntityDetail[] =>
  ranked.slice(0, MAX_ENTITY_DETAILS).map((entity) => {
    const name = nameOf(entity);
    const aliases = [...entity.aliases]
      .filter(([alias]) => alias !== name && alias.length <= MAX_ALIAS_CHARS)
      // Most used first; a Map keeps first-seen order for the ties (sort is stable).
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_ALIASES)
      .map(([alias]) => alias);
    return {
      name,
      type: entity.kind,
      aliases,
      mentions: entity.count,
      firstSentence: entity.firstSentence,
    };
  });

const wordsIn = (form: string) => form.split(' ').length;

/** The canonical name: the gazetteer's, else the most used full form. */
const nameOf = (entity: Entity) => entity.fixedName ?? mostUsedForm(entity.forms);

/** The name to show: a full (multi-word) form over an alias, then the most used, then the shorter. */
const mostUsedForm = (forms: ReadonlyMap<string, number>) => {
  let best = '';
  let bestCount = -1;
  for (const [form, count] of forms) {
    const full = wordsIn(form) > 1;
    const bestFull = wordsIn(best) > 1;
    if (
      best === '' ||
      (full && !bestFull) ||
      // Ties go to the shorter form: "Donald Trump" over "Donald J. Trump".
      (full === bestFull && (count > bestCount || (count === bestCount && form.length < best.length)))
    ) {
      best = form;
      bestCount = count;
    }
  }
  return best;
};

/**
 * What the tagger is told of the whole document (the words it writes in lower case, as
 * documentContext finds them: only words starting with a letter are ever asked about), and
 * whether it reads as a sports report: one pass over its tokens.
 */
const documentOf = (sources: readonly EntitySource[]) => {
  const lowercaseWords = new Set<string>();
  let sportsCues = 0;
  for (const source of sources) {
    for (const token of source.tokens) {
      if (token.word && !token.capitalised && token.lower === token.text) {
        lowercaseWords.add(token.text);
        if (SPORTS_WORDS.has(token.text)) sportsCues += 1;
      }
    }
  }
  return { context: { lowercaseWords } as TaggerContext, sports: sportsCues >= 2 };
};

const HYPHEN = /^[-‐‑]$/;
const LIST_WORDS: ReadonlySet<string> = new Set(['and', 'or', ',', '&']);

/**
 * A lone untitled word the tagger called a person, listed with places, is a place too: "between
 * Cardiff and Swansea", "Leeds, Hull and York". People are listed with people.
 */
const listedWithPlaces = (tokens: readonly Token[], list: Candidate[]): void => {
  const byStart = new Map<number, Candidate>();
  const byEnd = new Map<number, Candidate>();
  for (const candidate of list) {
    byStart.set(candidate.start, candidate);
    byEnd.set(candidate.end, candidate);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const candidate of list) {
      if (candidate.kind !== 'person' || candidate.words.length !== 1 || candidate.title.length > 0) continue;
      const at = tokens.findIndex((t) => t.start === candidate.start);
      if (at < 0) continue;
      const before = tokens[at - 1];
      const after = tokens[at + 1];
      // A comma lists only inside a list ("Leeds, Hull and York"): "in York, Smith said" is no list.
      const joins = (word: Token | undefined, other: Token | undefined) =>
        word !== undefined &&
        LIST_WORDS.has(word.lower) &&
        (word.lower !== ',' || LIST_WORDS.has(other?.lower ?? ''));
      const left = joins(before, after) ? byEnd.get(tokens[at - 2]?.end ?? -1) : undefined;
      const right = joins(after, before) ? byStart.get(tokens[at + 2]?.start ?? -1) : undefined;
      if (left?.kind === 'place' || right?.kind === 'place') {
        candidate.kind = 'place';
        changed = true;
      }
    }
  }
};
const COUNTRIES: ReadonlySet<string> = new Set(Object.values(DEMONYMS).map((country) => entityKey(country)));
const SCORE = /^\d{1,3}(?:[-–]\d{1,3})?$/;

/**
 * In a sports report a city written as a side in a fixture or a result is its team, an
 * organisation ("Leeds 2 Chelsea 1", "Leeds v Chelsea", "beat Leeds"); a country stays a place,
 * as CoNLL writes national sides.
 */
const teamOrPlace = (candidate: Candidate, tokens: readonly Token[]): void => {
  if (
    candidate.kind !== 'place' ||
    COUNTRIES.has(entityKey(candidate.canonical ?? candidate.words.join(' ')))
  )
    return;
  const at = tokens.findIndex((token) => token.start === candidate.start);
  const end = tokens.findIndex((token) => token.end === candidate.end);
  if (at < 0 || end < 0) return;
  const before = tokens[at - 1]?.lower ?? '';
  const after = tokens[end + 1]?.lower ?? '';
  if (SCORE.test(after) || FIXTURE_WORDS.has(before) || FIXTURE_WORDS.has(after)) {
    candidate.kind = 'organization';
    candidate.canonical = null;
  }
};
const RUN_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'the', '&', 'and']);

/**
 * Names the tagger passed by that their own head word makes certain: a run of capitalised words
 * ending in an organisation's or a place's head ("Eastmoor District Council", "Kingsmere
 * Athletic", "Lumora Inc.", "Gulf of Mexico"). Web text, the tagger's training data, has few of
 * them; news has many.
 */
const headedNames = (tokens: readonly Token[], covered: Uint8Array): EntitySpan[] => {
  const spans: EntitySpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (covered[i] || !token.capitalised || (i === 0 && token.stopWord)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    let last = i;
    while (end < tokens.length && !covered[end]) {
      const next = tokens[end] as Token;
      if (next.capitalised) last = end;
      else if (!(RUN_CONNECTORS.has(next.lower) && tokens[end + 1]?.capitalised)) break;
      end += 1;
    }
    // "Members of Eastmoor District Council": only a name's own head joins an "of" ("Bank of
    // England", "Gulf of Mexico").
    let start = i;
    for (let k = i + 1; k < last; k += 1) {
      const lower = tokens[k]?.lower ?? '';
      const before = bare(tokens[k - 1]?.text ?? '');
      const joins =
        OF_JOINING_HEADS.has(before) || ORG_HEAD_WORDS.has(before) || PLACE_HEAD_WORDS.has(before);
      if ((lower === 'of' || lower === 'for') && !joins) start = k + 1;
    }
    while (start < last && RUN_CONNECTORS.has(tokens[start]?.lower ?? '')) start += 1;
    const words = tokens.slice(start, last + 1).map((t) => t.text);
    if (words.length >= 2) {
      const kind = cuedKind(words);
      if (kind) spans.push({ start, end: last + 1, kind });
    }
    i = last + 1;
  }
  return spans;
};

const LETTERS = /\p{L}/gu;

/** A line in capitals ("SOCCER - JAPAN GET LUCKY WIN"): three or more words, none in lower case. */
const isShouted = (tokens: readonly Token[]): boolean => {
  let words = 0;
  for (const token of tokens) {
    if (!token.word || token.text.length < 2) continue;
    if (token.text !== token.text.toUpperCase()) return false;
    words += 1;
  }
  return words >= 3;
};

/**
 * A shouted word as it would be written in a sentence, so that the tagger, trained on ordinary
 * text, reads a capital as a name's, not the line's: in lower case when the document writes it so
 * elsewhere ("GET" → "get"), else capitalised ("JAPAN" → "Japan"). A short word the gazetteer
 * knows in capitals stays ("EU", "UN").
 */
const quietly = (word: string, context: TaggerContext): string => {
  if ((word.match(LETTERS)?.length ?? 0) <= 3 && lookupName(word)) return word;
  const lower = word.toLowerCase();
  return context.lowercaseWords.has(lower) ? lower : word.charAt(0) + lower.slice(1);
};

/**
 * Tags a sentence with hyphenated words whole, a/**
 * Tags a sentence (a line in capitals read as ordinary text) and gives the spans in token
 * positions. Hyphens stay tokens of their own, as the training data mostly writes them
 * ("Al - Zaman"); candidateOf runs a name on over them.
 */
const tagSentence = (tag: SentenceTagger, tokens: readonly Token[], context: TaggerContext): EntitySpan[] => {
  const shouted = isShouted(tokens);
  const words = tokens.map((token) => ({
    text: shouted ? quietly(token.text, context) : token.text,
    pos: token.pos,
  }));
  return tag(words, context);
};

/**
 * Words that name an entity already found in the document: a one-word name ("Seoul"), and the
 * first and last words of a person's full name ("Trump", "Xi"). Wherever the tagger passed one
 * by (most often opening a sentence: "Xi later left Seoul"), it is the same name: one sense per
 * discourse.
 */
const namesToPropagate = (found: ReadonlyArray<readonly Candidate[]>) => {
  const names = new Map<string, EntityKind | null>();
  const add = (word: string, kind: EntityKind) => {
    if (!/^\p{Lu}/u.test(word)) return;
    const before = names.get(word);
    // A word that names entities of two kinds stands for neither.
    names.set(word, before === undefined || before === kind ? kind : null);
  };
  for (const candidates of found) {
    for (const candidate of candidates) {
      const { words, kind } = candidate;
      if (words.length === 1) add(words[0] ?? '', kind);
      else if (kind === 'person') {
        add(words[0] ?? '', kind);
        add(words[words.length - 1] ?? '', kind);
      }
    }
  }
  return names;
};

const collectCandidates = (sources: readonly EntitySource[], tag: SentenceTagger) => {
  const { context, sports } = documentOf(sources);
  const acronyms = new Map<string, Candidate>();
  const perSentence: Candidate[][] = [];
  const covered: Uint8Array[] = [];
  const dropped = new Set<string>();
  const sentenceTokens: Token[][] = [];
  sources.forEach((source, sentence) => {
    perSentence[sentence] = [];
    // A trailing photo credit's agency is no part of the story.
    const limit = source.creditStart >= 0 ? source.creditStart : source.tokens.length;
    const tokens = isTitleCaseHeading(source) ? [] : source.tokens.slice(0, limit);
    sentenceTokens[sentence] = tokens;
    covered[sentence] = new Uint8Array(tokens.length);
    for (const span of tokens.length > 0 ? tagSentence(tag, tokens, context) : []) {
      covered[sentence]?.fill(1, span.start, span.end);
      const found = candidateOf(sentence, tokens, span);
      if (!found) {
        // The words of a name that is none of ours (an event, a work) name nothing elsewhere either.
        for (let i = span.start; i < span.end; i += 1)
          if (tokens[i]?.capitalised) dropped.add(tokens[i]?.text ?? '');
        continue;
      }
      perSentence[sentence]?.push(found.candidate);
      const acronym = acronymAfter(tokens, found.end, found.candidate.words);
      if (acronym) acronyms.set(acronym, found.candidate);
    }
  });
  sentenceTokens.forEach((tokens, sentence) => {
    for (const span of headedNames(tokens, covered[sentence] as Uint8Array)) {
      covered[sentence]?.fill(1, span.start, span.end);
      const found = candidateOf(sentence, tokens, span);
      if (found) perSentence[sentence]?.push(found.candidate);
    }
  });
  sentenceTokens.forEach((tokens, sentence) => listedWithPlaces(tokens, perSentence[sentence] ?? []));
  if (sports) {
    perSentence.forEach((list, sentence) => {
      for (const candidate of list) teamOrPlace(candidate, sentenceTokens[sentence] ?? []);
    });
  }
  const names = namesToPropagate(perSentence);
  sentenceTokens.forEach((tokens, sentence) => {
    const mask = covered[sentence] as Uint8Array;
    const list = perSentence[sentence] as Candidate[];
    tokens.forEach((token, i) => {
      const kind = mask[i] ? undefined : names.get(token.text);
      // Joined to the word before or after ("Trump-Kim", "Kim's" is fine: the possessive is apart).
      const previous = tokens[i - 1];
      const next = tokens[i + 1];
      if (
        !kind ||
        token.stopWord ||
        (previous && previous.end === token.start) ||
        (next && next.start === token.end && /^\p{L}/u.test(next.text))
      )
        return;
      list.push({
        sentence,
        order: 0,
        words: [token.text],
        title: [],
        kind,
        canonical: null,
        start: token.start,
        end: token.end,
      });
    });
    list.sort((x, y) => x.start - y.start);
  });
  // "Fenna" alone, after "Storm Fenna": still the storm, no person.
  const candidates = perSentence
    .flat()
    .filter((c) => !(c.words.length === 1 && dropped.has(c.words[0] ?? '')));
  candidates.forEach((candidate, order) => {
    candidate.order = order;
  });
  return { candidates, acronyms };
};

/**
 * Brands: "Lumora" of "Lumora Inc.", or a gazetteer company such as "Samsung". A two-word "name"
 * starting with one is a product ("Lumora Fold", "Samsung Galaxy"), not a person or place: dropped;
 * the brand alone stands for the company.
 */
const brandsOf = (candidates: Candidate[]) => {
  const brands = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const [first, second] = candidate.words;
    if (candidate.kind !== 'organization' || !first) continue;
    const company = candidate.words.length === 2 && COMPANY_SUFFIXES.has(bare(second ?? ''));
    if (company || (candidate.words.length === 1 && candidate.canonical))
      brands.set(entityKey(first), candidate);
  }
  for (const candidate of candidates) {
    const first = candidate.words[0] ?? '';
    if (candidate.kind !== 'organization' && candidate.words.length > 1 && brands.has(entityKey(first))) {
      candidate.words = [];
    }
  }
  return brands;
};

/** Full personal names in the article, and the lone words that can stand for them. */
class PeopleIndex {
  private readonly known = new Set<string>();
  private readonly byLast = new Map<string, string[]>();
  private readonly byFirst = new Map<string, string[]>();
  private readonly mentions = new Map<string, number>();

  /** "Donald J. Trump" is "Donald Trump": middle initials are left out of the key. */
  static keyOf(words: readonly string[]) {
    return entityKey(words.filter((w, i) => i === 0 || i === words.length - 1 || !INITIAL.test(w)).join(' '));
  }

  add(words: readonly string[]): string {
    const key = PeopleIndex.keyOf(words);
    this.mentions.set(key, (this.mentions.get(key) ?? 0) + 1);
    if (!this.known.has(key)) {
      this.known.add(key);
      // Parts as written: "Un" of "Kim Jong Un" must not catch "UN".
      const parts = words
        .join(' ')
        .replace(/’/g, "'")
        .split(/[\s-]+/);
      const first = parts[0] ?? '';
      const last = parts[parts.length - 1] ?? '';
      this.byLast.set(last, [...(this.byLast.get(last) ?? []), key]);
      this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), key]);
    }
    return key;
  }

  /**
   * The full name a lone word stands for. Western names are shortened to the surname ("Trump"),
   * Korean and Chinese ones to the family name, which comes first ("Kim", "Xi"). When several
   * people share it, the most mentioned wins.
   */
  fullNameFor(word: string): string | undefined {
    const key = word.replace(/’/g, "'");
    const pick = (keys: string[] | undefined) =>
      keys?.reduce((best, k) => ((this.mentions.get(k) ?? 0) > (this.mentions.get(best) ?? 0) ? k : best));
    return pick(this.byLast.get(key)) ?? pick(this.byFirst.get(key));
  }
}

interface Resolved {
  kind: EntityKind;
  key: string;
  fixedName: string | null;
  /** The form to record for naming; aliases record the full form they stand for. */
  form: string;
}

/**
 * One kind per name in a document: a name the tagger calls a place twice and a person once is a
 * place all three times ("Fiji"), unless the gazetteer fixed it. Ties go to the first reading.
 */
const voteKinds = (candidates: readonly Candidate[]): void => {
  const votes = new Map<string, Map<EntityKind, number>>();
  for (const candidate of candidates) {
    if (candidate.canonical || candidate.words.length === 0) continue;
    const key = entityKey(candidate.words.join(' '));
    const tally = votes.get(key) ?? new Map<EntityKind, number>();
    tally.set(candidate.kind, (tally.get(candidate.kind) ?? 0) + 1);
    votes.set(key, tally);
  }
  for (const candidate of candidates) {
    if (candidate.canonical || candidate.words.length === 0) continue;
    const tally = votes.get(entityKey(candidate.words.join(' ')));
    if (!tally || tally.size < 2) continue;
    let best = candidate.kind;
    for (const [kind, count] of tally) if (count > (tally.get(best) ?? 0)) best = kind;
    candidate.kind = best;
  }
};

/**
 * People, organisations and places an article names, each under one canonical name, most
 * mentioned first; and which sentence mentions which entity, where.
 *
 * The trained tagger (entity-tagger.ts) finds the names and their kinds in each sentence; this
 * layer names them: titles ("President", "Mr.") are peeled off into aliases, the gazetteer gives
 * its canonical name ("U.S." → "United States") where it agrees on the kind, a name keeps one
 * kind across the article, an acronym after a long form ("(APEC)") and a lone surname or family
 * name ("Trump", "Kim") after a full name stand for that entity.
 */
export const extractEntities = (
  sources: readonly EntitySource[],
  tag: SentenceTagger = tagEntities,
): EntityAnalysis => {
  const { candidates, acronyms } = collectCandidates(sources, tag);
  voteKinds(candidates);
  const brands = brandsOf(candidates);

  const people = new PeopleIndex();
  for (const candidate of candidates) {
    if (candidate.kind === 'person' && candidate.words.length > 1) people.add(candidate.words);
  }

  const resolve = (candidate: Candidate): Resolved | null => {
    const words = candidate.words;
    if (words.length === 0) return null;
    const surface = words.join(' ');
    if (candidate.kind === 'person' && words.length > 1) {
      return { kind: 'person', key: PeopleIndex.keyOf(words), fixedName: null, form: surface };
    }
    if (words.length === 1) {
      // A surname beats the gazetteer: "Jordan" after "Michael Jordan" is the man.
      const fullName = people.fullNameFor(surface);
      if (fullName) return { kind: 'person', key: fullName, fixedName: null, form: surface };
      const longForm = acronyms.get(surface) ?? brands.get(entityKey(surface));
      if (longForm && longForm !== candidate) {
        const form = longForm.words.join(' ');
        return {
          kind: longForm.kind,
          key: entityKey(longForm.canonical ?? form),
          fixedName: longForm.canonical,
          form,
        };
      }
    }
    return {
      kind: candidate.kind,
      key: entityKey(candidate.canonical ?? surface),
      fixedName: candidate.canonical,
      form: surface,
    };
  };
  const resolved = candidates.map(resolve);

  const table = new EntityTable();
  const mentions: EntityMention[] = [];
  candidates.forEach((candidate, i) => {
    const found = resolved[i];
    if (!found) return;
    const entity = table.get(found.kind, found.key, found.fixedName, candidate.order, candidate.sentence);
    entity.count += 1;
    entity.forms.set(found.form, (entity.forms.get(found.form) ?? 0) + 1);
    // As written: an acronym or surname, not the full form it stands for; a person with the title.
    const written = found.kind === 'person' ? [...candidate.title, ...candidate.words] : candidate.words;
    const alias = written.join(' ');
    entity.aliases.set(alias, (entity.aliases.get(alias) ?? 0) + 1);
    mentions.push({
      sentence: candidate.sentence,
      id: entity.id,
      kind: entity.kind,
      start: candidate.start,
      end: candidate.end,
    });
  });

  const ranked = table.ranked();
  return {
    entities: {
      people: namesOf(ranked, 'person'),
      organizations: namesOf(ranked, 'organization'),
      places: namesOf(ranked, 'place'),
    },
    details: detailsOf(ranked),
    mentions,
  };
};
