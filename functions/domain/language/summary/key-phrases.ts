import type { SentenceRole } from '../analysis';
import { CASUAL_DAYS, MONTHS, WEEKDAYS } from '../dates/date-words';
import { lookupDemonym } from '../entities/entity-lexicon';
import { STOP_ADJECTIVES as STOP_ADJECTIVE_LIST, STOP_PHRASES as STOP_PHRASE_LIST } from './key-phrase-words';
import { HONORIFICS, MAX_HONORIFIC_WORDS } from '../entities/name-titles';
import type { Token } from '../tokenise';
import { WordSet } from '../word-set';
import { isTitleCaseHeading } from '../title-case';

/** What key-phrase extraction needs of a sentence. */
export interface PhraseSource {
  tokens: readonly Token[];
  role: SentenceRole;
}

/** Most key phrases returned. Eight short strings: nothing for the 400 KB item to worry about. */
export const MAX_KEY_PHRASES = 8;
// Longer runs are title-case text or lists of names, not phrases.
const MAX_PHRASE_WORDS = 4;
// A phrase of several words says more than its head noun alone: each extra word adds this much.
const LENGTH_BONUS = 0.5;
// Roles whose text is not the story: a caption repeats it, a byline and a dateline frame it.
const FRAME_ROLES: ReadonlySet<string> = new Set(['caption', 'byline', 'dateline']);
const ACRONYM = /^[\p{Lu}\p{N}&]{2,}$/u;

interface Phrase {
  /** Lower case, last word without a plural "s": "trade tension". */
  key: string;
  /** Where it was first seen: its form is made from these only if it is chosen. */
  tokens: readonly Token[];
  start: number;
  end: number;
  count: number;
  firstSentence: number;
  words: number;
  /** Position × length weight (see extractKeyPhrases); the score is count × weight. */
  weight: number;
  /** Some word is a proper noun: "Trump administration". */
  named: boolean;
  /** Every word is a proper noun: "White House", "Brexit". */
  proper: boolean;
}

// Looked up on every noun and adjective: sets with a cheap pre-check (word-set.ts).
const CALENDAR_WORDS = new WordSet([...MONTHS.keys(), ...WEEKDAYS.keys(), ...CASUAL_DAYS.keys()]);
const STOP_PHRASES = new WordSet(STOP_PHRASE_LIST);
const STOP_ADJECTIVES = new WordSet(STOP_ADJECTIVE_LIST);

const bare = (lower: string) => (lower.endsWith('.') ? lower.slice(0, -1) : lower);
/** First and last words of titles, with and without a full stop ("mr", "mr."): one lookup rules out a run. */
const titleWords = (pick: (words: string[]) => string | undefined): WordSet =>
  new WordSet(
    [...HONORIFICS].flatMap((title) => {
      const word = pick(title.split(' ')) ?? '';
      return [word, `${word}.`];
    }),
  );
const TITLE_FIRST_WORDS = titleWords((words) => words[0]);
const TITLE_LAST_WORDS = titleWords((words) => words.at(-1));

