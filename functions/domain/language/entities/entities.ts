import type { Entities, EntityDetail, SentenceRole } from '../analysis';
import {
  COMPANY_SUFFIXES,
  LOCATIVE_PREPOSITIONS,
  NAME_PARTICLES,
  OF_JOINING_HEADS,
  ORG_HEAD_WORDS,
  ORG_PREFIX_WORDS,
  PLACE_HEAD_WORDS,
  PLACE_NOUNS,
  PLACE_PREFIX_WORDS,
} from './entity-cues';
import {
  endsWithHonorific,
  entityKey,
  honorificPrefixLength,
  isPluralDemonym,
  lookupDemonym,
  lookupName,
  mayStartHonorific,
  type EntityKind,
} from './entity-lexicon';
import { STATE_NOUNS } from './name-titles';
import { CALENDAR_WORDS, EVENT_HEAD_WORDS, EVENT_PREFIXES, NON_ENTITY_ACRONYMS } from './non-entities';
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

/** A proper-noun run after titles and leading nationality words are peeled off. */
interface Candidate {
  sentence: number;
  /** Order of appearance in the article, for stable ordering of ties. */
  order: number;
  words: string[];
  /** Capitalised titles peeled off the front of the run ("President" of "President Donald Trump"). */
  title: string[];
  /** Decided already (gazetteer, cue word, title, shape), or null for a lone word to resolve. */
  kind: EntityKind | null;
  /** Set when the gazetteer names it. */
  canonical: string | null;
  titled: boolean;
  initial: boolean;
  locative: boolean;
  /** Listed together with the candidate before it: "Cardiff and Swansea", "from Leeds to York". */
  coordinated: boolean;
}

// After these a new sentence-like stretch starts: a quotation, a parenthesis, a colon, a dash.
const OPENERS: ReadonlySet<string> = new Set(['"', "'", '“', '‘', '(', ':', '—', '–', '--']);
const HYPHENS = /^[-‐‑]$/;
const ACRONYM = /^[\p{Lu}][\p{Lu}\p{N}&]{1,6}$/u;
const NAME_WORD = /^\p{Lu}[\p{L}'’.]*(?:-\p{L}[\p{L}'’.]*)*$/u;
const INITIAL = /^\p{Lu}\.?$/u;
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'the', 'for', '&']);
const MAX_PERSON_WORDS = 5;

const lowerBare = (text: string) => text.toLowerCase().replace(/\.$/, '');

class SentenceScanner {
  private readonly initial: Uint8Array;
  readonly limit: number;

  constructor(
    readonly tokens: readonly Token[],
    creditStart: number,
  ) {
    this.limit = creditStart >= 0 ? creditStart : tokens.length;
    this.initial = new Uint8Array(this.limit);
    let atStart = true;
    for (let i = 0; i < this.limit; i += 1) {
      const token = tokens[i];
      if (!token) continue;
      if (token.word) {
        if (atStart) this.initial[i] = 1;
        atStart = false;
      } else if (OPENERS.has(token.text)) atStart = true;
    }
  }

  isInitial(i: number) {
    return this.initial[i] === 1;
  }

  /**
   * A word that can be part of a name. Mid-sentence, a capital letter is the evidence (wink tags
   * "Demilitarised" in "Demilitarised Zone" as an adjective). At the start of a sentence every
   * word is capitalised, so only wink's PROPN tag counts there.
   */
  isNameWord(i: number, continuing: boolean): boolean {
    if (i >= this.limit) return false;
    const token = this.tokens[i];
    if (!token || !token.capitalised || token.text === 'I') return false;
    const lower = token.lower.endsWith('.') ? token.lower.slice(0, -1) : token.lower;
    if (CALENDAR_WORDS.has(lower)) return false;
    // "May" the month, unless it continues a name ("Theresa May").
    if (lower === 'may' && !continuing) return false;
    if (this.initial[i] === 1) return token.pos === 'PROPN';
    return !(token.stopWord && token.pos !== 'PROPN');
  }

  lower(i: number) {
    return this.tokens[i]?.lower ?? '';
  }
}

