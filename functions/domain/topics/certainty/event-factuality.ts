import type { PartOfSpeech } from 'wink-nlp';
import {
  AUXILIARIES,
  BE_TO_FUTURE,
  CLAUSE_ADVERBS,
  CLAUSE_OPENERS,
  CONDITIONALS,
  ENDING_PHRASES,
  FUTURE_TIME_WORDS,
  GOVERNORS,
  IF_MEANS_WHETHER_AFTER,
  LIGHT_VERBS,
  NEGATORS,
  SENTENCE_HEDGES,
  type CueEffect,
  type FactualCertainty,
  type FactualPolarity,
  type FactualTime,
  type Governor,
} from './factuality-cues';
import { tokenise, type Token } from '../../language/tokenise';

/**
 * Factuality of one event mention: how certain the writer is that it happens (or happened),
 * whether it is asserted or negated, and whether it lies in the future. Decided by the cues that
 * govern the event (its verb group, its noun phrase, the predicate it is the complement or subject
 * of, an if-clause around it), never by cue words elsewhere in the sentence: in "Officials did not
 * comment, but Trump will meet Kim" the negation belongs to "comment", not to "meet".
 *
 * The clause and verb group around the event are found from wink's part-of-speech tags; the cue
 * words are data in factuality-cues.ts.
 */

export interface Factuality {
  certainty: FactualCertainty;
  polarity: FactualPolarity;
  time: FactualTime;
  /** The cue words that decided the judgement, as written in the sentence. */
  cues: string[];
  /** The event is in an if/unless clause, or in the clause such a condition governs. */
  conditional: boolean;
  /**
   * False for a bare noun that no predicate, modifier or cue says anything about ("apart from a
   * meeting with Kim"): nothing asserts that the event happened.
   */
  anchored: boolean;
  /** A pluperfect ("had met"): an occurrence earlier than the news being reported. */
  earlier: boolean;
  /**
   * The event is in a relative or adverbial clause ("Trump, who met Kim in 2019, …", "after they
   * met"): background to the sentence's news rather than the news itself.
   */
  subordinate: boolean;
}

export interface Word {
  text: string;
  lower: string;
  pos: PartOfSpeech;
  /** Character offsets in the sentence. */
  start: number;
  end: number;
}

export interface MentionContext {
  /** The year the article was published: a later year in the event's clause puts it ahead. */
  articleYear?: number;
}