/** "tensions" → "tension", "talks" → "talk", "policies" → "policy"; "news", "crisis", "bus" stay. */
const singular = (word: string) => {
  const n = word.length;
  if (n <= 3 || word.charCodeAt(n - 1) !== 115) return word; // s
  if (n > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  const before = word.charCodeAt(n - 2);
  // -ss, -us, -is, -ws ("news"): not plurals.
  if (before === 115 || before === 117 || before === 105 || before === 119) return word;
  return word.slice(0, -1);
};

/** Whether token `i` is the first word of its sentence (quotation marks may come before it). */
const isSentenceStart = (tokens: readonly Token[], i: number) => {
  for (let k = i - 1; k >= 0; k -= 1) if (tokens[k]?.word) return false;
  return true;
};

const isHyphen = (text: string) => {
  if (text.length !== 1) return false;
  const code = text.charCodeAt(0);
  return code === 45 || code === 0x2010 || code === 0x2011;
};

/**
 * Noun phrases of sentences, counted in a table: adjectives then nouns (wink's tags), a proper
 * noun run after a common noun starting a new phrase, "Asia-Pacific" joined at its hyphen.
 *
 * Runs are kept as token indices and only turned into strings once complete: this looks at
 * every token of every article, so it allocates as little as it can.
 */
class PhraseCollector {
  readonly phrases = new Map<string, Phrase>();
  /** The same phrases in order of appearance. */
  readonly list: Phrase[] = [];
  private tokens: readonly Token[] = [];
  private sentence = 0;
  /** Token indices of the current run: [start, end); `nounEnd` is just past its last noun. */
  private start = -1;
  private end = -1;
  private nounEnd = -1;
  /** Words in the run up to its last noun (a hyphenated compound is one word). */
  private nounWords = 0;
  private words = 0;

  collect(tokens: readonly Token[], sentence: number) {
    this.tokens = tokens;
    this.sentence = sentence;
    this.start = -1;
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      if (!token) continue;
      const pos = token.pos;
      if (pos === 'NOUN' || pos === 'PROPN') {
        const proper = pos === 'PROPN';
        // Month and weekday names are capitalised; "today" and the like are stop phrases.
        if (
          token.word &&
          (proper || !token.stopWord) &&
          !(token.capitalised && CALENDAR_WORDS.has(token.lower))
        ) {
          // A name after a common noun is the noun's object or apposition: "meeting | Kim Jong
          // Un", "President | Xi Jinping". The other way round it modifies: "Trump administration".
          // (A negative index is a slow property lookup in V8: `end` is checked first.)
          if (proper && this.end > 0 && this.nounEnd === this.end && tokens[this.end - 1]?.pos !== 'PROPN')
            this.flush();
          this.extend(i);
          this.nounEnd = i + 1;
          this.nounWords = this.words;
          continue;
        }
      } else if (pos === 'ADJ') {
        if (token.word && !token.stopWord && !STOP_ADJECTIVES.has(token.lower)) {
          // An adjective after a noun starts the next phrase.
          if (this.start >= 0 && this.nounEnd === this.end) this.flush();
          this.extend(i);
          continue;
        }
      } else if (this.start >= 0 && isHyphen(token.text)) {
        // "Asia-Pacific", "cross-country": joined when nothing separates the parts.
        const previous = i > 0 ? tokens[i - 1] : undefined;
        const next = tokens[i + 1];
        if (next?.word && previous?.end === token.start && token.end === next.start) {
          const noun = next.pos === 'NOUN' || next.pos === 'PROPN' || this.nounEnd === this.end;
          this.end = i + 2;
          if (noun) {
            this.nounEnd = i + 2;
            this.nounWords = this.words;
          }
          i += 1;
          continue;
        }
      }
      if (this.start >= 0) this.flush();
    }
    if (this.start >= 0) this.flush();
  }

  private extend(i: number) {
    if (this.start < 0) {
      this.start = i;
      this.nounEnd = -1;
      this.nounWords = 0;
      this.words = 0;
    }
    this.end = i + 1;
    this.words += 1;
  }

  private flush() {
    const { start, nounEnd } = this;
    this.start = -1;
    this.end = -1;
    if (nounEnd > start) this.add(start, nounEnd, this.nounWords);
    this.nounEnd = -1;
  }

  /** Words of a title starting at token `from` ("Prime Minister" of "Prime Minister Keir Starmer"). */
  private titleLength(from: number, end: number) {
    if (!TITLE_FIRST_WORDS.has(this.tokens[from]?.lower ?? '')) return 0;
    let found = 0;
    let title = '';
    for (let k = from; k < end && k - from < MAX_HONORIFIC_WORDS; k += 1) {
      title += (k > from ? ' ' : '') + bare(this.tokens[k]?.lower ?? '');
      if (HONORIFICS.has(title)) found = k - from + 1;
    }
    return found;
  }

  /** "North Korean leader", "Chinese President": a nationality and an office, which entities cover. */
  private isNationalTitle(start: number, end: number) {
    const first = bare(this.tokens[start]?.lower ?? '');
    if (end - start >= 2 && lookupDemonym(first) && this.titleLength(start + 1, end) === end - start - 1)
      return true;
    const two = `${first} ${bare(this.tokens[start + 1]?.lower ?? '')}`;
    return end - start >= 3 && !!lookupDemonym(two) && this.titleLength(start + 2, end) === end - start - 2;
  }

  private add(runStart: number, end: number, runWords: number) {
    const { tokens } = this;
    // "President Xi Jinping" is a name, "foreign secretary" or "Chinese President" an office:
    // neither is a topic. Hyphenated runs never start with a title.
    const title = this.titleLength(runStart, end);
    const start = runStart + title;
    const words = runWords - title;
    if (words <= 0 || words > MAX_PHRASE_WORDS) return;
    const first = tokens[start];
    const lastLower = tokens[end - 1]?.lower ?? '';
    if (
      title === 0 &&
      first?.capitalised &&
      TITLE_LAST_WORDS.has(lastLower) &&
      this.isNationalTitle(start, end)
    )
      return;
    // The commonest case by far, "officials" or "time", needs no entry.
    if (end - start === 1 && STOP_PHRASES.has(singular(lastLower))) return;

    let key = '';
    let named = false;
    let proper = true;
    for (let k = start; k < end; k += 1) {
      const token = tokens[k];
      if (!token) return;
      const glued = k > start && tokens[k - 1]?.end === token.start;
      key += (k > start && !glued ? ' ' : '') + (k === end - 1 ? singular(token.lower) : token.lower);
      if (token.word) {
        const isProper = token.pos === 'PROPN';
        named ||= isProper;
        proper &&= isProper;
      }
    }
    const phrase = this.phrases.get(key);
    if (phrase) {
      phrase.count += 1;
      // Shown as written mid-sentence if it ever is: "trade tensions", not "Trade tensions".
      if (isSentenceStart(phrase.tokens, phrase.start) && !isSentenceStart(tokens, start)) {
        Object.assign(phrase, { tokens, start, end, named, proper });
      }
    } else {
      const firstSentence = this.sentence;
      // Frequency × position: a phrase of the lead outranks one first seen at the end; and a
      // phrase of several words says more than its head noun alone.
      const weight = (1 + 1 / Math.sqrt(1 + firstSentence)) * (1 + LENGTH_BONUS * (words - 1));
      const created = { key, tokens, start, end, count: 1, firstSentence, words, weight, named, proper };
      this.phrases.set(key, created);
      this.list.push(created);
    }
  }
}