interface Run {
  start: number;
  end: number;
  words: string[];
}

const nextRun = (scan: SentenceScanner, from: number): Run | null => {
  const { tokens } = scan;
  let i = from;
  while (i < scan.limit && !scan.isNameWord(i, false)) i += 1;
  if (i >= scan.limit) return null;
  const start = i;
  const words = [tokens[i]?.text ?? ''];
  let nameWords = 1;
  let j = i + 1;
  for (;;) {
    const token = tokens[j];
    const previous = tokens[j - 1];
    if (!token || !previous || j >= scan.limit) break;
    if (scan.isNameWord(j, true)) {
      words.push(token.text);
      nameWords += 1;
      j += 1;
      continue;
    }
    const after = tokens[j + 1];
    // "Asia-Pacific", "Kim Jong-un": a hyphen with no spaces around it joins the parts. A lower-case
    // part only continues a name already two words long, so that "Trump-style" stays apart.
    if (
      HYPHENS.test(token.text) &&
      after &&
      j + 1 < scan.limit &&
      token.start === previous.end &&
      after.start === token.end &&
      after.word &&
      (after.capitalised || nameWords >= 2)
    ) {
      words[words.length - 1] += `-${after.text}`;
      j += 2;
      continue;
    }
    const lower = token.lower;
    // "Bank of England", "Secretary of State", "Democratic Republic of the Congo".
    if (
      (lower === 'of' || lower === 'for') &&
      OF_JOINING_HEADS.has(lowerBare(words[words.length - 1] ?? ''))
    ) {
      const k = scan.lower(j + 1) === 'the' ? j + 2 : j + 1;
      if (scan.isNameWord(k, true)) {
        for (let m = j; m < k; m += 1) words.push(scan.lower(m));
        j = k;
        continue;
      }
    }
    if (token.text === '&' && scan.isNameWord(j + 1, true)) {
      words.push('&');
      j += 1;
      continue;
    }
    // "Ursula von der Leyen", "Mohammed bin Salman".
    if (NAME_PARTICLES.has(token.text)) {
      let k = j;
      while (NAME_PARTICLES.has(tokens[k]?.text ?? '') && k < scan.limit) k += 1;
      if (scan.isNameWord(k, true)) {
        for (let m = j; m < k; m += 1) words.push(tokens[m]?.text ?? '');
        j = k;
        continue;
      }
    }
    break;
  }
  return { start, end: j, words };
};

const isAcronym = (word: string) => ACRONYM.test(word) && !NON_ENTITY_ACRONYMS.has(word.toLowerCase());

const initialsOf = (words: readonly string[]) =>
  words
    .filter((w) => !CONNECTORS.has(w.toLowerCase()))
    .flatMap((w) => w.split('-'))
    .map((w) => w.charAt(0).toUpperCase())
    .join('');

/** Kind of a multi-word name from its cue words, or null. */
const kindFromCues = (words: readonly string[]): EntityKind | null => {
  if (words.length < 2) return null;
  const first = lowerBare(words[0] ?? '');
  const last = lowerBare(words[words.length - 1] ?? '');
  const joined = words.includes('of') || words.includes('for');
  if (ORG_HEAD_WORDS.has(last) || (joined && ORG_PREFIX_WORDS.has(first))) return 'organization';
  if (PLACE_HEAD_WORDS.has(last) || PLACE_PREFIX_WORDS.has(first)) return 'place';
  return null;
};

/**
 * Two to five capitalised words with no cue to their kind are most often a person in news copy.
 * Not when the last is an initial ("Band D"), when one is a known name ("AOL Europe"), or when the
 * article also uses one as an ordinary lower-case word ("Final Diagnosis", "Connected World").
 */
const looksLikePersonName = (words: readonly string[], lowercaseWords: ReadonlySet<string>) =>
  words.length >= 2 &&
  words.length <= MAX_PERSON_WORDS &&
  !INITIAL.test(words[words.length - 1] ?? '') &&
  // "British Olympic (Association)": a nationality does not start a personal name.
  !lookupDemonym(entityKey(words[0] ?? '')) &&
  words.every(
    (w) =>
      NAME_PARTICLES.has(w) ||
      (NAME_WORD.test(w) && !lowercaseWords.has(w.toLowerCase()) && !isAcronym(w) && !lookupName(w)),
  );

