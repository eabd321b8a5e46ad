import { triggerVocabulary } from '../events/trigger-vocabulary';
import { tagText, wordsOfTokens, type Factuality, type TokenSpan, type Word } from './event-factuality';
import { judgeMention } from './factuality-model';
import { CERTAINTIES_AT_LEAST, type Certainty, type MinimumCertainty } from '../../../contracts/vocabulary';
import { phrasesPattern } from '../../language/regexp';
import type { Token } from '../../language/tokenise';

/**
 * Certainty of one event mention for alerts, built on the mention-level factuality judgement
 * (judgeMention in factuality-model.ts: the rules of event-factuality.ts, with the learned model
 * deciding where no cue governs the event): the cues that govern the event decide, not cue words
 * elsewhere in the sentence. The mapping:
 *
 * - in an if/unless clause, or the clause it governs → conditional
 * - an occurrence before the article's news ("last met in June 2019", "had met") → past
 * - negated and certain ("called off the summit", "did not meet") → denied
 * - possible or probable, negated or not ("is likely to meet", "may not meet") → speculative
 * - certain and in the future ("will meet", "is scheduled") → planned
 * - certain and not in the future ("met", "meets") → confirmed; but a bare noun that nothing
 *   asserts ("apart from a meeting with Kim") is only talk of one → speculative
 *
 * On the scales the model and the evaluation use (README, "Learned certainty"): confirmed is
 * MEANTIME CERTAIN POS NON_FUTURE, a scalar of at least +2.5; planned CERTAIN POS FUTURE, which UW
 * rates lower (about +1.8 for "will meet": its annotators discount any future), so on that scale
 * planned is +1.5 or more and ahead; speculative PROBABLE or POSSIBLE of either sign, 0.5 <= |x| <
 * 2.5, or uncommitted (|x| < 0.5, which the model reports as POSSIBLE); denied CERTAIN NEG, -2.5 or
 * less; conditional has no place on the scale (the evaluation scores the rules' conditional as 0);
 * past is NON_FUTURE before the article's news, which no dataset marks.
 */

/**
 * The event words a sentence is judged by when the caller names none: the built-in meeting
 * vocabulary (events/). Callers that know the topic should pass its triggers.
 */
let defaultEventWords: readonly string[] | undefined;
/** Built at the first call that needs it, not at cold start: topic matching always names its words. */
const meetingWords = (): readonly string[] =>
  (defaultEventWords ??= triggerVocabulary({ type: 'meeting' }).forms);

/** Phrases that place a mention before the article's own news. */
export const PAST_CUES: readonly string[] = [
  'last met',
  'previously met',
  'first met',
  'had met',
  'have met three times',
  'previous summit',
  'earlier summit',
  'last summit',
];

export interface CertaintyJudgement {
  certainty: Certainty;
  /** Words of the sentence, as written, that decided the certainty. */
  cues: string[];
  /** The mention-level judgement it was mapped from, when an event was found in the sentence. */
  factuality?: Factuality;
}

/** Whole words, case-insensitive; hyphens and spaces inside a phrase are interchangeable. */
const phrasePattern = (phrases: readonly string[]) => phrasesPattern(phrases, 'giu');

const PAST_PATTERN = phrasePattern(PAST_CUES);
const YEAR = /\b(?:19|20)\d{2}\b/g;
const patterns = new Map<readonly string[], RegExp>();

const eventPattern = (events: readonly string[]) => {
  let pattern = patterns.get(events);
  if (!pattern) {
    pattern = phrasePattern(events);
    patterns.set(events, pattern);
  }
  return pattern;
};

/** Token spans of the event words in a tagged sentence, in sentence order. */
const findEvents = (sentence: string, words: Word[], events: readonly string[]): TokenSpan[] => {
  const spans: TokenSpan[] = [];
  for (const match of sentence.matchAll(eventPattern(events))) {
    const from = match.index;
    const to = from + match[0].length;
    const start = words.findIndex((w) => w.end > from);
    let end = start;
    while (end >= 0 && end < words.length && (words[end] as Word).start < to) end += 1;
    if (start >= 0 && end > start) spans.push({ start, end });
  }
  return spans;
};