/** How a phrase is shown: its first form, proper nouns and acronyms with their capitals. */
const formOf = ({ tokens, start, end }: Phrase) => {
  let form = '';
  for (let k = start; k < end; k += 1) {
    const token = tokens[k];
    if (!token) continue;
    const glued = k > start && tokens[k - 1]?.end === token.start;
    const keep = token.pos === 'PROPN' || (token.capitalised && ACRONYM.test(token.text));
    form += (k > start && !glued ? ' ' : '') + (keep ? token.text : token.lower);
  }
  return form;
};

/** Every word too general to be a topic: "media report". */
const isGeneral = ({ tokens, start, end }: Phrase) => {
  for (let k = start; k < end; k += 1) {
    const token = tokens[k];
    if (token?.word && !STOP_PHRASES.has(token.lower) && !STOP_PHRASES.has(singular(token.lower)))
      return false;
  }
  return true;
};

/** A phrase as first written, in lower case: "asia-pacific economic cooperation". */
const lowerOf = ({ tokens, start, end }: Phrase) => {
  let lower = '';
  for (let k = start; k < end; k += 1) {
    const token = tokens[k];
    if (!token) continue;
    const glued = k > start && tokens[k - 1]?.end === token.start;
    lower += (k > start && !glued ? ' ' : '') + token.lower;
  }
  return lower;
};

/**
 * The phrases an article is about: noun phrases (adjectives then nouns or proper nouns, by wink's
 * tags), counted case-insensitively with plurals folded, ranked by frequency × position (a phrase
 * of the lead outranks one first seen at the end) with a bonus for each extra word. Left out: too
 * general phrases ("officials", "last year"), dates, titles ("foreign secretary"), and the
 * article's entities under any of their names (they are listed apart). A phrase inside one
 * already chosen is skipped. Captions, bylines, datelines and title-case headings are not read.
 *
 * @param entityNames canonical names and aliases of the article's entities.
 */
export const extractKeyPhrases = (
  sentences: readonly PhraseSource[],
  entityNames: Iterable<string>,
  max = MAX_KEY_PHRASES,
): string[] => {
  const collector = new PhraseCollector();
  for (let s = 0; s < sentences.length; s += 1) {
    const source = sentences[s];
    if (source && !FRAME_ROLES.has(source.role) && !isTitleCaseHeading(source))
      collector.collect(source.tokens, s);
  }

  // Entity names in lower case, built only when a phrase with a proper noun comes up for choosing.
  let entities: Set<string> | null = null;
  let entityWords: string | null = null;
  const isEntity = (phrase: Phrase) => {
    if (!phrase.named) return false;
    if (!entities) {
      entities = new Set();
      for (const name of entityNames) entities.add(name.toLowerCase());
    }
    const lower = lowerOf(phrase);
    if (entities.has(lower)) return true;
    if (!phrase.proper) return false;
    // A proper noun alone that is not an entity is a nationality, a first name or noise, unless
    // the article keeps using it ("Brexit").
    if ((phrase.words === 1 && phrase.count < 2) || lookupDemonym(lower) !== undefined) return true;
    // Part of an entity's names: "Muriel" of Muriel Spark, "National" of the National Theatre;
    // or a name with an office in front: "Europe Director Dominick Chilcott".
    const words = lower.split(' ');
    entityWords ??= ` ${[...entities].join(' ')} `;
    const all = entityWords;
    if (words.every((word) => all.includes(` ${word} `))) return true;
    for (let k = 1; k < words.length - 1; k += 1) if (entities.has(words.slice(k).join(' '))) return true;
    return false;
  };

  // Best first by repeated scans, `max` being small; a phrase is vetted only when its turn comes.
  // Ties go to the phrase seen first.
  const phrases = collector.list;
  const chosen: Phrase[] = [];
  // The chosen keys padded with spaces, to find a candidate inside one by whole words.
  const chosenKeys: string[] = [];
  while (chosen.length < max) {
    let best: Phrase | undefined;
    let bestScore = 0;
    for (const phrase of phrases) {
      const score = phrase.count * phrase.weight;
      if (score > bestScore) {
        best = phrase;
        bestScore = score;
      }
    }
    if (!best) break;
    const phrase = best;
    phrase.weight = 0;
    if (phrase.key.length < 3 || isGeneral(phrase) || isEntity(phrase)) continue;
    const padded = ` ${phrase.key} `;
    if (chosenKeys.some((other) => other.includes(padded))) continue;
    chosen.push(phrase);
    chosenKeys.push(padded);
  }
  return chosen.map(formOf);
};