/** A mention as token indices, end exclusive. */
export interface TokenSpan {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// Tagging

/** Lower case with curly apostrophes straightened, so "we’ll" and "won’t" match the cue lists. */
const lowerOf = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'");

const SKIP_TAGS = new Set<PartOfSpeech>(['PUNCT', 'SYM']);
const PARTICLE_TAGS = new Set<PartOfSpeech>(['ADP', 'PART', 'ADV']);

/**
 * The tag of a hyphenated compound from its parts: that of its last word ("now-cancelled" is a
 * participle, "charity-flight" a noun), except that a verb with a particle is a noun ("sit-down",
 * "take-off").
 */
const compoundTag = (parts: PartOfSpeech[]): PartOfSpeech => {
  const words = parts.filter((p) => !SKIP_TAGS.has(p));
  const last = words[words.length - 1] ?? parts[0] ?? 'X';
  return words.length > 1 && PARTICLE_TAGS.has(last) ? 'NOUN' : last;
};

/**
 * Words of one sentence from its tokens, with character offsets in the sentence (`offset` is where
 * the sentence starts in the text the tokens index); "sit-down" is one word.
 */
export const wordsOfTokens = (sentence: string, tokens: readonly Token[], offset = 0): Word[] => {
  const words: Word[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    let last = i;
    // Join "sit", "-", "down" when nothing separates them.
    while (
      tokens[last + 1]?.text === '-' &&
      tokens[last + 1]?.start === tokens[last]?.end &&
      tokens[last + 2] !== undefined &&
      tokens[last + 2]?.start === tokens[last + 1]?.end &&
      tokens[last + 2]?.word
    ) {
      last += 2;
    }
    const start = token.start - offset;
    // A sentence's text may end short of its last token (a doubled full stop is dropped).
    const end = Math.min((tokens[last] as Token).end - offset, sentence.length);
    const piece = sentence.slice(start, end);
    const pos = last === i ? token.pos : compoundTag(tokens.slice(i, last + 1).map((t) => t.pos));
    words.push({ text: piece, lower: lowerOf(piece), pos, start, end });
    i = last;
  }
  return words;
};

/** Tokens and part-of-speech tags of one sentence, with character offsets; "sit-down" is one word. */
export const tagText = (text: string): Word[] => wordsOfTokens(text, tokenise(text).tokens);

/**
 * Part-of-speech tags for an already tokenised sentence (such as CoNLL data): wink tags the tokens
 * joined by spaces, and a token it splits further ("now-cancelled", "777-200LR") takes the tag of
 * its last word, the head of an English compound.
 */
export const tagTokens = (tokens: readonly string[]): Word[] => {
  const offsets: number[] = [];
  let text = '';
  for (const token of tokens) {
    if (text.length > 0) text += ' ';
    offsets.push(text.length);
    text += token;
  }
  const tagged = tokenise(text).tokens;
  let next = 0;
  return tokens.map((token, index) => {
    const start = offsets[index] ?? 0;
    const end = start + token.length;
    const parts: PartOfSpeech[] = [];
    while (next < tagged.length && (tagged[next]?.start ?? end) < end) {
      const piece = tagged[next];
      next += 1;
      if (piece && piece.end > start) parts.push(piece.pos);
    }
    // A token wink splits without a hyphen ("cannot", "US$") is tagged by its first word.
    const pos = token.includes('-')
      ? compoundTag(parts)
      : (parts.find((p) => !SKIP_TAGS.has(p)) ?? parts[0] ?? 'X');
    return { text: token, lower: lowerOf(token), pos, start, end };
  });
};

// ---------------------------------------------------------------------------------------------
// Cue look-up

const GOVERNOR_BY_WORD = new Map<string, Governor>();
for (const governor of GOVERNORS) {
  for (const word of governor.words) GOVERNOR_BY_WORD.set(word, governor);
}
const NEGATOR_SET = new Set(NEGATORS);
const LIGHT_VERB_SET = new Set(LIGHT_VERBS);
const OPENER_SET = new Set(CLAUSE_OPENERS);
const FUTURE_TIME_SET = new Set(FUTURE_TIME_WORDS);
const BE_FORMS = new Set(['be', 'is', 'are', 'am', 'was', 'were', "'s", "'re", "'m", 'been', 'being']);
const PAST_AUXILIARIES = new Set(['was', 'were', 'had']);
const PARTICLES = new Set(['off', 'out', 'up', 'down', 'back']);
/** Openers that only begin a clause when wink tags them as subordinating conjunctions. */
const OPENERS_IF_SCONJ = new Set(['so', 'after', 'before', 'since', 'until']);
const BOUNDARY_PUNCT = new Set([',', ';', ':', '(', ')', '[', ']', '--', '—', '–']);
/** Quotation marks sit inside clauses and noun phrases ("a `` special charity-flight ''"). */
const QUOTES = new Set(['"', '``', "''", '“', '”', "'", '‘', '’']);
const CERTAINTY_RANK: Record<FactualCertainty, number> = { POSSIBLE: 0, PROBABLE: 1, CERTAIN: 2 };

const lastPart = (lower: string) => lower.slice(lower.lastIndexOf('-') + 1);

/** Whether a governor says anything about a noun it modifies, takes as object or as subject. */
const speaksOfNouns = (g: Governor) =>
  g.onlyVerbs !== true &&
  (g.certainty !== undefined || g.negates === true || g.time !== undefined || g.raisesNegation === true);

interface FoundGovernor {
  governor: Governor;
  /** The words of the cue: one, or a phrase ("would like", "called off"). */
  first: number;
  last: number;
}

/** The governor entry for a word, or for its phrase with the word before or after it. */
const governorAt = (words: Word[], index: number): FoundGovernor | undefined => {
  const word = words[index];
  if (!word) return undefined;
  const before = words[index - 1];
  const withBefore = before && GOVERNOR_BY_WORD.get(`${before.lower} ${word.lower}`);
  if (withBefore) return { governor: withBefore, first: index - 1, last: index };
  const after = words[index + 1];
  const withAfter = after && GOVERNOR_BY_WORD.get(`${word.lower} ${after.lower}`);
  if (withAfter) return { governor: withAfter, first: index, last: index + 1 };
  const governor = GOVERNOR_BY_WORD.get(word.lower) ?? GOVERNOR_BY_WORD.get(lastPart(word.lower));
  return governor ? { governor, first: index, last: index } : undefined;
};

/** Whether the words from `index` spell `phrase` (space-separated, lower case). */
const phraseAt = (words: Word[], index: number, phrase: string): number => {
  const parts = phrase.split(' ');
  for (let i = 0; i < parts.length; i += 1) {
    if (words[index + i]?.lower !== parts[i]) return 0;
  }
  return parts.length;
};

// ---------------------------------------------------------------------------------------------
// Structure: clauses, verb groups, noun phrases

const isBoundary = (word: Word) => BOUNDARY_PUNCT.has(word.text) || word.text === ';';

const isOpener = (word: Word) => {
  if (!OPENER_SET.has(word.lower)) return false;
  if (word.lower === 'that') return word.pos !== 'DET';
  if (OPENERS_IF_SCONJ.has(word.lower)) return word.pos === 'SCONJ';
  return true;
};

/** The clause around a word, inclusive: from its opener ("that", "if", …) or the last boundary. */
const clauseOf = (words: Word[], index: number): [number, number] => {
  let start = 0;
  for (let k = index - 1; k >= 0; k -= 1) {
    const word = words[k] as Word;
    if (isBoundary(word)) {
      start = k + 1;
      break;
    }
    if (isOpener(word)) {
      start = k;
      break;
    }
  }
  let end = words.length - 1;
  for (let k = index + 1; k < words.length; k += 1) {
    const word = words[k] as Word;
    if (isBoundary(word) || isOpener(word)) {
      end = k - 1;
      break;
    }
  }
  return [start, end];
};

const isVerbal = (pos: PartOfSpeech) => pos === 'VERB' || pos === 'AUX';

/**
 * A third-person present verb ("offers", "goes"), which no modal or auxiliary can govern. Only the
 * plain "-s" ending counts: "-ss" and "-us" words ("discuss", "focus") are base forms.
 */
const isPresentInflected = (word: Word) =>
  word.pos === 'VERB' && word.lower.length > 3 && /[^su]s$/.test(word.lower);

/** The word a multi-word mention is judged by: its first verb, else its last noun or adjective. */
const headOf = (words: Word[], start: number, end: number): number => {
  for (let k = start; k < end; k += 1) if (isVerbal((words[k] as Word).pos)) return k;
  for (let k = end - 1; k >= start; k -= 1) {
    const pos = (words[k] as Word).pos;
    if (pos === 'NOUN' || pos === 'PROPN' || pos === 'ADJ' || pos === 'NUM') return k;
  }
  return Math.max(start, end - 1);
};

interface VerbGroup {
  /** Auxiliaries, negation and adverbs before the head, nearest first. */
  members: number[];
  /** The infinitive marker "to", when the head is an infinitive. */
  to?: number;
}

/** The auxiliaries, negation and adverbs that precede a predicate within its clause. */
const verbGroup = (words: Word[], head: number, clauseStart: number): VerbGroup => {
  const members: number[] = [];
  for (let k = head - 1; k >= clauseStart; k -= 1) {
    const word = words[k] as Word;
    if (
      word.lower === 'to' &&
      (word.pos === 'PART' || members.length === 0 || isVerbal(words[k + 1]?.pos ?? 'X'))
    ) {
      return { members, to: k };
    }
    if (word.pos === 'AUX' || word.pos === 'ADV' || NEGATOR_SET.has(word.lower)) {
      members.push(k);
      continue;
    }
    if (word.pos === 'PART' && word.lower !== "'s" && word.lower !== "'") {
      members.push(k);
      continue;
    }
    break;
  }
  return { members };
};

const NOUN_PHRASE_TAGS = new Set<PartOfSpeech>(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'ADV', 'PRON']);

