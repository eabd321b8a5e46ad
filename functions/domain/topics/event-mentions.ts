import { flexiblePhrase, WORD_CHAR } from '../language/regexp';
import type { TokenSpan, Word } from './certainty/event-factuality';

/**
 * Where a sentence names an event of a topic's type: trigger phrases found on the text, as word
 * spans of the tagged sentence, with the phrases that look like a trigger but name something else
 * (a phone call is not a meeting) left out.
 */

export interface EventWords {
  /** Every surface form, lower case: single words and phrases. */
  forms: readonly string[];
  /** Surface phrases that contain a trigger but are not the event ("phone call", "video talks"). */
  excludes: readonly string[];
  /** Single words that name the event only as nouns: "talks" the verb ("Biden talks age") is not. */
  nounsOnly?: readonly string[];
}

export interface CompiledEvent {
  trigger: RegExp;
  exclude: RegExp | null;
  nounsOnly: ReadonlySet<string>;
}

const SEPARATOR = '[\\s\\-]+';

/**
 * An alternation of phrases as a trie of words: the engine tests a first word once, not once per
 * phrase that starts with it (a rate-decision vocabulary has hundreds of phrases and a few dozen
 * first words). Longer continuations are tried first, so the longest phrase wins.
 */
const trie = (phrasesAsWords: readonly string[][]): string => {
  const groups = new Map<string, string[][]>();
  let endsHere = false;
  for (const words of phrasesAsWords) {
    const [first, ...rest] = words;
    if (first === undefined) {
      endsHere = true;
      continue;
    }
    const key = first.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), rest]);
  }
  const branches = [...groups.entries()]
    .sort(([a], [b]) => b.length - a.length)
    .map(([first, rests]) => {
      const word = flexiblePhrase(first);
      const longer = rests.filter((rest) => rest.length > 0);
      if (longer.length === 0) return word;
      const continuation = `${SEPARATOR}${trie(longer)}`;
      return rests.some((rest) => rest.length === 0)
        ? `${word}(?:${continuation})?`
        : `${word}${continuation}`;
    });
  const alternation = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
  return endsHere ? `(?:${alternation})?` : alternation;
};

const phrases = (list: readonly string[]) =>
  new RegExp(
    `(?<![${WORD_CHAR}])${trie(
      list.map((phrase) =>
        phrase
          .trim()
          .split(/(?:-|\s)+/)
          .filter(Boolean),
      ),
    )}(?![${WORD_CHAR}])`,
    'giu',
  );

export const compileEvent = (words: EventWords): CompiledEvent => ({
  trigger: phrases(words.forms),
  exclude: words.excludes.length > 0 ? phrases(words.excludes) : null,
  nounsOnly: new Set(words.nounsOnly ?? []),
});

/** A cheap test on a text before tagging it. */
export const mayNameEvent = (event: CompiledEvent, text: string): boolean => {
  event.trigger.lastIndex = 0;
  const hit = event.trigger.test(text);
  event.trigger.lastIndex = 0;
  return hit;
};

/** The word span of a character range of the sentence. */
export const wordSpan = (words: readonly Word[], from: number, to: number): TokenSpan | null => {
  const start = words.findIndex((w) => w.end > from);
  let end = start;
  while (end >= 0 && end < words.length && (words[end] as Word).start < to) end += 1;
  return start >= 0 && end > start ? { start, end } : null;
};

const ranges = (pattern: RegExp | null, text: string) =>
  pattern ? [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];

/**
 * Whether a text names a look-alike of the event ("phone call", "meet virtually") and no event
 * besides: a headline that does is about the look-alike, and its lede tells no other story.
 */
export const namesLookAlikeOnly = (event: CompiledEvent, text: string): boolean => {
  const excluded = ranges(event.exclude, text);
  return (
    excluded.length > 0 &&
    ranges(event.trigger, text).every((t) => excluded.some((e) => e.start < t.end && t.start < e.end))
  );
};

/**
 * Trigger spans of a tagged sentence, in order. A trigger inside an excluded phrase is not the
 * event ("met the deadline", "virtual summit"); an excluded phrase that shares no word with any
 * trigger says the whole sentence is about something else ("the two leaders held talks by phone").
 */
export const findTriggers = (event: CompiledEvent, text: string, words: readonly Word[]): TokenSpan[] => {
  const excluded = ranges(event.exclude, text);
  const triggers = ranges(event.trigger, text);
  const overlapping = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end;
  if (excluded.some((e) => !triggers.some((t) => overlapping(e, t)))) return [];
  const spans: TokenSpan[] = [];
  for (const trigger of triggers) {
    if (excluded.some((e) => overlapping(e, trigger))) continue;
    const span = wordSpan(words, trigger.start, trigger.end);
    if (!span) continue;
    const word = span.end - span.start === 1 ? words[span.start] : undefined;
    if (word && word.pos === 'VERB' && event.nounsOnly.has(word.lower)) continue;
    spans.push(span);
  }
  return spans;
};
