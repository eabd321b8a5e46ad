import { GROUP_REFERENCE } from './actor-mentions';
import type { TokenSpan, Word } from './certainty/event-factuality';
import { parseWords } from '../language/syntax/parse-words';
import { eventParticipants, participantIndices, spanHead } from '../language/syntax/event-participants';
import type { Parse } from '../language/syntax/dependency-parser';

/**
 * Who takes part in an event mention, read off the sentence's dependency parse (see
 * language/syntax/): the trigger's subjects, objects, partners ("with", "between"), possessor and
 * compounded names, through control, light verbs and reported speech; never a name in another
 * clause. Only sentences that name an event and an actor are parsed, once each.
 */
const parses = new WeakMap<readonly Word[], Parse>();
/**
 * The collapsed sentences parsed last, by their words and tags: a sentence's triggers are looked
 * at one after another, and the topics of one article (pairs sharing a leader) collapse its
 * sentences alike. Cleared past MAX_RECENT_PARSES, so it holds about one article's.
 */
const recentParses = new Map<string, Parse>();
const MAX_RECENT_PARSES = 64;

export const parseOf = (words: readonly Word[]): Parse => {
  let parse = parses.get(words);
  if (!parse) {
    const key = words.map((w) => `${w.lower}/${w.pos}`).join(' ');
    parse = recentParses.get(key);
    if (!parse) {
      if (recentParses.size >= MAX_RECENT_PARSES) recentParses.clear();
      parse = parseWords(words);
      recentParses.set(key, parse);
    }
    parses.set(words, parse);
  }
  return parse;
};

/** Relations inside a name's noun phrase: "Russian President Vladimir Putin" is one participant. */
const NAME_PARTS = new Set([
  'flat',
  'compound',
  'appos',
  'amod',
  'det',
  'nummod',
  'punct',
  'case',
  'nmod:poss',
]);

/**
 * Relations that start a clause of its own below the trigger's: what an actor does there is
 * another event ("Kim met Putin, a day after Trump said he hoped to see Kim": "after" opens an
 * adverbial clause; "Trump, who met Kim in 2019, …" a relative one).
 */
const CLAUSE_RELATIONS = new Set([
  'root',
  'ccomp',
  'advcl',
  'acl',
  'acl:relcl',
  'parataxis',
  'csubj',
  'csubj:pass',
  'list',
  'discourse',
  'reparandum',
]);
// Not clause boundaries: "vocative" and "dislocated" are how the parser reads a headline's
// comma-joined subjects ("Trump, Kim meet in Singapore").

const isVerbal = (word: Word | undefined) => word?.pos === 'VERB' || word?.pos === 'AUX';

const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'we', 'i']);

/**
 * The clause an event is in: the nearest clause head at or above the trigger. An infinitive
 * under a verb ("agreed to meet") and a conjoined verb ("flew to Hanoi and met") share the
 * clause above them, which gives them their subject.
 */
const clauseHeadOf = (parse: Parse, words: readonly Word[], trigger: number): number => {
  let node = trigger;
  for (let steps = 0; steps <= parse.heads.length; steps += 1) {
    const relation = parse.relations[node] ?? 'root';
    const head = parse.heads[node] ?? -1;
    if (head < 0 || CLAUSE_RELATIONS.has(relation)) return node;
    // A noun's clause is its verb's; a verb is the head of its own unless it is an infinitive
    // complement (xcomp) or a conjunct sharing the subject of the verb before it.
    if (isVerbal(words[node]) && relation !== 'xcomp' && relation !== 'conj') return node;
    node = head;
  }
  return node;
};

/** A noun with the words of its name: "the Federal Reserve", "Russian President Vladimir Putin". */
const nameWords = (parse: Parse, head: number, children: readonly number[][]): number[] => {
  const words = [head];
  for (let k = 0; k < words.length; k += 1)
    for (const child of children[words[k] as number] ?? [])
      if (
        NAME_PARTS.has(parse.relations[child] ?? '') ||
        (parse.relations[child] ?? '').startsWith('nmod:desc')
      )
        words.push(child);
  return words;
};

/** The words of the clause headed at `head`, clauses below it left out. */
const clauseWords = (
  parse: Parse,
  words: readonly Word[],
  head: number,
  children: readonly number[][],
): Set<number> => {
  const members = new Set<number>([head]);
  const stack = [head];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    for (const child of children[node] ?? []) {
      if (CLAUSE_RELATIONS.has(parse.relations[child] ?? '')) continue;
      // A conjoined verb is an event of its own: "Biden visits Kyiv and says Putin was wrong".
      if (parse.relations[child] === 'conj' && isVerbal(words[child])) continue;
      members.add(child);
      stack.push(child);
    }
  }
  return members;
};

/**
 * The word indices of the participants of the event at `span`: the words of its own clause
 * (subjects, objects, "with" and "between" phrases, compounded names: "Xi arrives for talks with
 * Kim"), never those of clauses above or below it; plus the parse's own participants, which reach
 * through control and reported speech ("Trump said he would hold talks with Kim": "he" is Trump).
 */
export const participantsOf = (
  sentence: readonly Word[],
  at: TokenSpan,
  /** Word ranges of the names in the sentence, end exclusive: each is parsed as one word. */
  names: readonly TokenSpan[] = [],
): ReadonlySet<number> => {
  const { words, span, original } = collapseNames(sentence, at, names);
  const found = participantsOfCollapsed(words, span);
  const taking = new Set<number>();
  for (const index of found) for (const word of original[index] ?? []) taking.add(word);
  return taking;
};

/**
 * The sentence with each multi-word name as one proper noun, its last word: the parser, trained
 * on web text with few long foreign names, reads "When Vladimir Putin met Kim Jong Un" far better
 * as "When Putin met Un". `original` maps each collapsed word back to the words it stands for.
 */