/** Where the noun phrase ending at `head` starts: determiners, modifiers and prenominal participles. */
const nounPhraseStart = (words: Word[], head: number, clauseStart: number): number => {
  let start = head;
  for (let k = head - 1; k >= clauseStart; k -= 1) {
    const word = words[k] as Word;
    if (NEGATOR_SET.has(word.lower) && word.pos === 'DET') {
      start = k;
      continue;
    }
    if (word.text === '-' || word.lower === "'s" || QUOTES.has(word.text)) {
      start = k;
      continue;
    }
    if (NOUN_PHRASE_TAGS.has(word.pos)) {
      // Pronouns only as possessives ("its", "their"), never as a subject before a verb.
      if (word.pos === 'PRON' && !/^(its|their|his|her|our|my|your)$/.test(word.lower)) break;
      start = k;
      if (word.pos === 'DET' || word.pos === 'PRON') break;
      continue;
    }
    if (word.pos === 'VERB' && /(ed|ing|en)$/.test(word.lower)) {
      // A participle belongs to the noun phrase only if a determiner precedes it ("the
      // now-cancelled deal"), not in "Airbus unveiled plans".
      let j = k - 1;
      while (j >= clauseStart && /^(ADV|ADJ|PUNCT)$/.test((words[j] as Word).pos)) j -= 1;
      const before = words[j];
      if (j >= clauseStart && before && (before.pos === 'DET' || before.lower === "'s")) {
        start = k;
        continue;
      }
    }
    break;
  }
  return start;
};

// ---------------------------------------------------------------------------------------------
// Judging

type Cue = readonly [number, number];

interface Judgement {
  certainty: FactualCertainty;
  certaintyCues: Cue[];
  negations: Cue[];
  time: FactualTime | undefined;
  timeCues: Cue[];
  conditional: boolean;
  conditionCues: Cue[];
  anchored: boolean;
  earlier: boolean;
}