interface RunContext {
  sentence: number;
  scan: SentenceScanner;
  run: Run;
  /** Words in lower case that the article also uses uncapitalised, so not names at a sentence start. */
  lowercaseWords: ReadonlySet<string>;
}

/** Capitalised title words just before a run ("President" + "Donald Trump"), or none. */
const writtenTitleBefore = (scan: SentenceScanner, start: number): string[] => {
  for (let n = Math.min(3, start); n > 0; n -= 1) {
    const tokens = scan.tokens.slice(start - n, start);
    if (!tokens.every((token) => token.capitalised)) continue;
    const words = tokens.map((token) => token.text);
    if (honorificPrefixLength(words) === n) return words;
  }
  return [];
};

/** Peels titles and nationality words off a run and decides what is left, where it can. */
const candidatesOfRun = ({ sentence, scan, run, lowercaseWords }: RunContext): Candidate[] => {
  const out: Candidate[] = [];
  const previous = scan.lower(run.start - 1);
  const next = scan.lower(run.end);
  let titled =
    previous !== '' && endsWithHonorific([scan.lower(run.start - 3), scan.lower(run.start - 2), previous]);
  let initial = scan.isInitial(run.start);
  const locative =
    (LOCATIVE_PREPOSITIONS.has(previous) ||
      (previous === 'of' && PLACE_NOUNS.has(scan.lower(run.start - 2)))) &&
    // "in Danger" is a book title's phrase when the article also writes "danger".
    !lowercaseWords.has(run.words.join(' ').toLowerCase());
  let words = run.words;
  // "President" opening a sentence is tagged a noun and stays out of the run; it is still written.
  let title: string[] = titled ? writtenTitleBefore(scan, run.start) : [];

  const emit = (kind: EntityKind | null, canonical: string | null, ws: string[]) =>
    out.push({
      sentence,
      order: 0,
      words: ws,
      title,
      kind,
      canonical,
      titled,
      initial,
      locative,
      coordinated: false,
    });
  const emitKnownPrefix = (): boolean => {
    // "US President Trump", "Chinese President Xi Jinping", "of France Emmanuel Macron".
    if (words.length < 2 || !(titled || words.some((w, i) => i > 0 && mayStartHonorific(w)))) return false;
    for (let n = Math.min(3, words.length - 1); n > 0; n -= 1) {
      const prefix = words.slice(0, n).join(' ');
      const known = lookupName(prefix);
      const demonym = lookupDemonym(entityKey(prefix));
      if (!known && !demonym) continue;
      if (!titled && honorificPrefixLength(words, n) === 0) continue;
      if (known) emit(known.kind, known.canonical, words.slice(0, n));
      else if (demonym) emit('place', demonym, words.slice(0, n));
      words = words.slice(n);
      return true;
    }
    return false;
  };

  for (;;) {
    const titleLength = honorificPrefixLength(words);
    if (titleLength > 0) {
      titled = true;
      initial = false;
      title = [...title, ...words.slice(0, titleLength)];
      words = words.slice(titleLength);
      if (words[0] === 'of' || words[0] === 'for') words = words.slice(words[1] === 'the' ? 2 : 1);
      if (words.length === 0) return out;
      continue;
    }
    if (emitKnownPrefix()) {
      initial = false;
      continue;
    }
    break;
  }

  // A sentence-initial capital proves nothing: drop a first word the article also writes in lower
  // case, or a function word ("Shares", "This").
  if (initial && words.length > 1) {
    const first = (words[0] ?? '').toLowerCase();
    if (lowercaseWords.has(first) || scan.tokens[run.start]?.stopWord) {
      words = words.slice(1);
      initial = false;
    }
  }

  const surface = words.join(' ');
  const key = entityKey(surface);
  const known = lookupName(surface);
  if (known) {
    if (!(initial && words.length === 1 && lowercaseWords.has(key))) emit(known.kind, known.canonical, words);
    return out;
  }
  const demonym = lookupDemonym(key);
  if (demonym) {
    const statesman = STATE_NOUNS.has(next) || endsWithHonorific([next]);
    const plural = isPluralDemonym(words[words.length - 1] ?? '') && previous === 'the';
    if (statesman || plural) emit('place', demonym, words);
    return out;
  }
  if (words.length === 1 && (words[0] ?? '').includes('-')) {
    // "U.S.-China talks": two known names hyphenated together.
    const parts = (words[0] ?? '').split('-').map((part) => lookupName(part));
    if (parts.every((part) => part !== undefined)) {
      for (const part of parts) if (part) emit(part.kind, part.canonical, [part.canonical]);
      return out;
    }
  }
  if (words.length > 1) {
    const first = lowerBare(words[0] ?? '');
    const last = lowerBare(words[words.length - 1] ?? '');
    // Events and works ("Storm Fenna", "World Cup", "Da Vinci Code") are none of our kinds, and
    // a run ending in a title ("Industry Secretary") names an office, not its holder.
    if (EVENT_PREFIXES.has(first) || EVENT_HEAD_WORDS.has(last) || endsWithHonorific([last])) return out;
  }
  const cued = kindFromCues(words);
  if (cued) {
    emit(cued, null, words);
    return out;
  }
  if (words.length === 1) {
    const word = words[0] ?? '';
    emit(titled && NAME_WORD.test(word) ? 'person' : isAcronym(word) ? 'organization' : null, null, words);
    return out;
  }
  // "Kenyan Bernard Lagat": a nationality in front of a name is description.
  const nationality = lookupDemonym(entityKey(words[0] ?? ''))
    ? 1
    : lookupDemonym(entityKey(words.slice(0, 2).join(' ')))
      ? 2
      : 0;
  if (nationality > 0 && words.length - nationality >= 2) words = words.slice(nationality);
  if (
    titled
      ? words.every((w) => NAME_WORD.test(w) || NAME_PARTICLES.has(w))
      : looksLikePersonName(words, lowercaseWords)
  ) {
    emit('person', null, words);
  } else if (words.some((w) => isAcronym(w) || lookupName(w)?.kind === 'organization')) {
    // "BBC Radio", "UK Athletics", "AOL Europe": a known name or acronym with more after it.
    emit('organization', null, words);
  }
  return out;
};