const collapseNames = (sentence: readonly Word[], span: TokenSpan, names: readonly TokenSpan[]) => {
  const words: Word[] = [];
  const original: number[][] = [];
  const collapsedAt: number[] = [];
  for (let i = 0; i < sentence.length; i += 1) {
    const name = names.find(
      (n) => n.start === i && n.end - n.start > 1 && (span.start >= n.end || span.end <= n.start),
    );
    const last = name ? name.end - 1 : i;
    const word = sentence[last] as Word;
    words.push(name ? { ...word, pos: 'PROPN' } : word);
    original.push(Array.from({ length: last - i + 1 }, (_, k) => i + k));
    for (let k = i; k <= last; k += 1) collapsedAt[k] = words.length - 1;
    i = last;
  }
  const start = collapsedAt[span.start] ?? 0;
  const end = (collapsedAt[span.end - 1] ?? start) + 1;
  return { words, span: { start, end }, original };
};

const childLists = new WeakMap<Parse, number[][]>();

/** Each word's dependents, once per parse: a sentence's triggers are looked at one after another. */
const childrenOf = (parse: Parse): number[][] => {
  let children = childLists.get(parse);
  if (!children) {
    const lists: number[][] = parse.heads.map(() => []);
    parse.heads.forEach((head, i) => {
      if (head >= 0) lists[head]?.push(i);
    });
    children = lists;
    childLists.set(parse, children);
  }
  return children;
};

const participantsOfCollapsed = (words: readonly Word[], span: TokenSpan): Set<number> => {
  const parse = parseOf(words);
  const trigger = spanHead(parse, span.start, span.end);
  const children = childrenOf(parse);
  const clauseHead = clauseHeadOf(parse, words, trigger);
  const taking = clauseWords(parse, words, clauseHead, children);
  for (const index of participantIndices(eventParticipants(parse, words, trigger))) taking.add(index);
  const isSubject = (i: number) => (parse.relations[i] ?? '').startsWith('nsubj');
  /** Adds the subjects of the clause headed at `clause`, with their words. */
  const subjectsOf = (clause: number) => {
    for (const child of children[clause] ?? [])
      if (isSubject(child)) for (const word of clauseWords(parse, words, child, children)) taking.add(word);
  };
  // "he"/"she"/"they" in a reported clause is the reporter: "Biden says he will raise it with Putin".
  const reporter = parse.heads[clauseHead] ?? -1;
  const subjectPronouns = [...taking].filter((i) => isSubject(i) && PRONOUNS.has(words[i]?.lower ?? ''));
  const plural = subjectPronouns.some((i) => words[i]?.lower === 'they' || words[i]?.lower === 'we');
  if (
    subjectPronouns.length > 0 &&
    reporter >= 0 &&
    (parse.relations[clauseHead] === 'ccomp' ||
      parse.relations[clauseHead] === 'parataxis' ||
      // "The American and Chinese leaders evoked years of contact as they met": a plural pronoun
      // in an adverbial clause is the group the sentence is about.
      (parse.relations[clauseHead] === 'advcl' && plural))
  )
    subjectsOf(reporter);
  // A clause without a subject of its own takes its governor's: "Biden spoke after meeting Xi",
  // "Trump, hoping to meet Kim, …" (a non-finite clause is controlled by the one above it).
  const ownSubject = (children[clauseHead] ?? []).some(isSubject);
  const relation = parse.relations[clauseHead] ?? '';
  if (!ownSubject && reporter >= 0 && /^(acl|advcl|xcomp)$/.test(relation) && !isVerbal(words[reporter])) {
    // An infinitive on a noun has that noun for subject: "expect the Fed to cut rates", and a
    // headline's "Trump and Kim to meet in June" (the names and their conjuncts).
    const subjects = [reporter, ...(children[reporter] ?? []).filter((c) => parse.relations[c] === 'conj')];
    for (const subject of subjects) for (const word of nameWords(parse, subject, children)) taking.add(word);
  } else if (!ownSubject && reporter >= 0 && /^(advcl|acl|acl:relcl|xcomp|ccomp)$/.test(relation)) {
    subjectsOf(clauseHeadOf(parse, words, reporter));
  }
  return taking;
};

const DEFINITE = new Set(['the', 'their', 'that', 'this', 'its', 'such']);

/**
 * How an event mention without all its actors named refers back to an event an earlier sentence
 * established: a definite event noun ("the meeting", "their talks") or the participants as a
 * group ("the two leaders met"). Null when it does not.
 */
export const referenceKind = (words: readonly Word[], span: TokenSpan): string | null => {
  const head = words[span.end - 1];
  const first = words[span.start];
  // A noun phrase only ("the meeting", "their talks"), not a verb phrase ("held its rate").
  if ((head?.pos === 'NOUN' || head?.pos === 'PROPN') && first?.pos !== 'VERB' && first?.pos !== 'AUX') {
    for (let i = span.start - 1; i >= Math.max(0, span.start - 3); i -= 1) {
      const word = words[i] as Word;
      if (DEFINITE.has(word.lower))
        return `${word.text} ${words
          .slice(span.start, span.end)
          .map((w) => w.text)
          .join(' ')}`;
      if (word.pos !== 'ADJ' && word.pos !== 'NOUN' && word.pos !== 'PROPN' && word.pos !== 'NUM') break;
    }
  }
  // The actors as a group ("the two leaders met"): the same phrases as when they are just named.
  const group = [
    ...words
      .map((w) => w.text)
      .join(' ')
      .matchAll(GROUP_REFERENCE),
  ][0];
  return group ? group[0] : null;
};