const fresh = (): Judgement => ({
  certainty: 'CERTAIN',
  certaintyCues: [],
  negations: [],
  time: undefined,
  timeCues: [],
  conditional: false,
  conditionCues: [],
  anchored: false,
  earlier: false,
});

const weaken = (j: Judgement, certainty: FactualCertainty | undefined, cue: Cue) => {
  if (!certainty || certainty === 'CERTAIN') return;
  if (CERTAINTY_RANK[certainty] < CERTAINTY_RANK[j.certainty]) j.certainty = certainty;
  if (!j.certaintyCues.some(([a]) => a === cue[0])) j.certaintyCues.push(cue);
};

/**
 * Negation from a lexical governor ("called off", "denied") is outside any hedge inside its
 * complement: ruling out a possible meeting is a certain no.
 */
const negate = (j: Judgement, cue: Cue, resetCertainty: boolean) => {
  if (j.negations.some(([a]) => a === cue[0])) return;
  j.negations.push(cue);
  if (resetCertainty) {
    j.certainty = 'CERTAIN';
    j.certaintyCues = [];
  }
};

const setTime = (j: Judgement, time: FactualTime | undefined, cue?: Cue) => {
  if (!time || j.time) return;
  j.time = time;
  if (cue && time === 'FUTURE') j.timeCues.push(cue);
};

const applyEffect = (j: Judgement, effect: CueEffect, cue: Cue, options: { time: boolean }) => {
  if (effect.negates) negate(j, cue, true);
  weaken(j, effect.certainty, cue);
  if (options.time) setTime(j, effect.time, cue);
};

/**
 * How the event hangs on its governor. What passes down differs: a subject takes only the time of
 * its predicate ("operations … could push the value" are no less certain), a noun governor only
 * its own lexical cue.
 */
type Link = 'infinitive' | 'that' | 'object' | 'light' | 'preposition' | 'noun' | 'subject' | 'coordination';

/** What a governing predicate's own factuality passes down to the event it governs. */
const inherit = (j: Judgement, from: Judgement, link: Link, governor: Governor | undefined) => {
  if (link !== 'subject' && link !== 'noun') {
    for (const cue of from.certaintyCues) weaken(j, from.certainty, cue);
  }
  if (link !== 'that' && link !== 'noun' && from.time === 'FUTURE') {
    if (!j.time) j.timeCues.push(...from.timeCues);
    setTime(j, 'FUTURE');
  }
  if (from.conditional) {
    j.conditional = true;
    j.conditionCues.push(...from.conditionCues);
  }
  if (from.earlier && (link === 'light' || link === 'coordination')) j.earlier = true;
  const negationPasses = link === 'light' || link === 'coordination' || (governor?.raisesNegation ?? false);
  if (negationPasses && from.negations.length % 2 === 1) {
    for (const cue of from.negations) negate(j, cue, false);
  }
};

interface Sentence {
  words: Word[];
  context: MentionContext;
}

const MAX_DEPTH = 4;

/** The factuality of the event at `head` from the cues that govern it, innermost scope first. */
const judge = (s: Sentence, head: number, depth: number): Judgement => {
  const j = fresh();
  const { words } = s;
  const word = words[head];
  if (!word || depth > MAX_DEPTH) return j;
  const [clauseStart, clauseEnd] = clauseOf(words, head);

  if (isVerbal(word.pos) || word.pos === 'ADJ') {
    judgePredicate(s, head, clauseStart, depth, j);
  } else {
    judgeNoun(s, head, clauseStart, clauseEnd, depth, j);
  }

  // Hedging adverbs anywhere in the clause ("will probably meet"), except one that modifies a
  // word inside a noun phrase ("the potentially toxic materials", "a possibly fatal crash"): it
  // hedges that modifier, not the clause's events.
  for (let k = clauseStart; k <= clauseEnd; k += 1) {
    const w = words[k] as Word;
    const adverb = CLAUSE_ADVERBS[w.lower];
    if (!adverb || w.pos !== 'ADV') continue;
    if (modifiesNounModifier(words, k) && head !== k + 1) continue;
    weaken(j, adverb.certainty, [k, k]);
  }
  return j;
};

/** "to become", not "to be built" or "to have met": the verb after "to" is a bare form. */
const isActiveInfinitive = (words: Word[], verb: number) => {
  const group = verbGroup(words, verb, clauseOf(words, verb)[0]);
  return group.to !== undefined && group.members.every((k) => words[k]?.pos !== 'AUX');
};

/** An adverb before an attributive adjective or participle: "potentially toxic materials". */
const modifiesNounModifier = (words: Word[], adverb: number) => {
  const modifier = words[adverb + 1];
  const noun = words[adverb + 2];
  if (!modifier || !noun || (noun.pos !== 'NOUN' && noun.pos !== 'PROPN')) return false;
  return modifier.pos === 'ADJ' || (modifier.pos === 'VERB' && /(ing|ed)$/.test(modifier.lower));
};