/** Maps a mention judgement to an alert certainty, with the cue words that decided it. */
const toCertainty = (
  factuality: Factuality,
  sentence: string,
  eventText: string,
  articleYear: number | undefined,
): CertaintyJudgement => {
  const judged = (certainty: Certainty, cues = factuality.cues): CertaintyJudgement => ({
    certainty,
    cues,
    factuality,
  });
  if (factuality.conditional) return judged('conditional');
  if (factuality.time === 'NON_FUTURE') {
    const pastCues = [...sentence.matchAll(PAST_PATTERN)].map((m) => m[0]);
    const earlierYears =
      articleYear === undefined
        ? []
        : [...sentence.matchAll(YEAR)].map((m) => m[0]).filter((year) => Number(year) < articleYear);
    if (factuality.earlier || pastCues.length > 0 || earlierYears.length > 0) {
      return judged('past', [...pastCues, ...earlierYears]);
    }
  }
  if (factuality.polarity === 'NEG') {
    return judged(factuality.certainty === 'CERTAIN' ? 'denied' : 'speculative');
  }
  if (factuality.certainty !== 'CERTAIN') return judged('speculative');
  if (factuality.time === 'FUTURE') return judged('planned');
  if (!factuality.anchored) return judged('speculative', []);
  return judged('confirmed', factuality.cues.length > 0 ? factuality.cues : [eventText]);
};

/**
 * The certainty of the event mentioned in a sentence: the first occurrence of `events` outside a
 * relative or adverbial clause ("Trump, who met Kim in 2019, may meet him again" is speculative),
 * else the first at all. A sentence without any event word is judged by its first verb.
 */
export const classifyCertainty = (
  sentence: string,
  articleYear?: number,
  events: readonly string[] = meetingWords(),
  /** The sentence's tokens from the analysis, when it made them: not tokenised again. */
  tokens?: readonly Token[],
): CertaintyJudgement => {
  const words = tokens?.[0] ? wordsOfTokens(sentence, tokens, tokens[0].start) : tagText(sentence);
  const spans = findEvents(sentence, words, events);
  if (spans.length === 0) {
    const verb = words.findIndex((w) => w.pos === 'VERB');
    if (verb < 0) return { certainty: 'speculative', cues: [] };
    spans.push({ start: verb, end: verb + 1 });
  }
  const context = articleYear === undefined ? {} : { articleYear };
  const judged = spans.map((span) => ({
    span,
    factuality: judgeMention(words, span, context),
  }));
  const { span, factuality } =
    judged.find((j) => !j.factuality.subordinate) ?? (judged[0] as (typeof judged)[number]);
  const eventText = sentence.slice(words[span.start]?.start ?? 0, words[span.end - 1]?.end ?? 0);
  return toCertainty(factuality, sentence, eventText, articleYear);
};

/**
 * The certainty of the event at one word span of a tagged sentence: for callers that found the
 * event themselves (topic matching, which knows which trigger its actors take part in).
 */
export const classifyMentionAt = (
  sentence: string,
  words: Word[],
  span: TokenSpan,
  articleYear?: number,
): CertaintyJudgement => {
  const context = articleYear === undefined ? {} : { articleYear };
  const factuality = judgeMention(words, span, context);
  const eventText = sentence.slice(words[span.start]?.start ?? 0, words[span.end - 1]?.end ?? 0);
  return toCertainty(factuality, sentence, eventText, articleYear);
};

/**
 * The certainty of a story from all its mentions: the most decisive current mention wins, and a
 * story whose every mention is past is past.
 */
const DECISIVENESS: Certainty[] = ['denied', 'confirmed', 'planned', 'conditional', 'speculative', 'past'];

export const storyCertainty = (mentions: Certainty[]): Certainty =>
  DECISIVENESS.find((certainty) => mentions.includes(certainty)) ?? 'past';

/**
 * Whether a story of this certainty reaches a topic with this minimum: the same ladder the alert
 * subscriptions filter on, so a topic and a subscriber with one minimum agree.
 */
export const meetsMinimum = (certainty: Certainty, minimum: MinimumCertainty) =>
  (CERTAINTIES_AT_LEAST[minimum] as readonly Certainty[]).includes(certainty);