const lowercaseWordsOf = (sources: readonly EntitySource[]) => {
  const seen = new Set<string>();
  for (const source of sources) {
    for (const token of source.tokens) {
      // Stop words cannot be name words anyway; leaving them out halves the set.
      if (token.word && !token.stopWord && !token.capitalised && token.lower === token.text)
        seen.add(token.text);
    }
  }
  return seen;
};

/** "Asia-Pacific Economic Cooperation (APEC)": the acronym names the same thing. */
const acronymAfter = (scan: SentenceScanner, run: Run): string | null => {
  if (scan.tokens[run.end]?.text !== '(' || scan.tokens[run.end + 2]?.text !== ')') return null;
  const acronym = scan.tokens[run.end + 1]?.text ?? '';
  return ACRONYM.test(acronym) && initialsOf(run.words) === acronym ? acronym : null;
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

const COORDINATORS: ReadonlySet<string> = new Set(['and', 'or', ',', 'to', '&']);

const collectCandidates = (sources: readonly EntitySource[]) => {
  const lowercaseWords = lowercaseWordsOf(sources);
  const candidates: Candidate[] = [];
  const acronyms = new Map<string, Candidate>();
  sources.forEach((source, sentence) => {
    if (isTitleCaseHeading(source)) return;
    const scan = new SentenceScanner(source.tokens, source.creditStart);
    let previousEnd = -1;
    for (let run = nextRun(scan, 0); run; run = nextRun(scan, run.end)) {
      const found = candidatesOfRun({ sentence, scan, run, lowercaseWords });
      const coordinated = run.start === previousEnd + 1 && COORDINATORS.has(scan.lower(previousEnd));
      for (const candidate of found) {
        candidate.order = candidates.length;
        candidate.coordinated = coordinated && candidate === found[0];
        candidates.push(candidate);
      }
      const acronym = acronymAfter(scan, run);
      const named = found[found.length - 1];
      if (acronym && named && named.kind) acronyms.set(acronym, named);
      previousEnd = run.end;
    }
  });
  return { candidates, acronyms };
};

/**
 * Brands: "Lumora" of "Lumora Inc.", or a gazetteer company such as "Samsung". A two-word "name"
 * starting with one is a product ("Lumora Fold", "Samsung Galaxy"), not a person, and is dropped;
 * the brand alone stands for the company.
 */
const brandsOf = (candidates: Candidate[]) => {
  const brands = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const [first, second] = candidate.words;
    if (candidate.kind !== 'organization' || !first) continue;
    const company = candidate.words.length === 2 && COMPANY_SUFFIXES.has(lowerBare(second ?? ''));
    if (company || (candidate.words.length === 1 && candidate.canonical))
      brands.set(entityKey(first), candidate);
  }
  for (const candidate of candidates) {
    const first = candidate.words[0] ?? '';
    if (candidate.kind === 'person' && candidate.words.length > 1 && brands.has(entityKey(first))) {
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
 * People, organisations and places an article names, each under one canonical name, most
 * mentioned first; and which sentence mentions which entity.
 *
 * Built on wink's PROPN tags: runs of name words are peeled of titles ("President", "Mr.") and
 * nationality words ("Chinese President ..."), then classified by the gazetteer, cue words
 * ("...Party", "...Zone"), shape (ACRONYM, Two Names) and context (a title before, "in" before).
 * A lone word ("Trump", "Kim") is an alias of a full name introduced in the same article.
 */
export const extractEntities = (sources: readonly EntitySource[]): EntityAnalysis => {
  const { candidates, acronyms } = collectCandidates(sources);
  const brands = brandsOf(candidates);

  const people = new PeopleIndex();
  for (const candidate of candidates) {
    if (candidate.kind === 'person' && candidate.words.length > 1) people.add(candidate.words);
  }
  // Lone words that had a title somewhere ("Mr. Reeves") are people wherever they appear.
  const titledSingles = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.kind === 'person' && candidate.words.length === 1)
      titledSingles.add(entityKey(candidate.words[0] ?? ''));
  }

  const resolveDirect = (candidate: Candidate): Resolved | null => {
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
      const longForm =
        acronyms.get(surface) ?? (candidate.kind === null ? brands.get(entityKey(surface)) : undefined);
      if (longForm?.kind) {
        const form = longForm.words.join(' ');
        return {
          kind: longForm.kind,
          key: entityKey(longForm.canonical ?? form),
          fixedName: longForm.canonical,
          form,
        };
      }
    }
    if (candidate.kind) {
      return {
        kind: candidate.kind,
        key: entityKey(candidate.canonical ?? surface),
        fixedName: candidate.canonical,
        form: surface,
      };
    }
    const key = entityKey(surface);
    if (titledSingles.has(key)) return { kind: 'person', key, fixedName: null, form: surface };
    if (candidate.locative && !candidate.initial)
      return { kind: 'place', key, fixedName: null, form: surface };
    return null;
  };

  const resolved = candidates.map(resolveDirect);
  // A lone unknown word listed with a place is a place: "between Cardiff and Swansea". Repeated
  // so that a place's status travels along a list ("Leeds, Hull and York").
  for (let changed = true; changed;) {
    changed = false;
    candidates.forEach((candidate, i) => {
      if (resolved[i] || candidate.kind !== null || candidate.initial || candidate.words.length !== 1) return;
      const before = candidate.coordinated ? resolved[i - 1] : null;
      const after = candidates[i + 1]?.coordinated ? resolved[i + 1] : null;
      if (before?.kind === 'place' || after?.kind === 'place') {
        const form = candidate.words[0] ?? '';
        resolved[i] = { kind: 'place', key: entityKey(form), fixedName: null, form };
        changed = true;
      }
    });
  }

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
    mentions.push({ sentence: candidate.sentence, id: entity.id });
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