/** A verb or adjective: its own verb group, then whatever governs the clause it heads. */
const judgePredicate = (s: Sentence, head: number, clauseStart: number, depth: number, j: Judgement) => {
  const { words } = s;
  j.anchored = true;
  const group = verbGroup(words, head, clauseStart);
  const negated = group.members.some((k) => NEGATOR_SET.has((words[k] as Word).lower));
  for (const k of group.members) {
    const w = words[k] as Word;
    if (NEGATOR_SET.has(w.lower)) negate(j, [k, k], false);
    const auxiliary = AUXILIARIES[w.lower];
    if (auxiliary && !auxiliary.notBefore?.includes(words[head]?.lower ?? '')) {
      if (auxiliary.negates) negate(j, [k, k], false);
      if (!(negated && auxiliary.negatedIsCertain)) weaken(j, auxiliary.certainty, [k, k]);
      setTime(j, auxiliary.time, [k, k]);
    }
    if (w.lower === 'had' && words[head]?.pos === 'VERB') j.earlier = true;
    if (/^(had|has|have|'ve)$/.test(w.lower) && words[head]?.pos === 'VERB') setTime(j, 'NON_FUTURE');
  }

  if (group.to !== undefined) {
    judgeInfinitive(s, head, group.to, depth, j);
    return;
  }

  const before = group.members.length > 0 ? Math.min(...group.members) - 1 : head - 1;
  const previous = words[before];
  const ownAuxiliary = group.members.some((k) => words[k]?.pos === 'AUX');
  // Coordinated without an auxiliary of its own ("will take off … and land"): shares the group of
  // the verb before, across commas and quotes but not past a semicolon. A verb inflected for the
  // present ("can be navigated … and offers") carries its own tense: a modal or "did" only
  // governs a bare or participle form, so it is a clause of its own.
  if (previous && previous.pos === 'CCONJ' && !ownAuxiliary && !isPresentInflected(words[head] as Word)) {
    for (let k = before - 1; k >= 0; k -= 1) {
      const w = words[k] as Word;
      if (w.text === ';' || w.text === ':') break;
      if (w.pos === 'VERB') {
        // A past form is no bare infinitive: in "wants the laptops to become … but conceded" it is
        // coordinated with "wants", the finite verb the infinitive hangs on ("to be built and
        // delivered" are two participles under one "to be").
        if (/ed$/.test(words[head]?.lower ?? '') && isActiveInfinitive(words, k)) continue;
        inherit(j, judge(s, k, depth + 1), 'coordination', undefined);
        return;
      }
    }
  }
  // A gerund complement: "would cease looking", "denied meeting", "ruled out meeting".
  if (previous && !ownAuxiliary && words[head]?.lower.endsWith('ing')) {
    const g = PARTICLES.has(previous.lower) && isVerbal(words[before - 1]?.pos ?? 'X') ? before - 1 : before;
    if (isVerbal(words[g]?.pos ?? 'X')) {
      governedBy(s, g, 'infinitive', depth, j);
      return;
    }
  }

  judgeClauseGovernor(s, clauseStart, depth, j);
};

/** "to meet": the word before "to" governs it, and an infinitive looks ahead unless it says not. */
const judgeInfinitive = (s: Sentence, head: number, to: number, depth: number, j: Judgement) => {
  const { words } = s;
  let g = to - 1;
  // "decided not to meet": the negation is the infinitive's own.
  while (g >= 0 && (words[g]?.pos === 'ADV' || NEGATOR_SET.has(words[g]?.lower ?? ''))) {
    const w = words[g] as Word;
    if (NEGATOR_SET.has(w.lower)) negate(j, [g, g], false);
    g -= 1;
  }
  const governorWord = words[g];
  if (!governorWord || isBoundary(governorWord)) {
    setTime(j, 'FUTURE');
    return;
  }
  // "is to meet" is a plan; "was to meet" was one.
  if (BE_FORMS.has(governorWord.lower) && governorWord.pos === 'AUX') {
    if (BE_TO_FUTURE.includes(governorWord.lower)) setTime(j, 'FUTURE', [g, to]);
    else setTime(j, 'NON_FUTURE');
    return;
  }
  const matched = governorAt(words, g);
  // "would like to thank" is the thanking itself, done as it is said.
  const performed = matched?.governor.notForEvents?.includes(words[head]?.lower ?? '') ?? false;
  const found = performed ? undefined : matched;
  if (performed) setTime(j, 'NON_FUTURE');
  const [governorClause] = clauseOf(words, g);
  const governorGroup = verbGroup(words, g, governorClause);
  // "was due to fly", "had planned to": a plan in the past, not a future event.
  if (governorGroup.members.some((k) => PAST_AUXILIARIES.has((words[k] as Word).lower))) {
    setTime(j, 'NON_FUTURE');
  }
  if (found) {
    const { governor } = found;
    const cue: Cue = [found.first, found.last];
    if (governor.negates) negate(j, cue, true);
    weaken(j, governor.certainty, cue);
    setTime(j, governor.timeOfInfinitive);
    setTime(j, governor.time, cue);
  }
  setTime(j, 'FUTURE');
  inherit(j, judge(s, g, depth + 1), 'infinitive', found?.governor);
};

/** A clause opened by "that" or "whether" is the complement of the word before the opener. */
const judgeClauseGovernor = (s: Sentence, clauseStart: number, depth: number, j: Judgement) => {
  const { words } = s;
  const opener = words[clauseStart];
  if (!opener) return;
  const isWhether =
    opener.lower === 'whether' ||
    (opener.lower === 'if' && IF_MEANS_WHETHER_AFTER.includes(words[clauseStart - 1]?.lower ?? ''));
  if (isWhether) weaken(j, 'POSSIBLE', [clauseStart, clauseStart]);
  if (opener.lower !== 'that' && !isWhether) return;
  let g = clauseStart - 1;
  while (g >= 0 && (words[g]?.pos === 'ADV' || words[g]?.text === ',')) g -= 1;
  const governorWord = words[g];
  if (!governorWord || !/^(VERB|AUX|ADJ|NOUN)$/.test(governorWord.pos)) return;
  const found = governorAt(words, g);
  if (found) {
    const { governor } = found;
    if (governor.negates) negate(j, [found.first, found.last], true);
    weaken(j, governor.certainty, [found.first, found.last]);
  }
  inherit(j, judge(s, g, depth + 1), 'that', found?.governor);
};

/** A noun: its modifiers, then the predicate it is the object, prepositional complement or subject of. */
const judgeNoun = (
  s: Sentence,
  head: number,
  clauseStart: number,
  clauseEnd: number,
  depth: number,
  j: Judgement,
) => {
  const { words } = s;
  const start = nounPhraseStart(words, head, clauseStart);
  // Modifiers, nearest first: "a possible meeting", "the now-cancelled deal", "no meeting".
  for (let k = head - 1; k >= start; k -= 1) {
    const w = words[k] as Word;
    if (NEGATOR_SET.has(w.lower) && (w.pos === 'DET' || w.lower === 'no')) {
      negate(j, [k, k], false);
      j.anchored = true;
      continue;
    }
    if (w.pos === 'NOUN' || w.pos === 'PROPN') continue;
    const found = governorAt(words, k);
    if (found && speaksOfNouns(found.governor)) {
      applyEffect(j, found.governor, [k, k], { time: true });
      j.anchored = true;
    }
  }

  // "bringing production … to an end".
  for (let k = head + 1; k <= clauseEnd; k += 1) {
    for (const phrase of ENDING_PHRASES) {
      const length = phraseAt(words, k, phrase);
      if (length > 0) negate(j, [k, k + length - 1], true);
    }
  }

  const b = start - 1;
  const before = words[b];
  // A noun directly followed by an auxiliary is a subject even after a verb or preposition: "experts
  // say the deal had been killed", "half of those cuts will be made".
  const subjectOfComplement = words[head + 1]?.pos === 'AUX';
  if (before && b >= clauseStart && !subjectOfComplement) {
    // Phrasal verb with its object: "called off the summit", "ruled out a meeting".
    if (PARTICLES.has(before.lower) && words[b - 1] && isVerbal((words[b - 1] as Word).pos)) {
      governedBy(s, b - 1, 'object', depth, j);
      return;
    }
    if (before.pos === 'ADP' || before.lower === 'to') {
      let g = b - 1;
      while (
        g >= clauseStart &&
        (words[g]?.pos === 'ADV' ||
          (PARTICLES.has(words[g]?.lower ?? '') && isVerbal(words[g - 1]?.pos ?? 'X')))
      ) {
        g -= 1;
      }
      const governorWord = words[g];
      // "met Kim for talks": after a verb's object, a phrase without a cue of its own attaches to
      // the verb.
      if (
        governorWord &&
        (governorWord.pos === 'PROPN' || governorWord.pos === 'PRON') &&
        !governorAt(words, g)
      ) {
        const objectStart = nounPhraseStart(words, g, clauseStart);
        if (isVerbal(words[objectStart - 1]?.pos ?? 'X')) g = objectStart - 1;
      }
      if (governorWord && g >= clauseStart && /^(VERB|AUX|ADJ|NOUN|PROPN)$/.test(words[g]?.pos ?? 'X')) {
        governedBy(s, g, 'preposition', depth, j);
      }
      return;
    }
    if (isVerbal(before.pos)) {
      governedBy(s, b, LIGHT_VERB_SET.has(before.lower) ? 'light' : 'object', depth, j);
      return;
    }
    if (before.pos === 'CCONJ') {
      // "the deliveries and the flight were delayed": a coordinated subject or object.
      return;
    }
  }
  if (before && b >= clauseStart && before.pos !== 'SCONJ' && !isOpener(before) && !subjectOfComplement)
    return;

  // Subject: the predicate to the right ("the summit was cancelled", "a meeting is possible"),
  // past one parenthesis ("the delivery, originally due this year, will be delayed").
  let searchEnd = clauseEnd;
  if (words[clauseEnd + 1]?.text === ',') {
    let close = clauseEnd + 2;
    while (close < words.length && words[close]?.text !== ',' && words[close]?.text !== ';') close += 1;
    if (words[close]?.text === ',') searchEnd = clauseOf(words, close + 1)[1];
  }
  for (let k = head + 1; k <= searchEnd; k += 1) {
    const w = words[k] as Word;
    if (!isVerbal(w.pos)) continue;
    // Verbs inside the parenthesis belong to it.
    if (k > clauseEnd && words.slice(clauseEnd + 1, k).filter((x) => x.text === ',').length < 2) continue;
    let predicate = k;
    while (predicate + 1 <= searchEnd) {
      const next = words[predicate + 1] as Word;
      if (next.pos === 'AUX' || next.pos === 'VERB' || next.pos === 'ADJ') predicate += 1;
      else if ((next.pos === 'ADV' || next.pos === 'PART') && next.lower !== 'to') predicate += 1;
      else break;
      if (words[predicate]?.pos === 'VERB' || words[predicate]?.pos === 'ADJ') break;
    }
    // Walk back over trailing adverbs and negation to the predicate word itself.
    while (predicate > k && !/^(VERB|AUX|ADJ)$/.test((words[predicate] as Word).pos)) predicate -= 1;
    governedBy(s, predicate, 'subject', depth, j);
    return;
  }
};

/** The event is governed by the predicate or noun at `g`: its lexical cue, then its own factuality. */
const governedBy = (s: Sentence, g: number, link: Link, depth: number, j: Judgement) => {
  const { words } = s;
  const found = governorAt(words, g);
  const governor = found?.governor;
  const lexical = governor && (link === 'infinitive' || speaksOfNouns(governor)) ? governor : undefined;
  const w = words[g] as Word;
  // "busy with a sit-down" says nothing of whether the sit-down happens; "met for talks" does.
  if (lexical || link !== 'preposition' || isVerbal(w.pos)) j.anchored = true;
  const occurs =
    link === 'light' ||
    (link === 'subject' && (LIGHT_VERB_SET.has(w.lower) || (governor?.raisesNegation ?? false)));
  if (lexical && found) {
    const cue: Cue = [found.first, found.last];
    const viaVerbPreposition = link === 'preposition' && isVerbal(w.pos);
    // A subject is undone only by a passive or an intransitive predicate ("the deal was killed",
    // "talks ended"), not by what it does to an object ("the crash killed 102 people").
    const subjectUndone =
      link !== 'subject' || w.pos === 'ADJ' || isPassive(words, g) || !takesObject(words, found.last);
    if (lexical.negates && !viaVerbPreposition && subjectUndone) negate(j, cue, true);
    weaken(j, lexical.certainty, cue);
    // "was scheduled for last week" is no future plan.
    const [clause] = clauseOf(words, g);
    const pastGroup = verbGroup(words, g, clause).members.some((k) =>
      PAST_AUXILIARIES.has((words[k] as Word).lower),
    );
    if (!pastGroup) setTime(j, lexical.time, cue);
  }
  const nounGovernor = link === 'preposition' && !isVerbal(w.pos);
  inherit(j, judge(s, g, depth + 1), occurs ? 'light' : nounGovernor ? 'noun' : link, governor);
};

const isPassive = (words: Word[], predicate: number) => {
  const [clauseStart] = clauseOf(words, predicate);
  return verbGroup(words, predicate, clauseStart).members.some((k) => BE_FORMS.has((words[k] as Word).lower));
};

const takesObject = (words: Word[], last: number) =>
  /^(DET|NOUN|PROPN|NUM|PRON|ADJ)$/.test(words[last + 1]?.pos ?? 'X');

/** Conditions: the event in an if-clause, or in the clause an if-clause governs. */
const conditionOf = (words: Word[], head: number): Cue | undefined => {
  for (let c = 0; c < words.length; c += 1) {
    for (const phrase of CONDITIONALS) {
      const length = phraseAt(words, c, phrase);
      if (length === 0) continue;
      if (phrase === 'if' && IF_MEANS_WHETHER_AFTER.includes(words[c - 1]?.lower ?? '')) continue;
      // The condition runs to the next comma or semicolon.
      let end = c + length;
      while (end < words.length && words[end]?.text !== ',' && words[end]?.text !== ';') end += 1;
      const cue: Cue = [c, c + length - 1];
      if (head >= c && head < end) return cue;
      const sentenceInitial = words.slice(0, c).every((w) => /^(CCONJ|ADV|PUNCT)$/.test(w.pos));
      if (sentenceInitial) {
        let apodosisEnd = end + 1;
        while (apodosisEnd < words.length && words[apodosisEnd]?.text !== ';') apodosisEnd += 1;
        if (head > end && head < apodosisEnd) return cue;
      } else {
        const [clauseStart] = clauseOf(words, c - 1);
        if (head >= clauseStart && head < c) return cue;
      }
    }
  }
  return undefined;
};

const YEAR = /^(1[89]|20)\d{2}$/;
const SUBORDINATORS = new Set(
  CLAUSE_OPENERS.filter((w) => !['that', 'but', 'so', 'if', 'unless', 'whether'].includes(w)),
);

const finish = (s: Sentence, head: number, j: Judgement): Factuality => {
  const { words, context } = s;
  // Whole-sentence attribution hedges.
  for (let k = 0; k < words.length; k += 1) {
    for (const [phrase, effect] of Object.entries(SENTENCE_HEDGES)) {
      const length = phraseAt(words, k, phrase);
      if (length > 0) weaken(j, effect.certainty, [k, k + length - 1]);
    }
  }
  const condition = conditionOf(words, head);
  if (condition) {
    j.conditional = true;
    j.conditionCues.push(condition);
  }
  // A time expression ahead of the news, unless the event's clause is in the past tense.
  if (!j.time) {
    const [clauseStart, clauseEnd] = clauseOf(words, head);
    const clause = words.slice(clauseStart, clauseEnd + 1);
    const past = clause.some(
      (w) => /^(was|were|had|did)$/.test(w.lower) || (w.pos === 'VERB' && /ed$/.test(w.lower)),
    );
    if (!past) {
      // Only up to the next verb: a later time expression belongs to that verb.
      for (let k = head + 1; k <= clauseEnd; k += 1) {
        const w = words[k] as Word;
        if (isVerbal(w.pos)) break;
        const laterYear =
          context.articleYear !== undefined && YEAR.test(w.text) && Number(w.text) > context.articleYear;
        if (FUTURE_TIME_SET.has(w.lower) || laterYear) {
          setTime(j, 'FUTURE', [k, k]);
          break;
        }
      }
    }
  }
  const negated = j.negations.length % 2 === 1;
  const time = j.time ?? 'NON_FUTURE';
  const chosen: Cue[] = [
    ...(negated ? j.negations : []),
    ...(j.certainty !== 'CERTAIN' ? j.certaintyCues : []),
    ...(time === 'FUTURE' ? j.timeCues : []),
    ...(j.conditional ? j.conditionCues : []),
  ];
  const seen = new Set<string>();
  const cues: string[] = [];
  for (const [a, b] of [...chosen].sort((x, y) => x[0] - y[0])) {
    const key = `${a}:${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cues.push(textOf(words, a, b));
  }
  return {
    certainty: j.certainty,
    polarity: negated ? 'NEG' : 'POS',
    time,
    cues,
    conditional: j.conditional,
    anchored: j.anchored,
    earlier: j.earlier,
    subordinate: SUBORDINATORS.has(words[clauseOf(words, head)[0]]?.lower ?? ''),
  };
};

/**
 * The words a cue spans, as written: "did n't" in CoNLL tokens, "didn't" and "cannot" in running
 * text, where a clitic is shown with the word it is written onto.
 */
const textOf = (words: Word[], first: number, b: number): string => {
  let a = first;
  while (a > 0 && words[a - 1]?.end === words[a]?.start && /^(n't|not|'\w+)$/.test(words[a]?.lower ?? '')) {
    a -= 1;
  }
  let text = '';
  for (let k = a; k <= b; k += 1) {
    const w = words[k] as Word;
    const previous = words[k - 1];
    const joined = k > a && previous !== undefined && previous.end === w.start;
    text += (k > a && !joined ? ' ' : '') + w.text;
  }
  return text;
};

/** Classifies the mention at a token span of a sentence already tagged with tagText or tagTokens. */
export const classifyTaggedMention = (
  words: Word[],
  span: TokenSpan,
  context: MentionContext = {},
): Factuality => {
  if (span.start < 0 || span.end > words.length || span.start >= span.end) {
    throw new RangeError(
      `mention span ${span.start}-${span.end} is outside the sentence of ${words.length} tokens`,
    );
  }
  const sentence: Sentence = { words, context };
  const head = headOf(words, span.start, span.end);
  return finish(sentence, head, judge(sentence, head, 0));
};
