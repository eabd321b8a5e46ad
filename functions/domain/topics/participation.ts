import type { TokenSpan, Word } from './certainty/event-factuality';

/**
 * Who takes part in an event mention: the word indices of its participants, or null when the
 * sentence's structure is unknown (every name in the sentence then counts).
 */
export const participantsOf = (_words: readonly Word[], _span: TokenSpan): ReadonlySet<number> | null => null;

const DEFINITE = new Set(['the', 'their', 'that', 'this', 'its', 'such']);
const PLURAL_REFERENCE = /\b(?:the two (?:leaders|men|presidents|sides)|both (?:leaders|men|presidents|sides)|the pair)\b/i;

/**
 * How an event mention without all its actors named refers back to an event an earlier sentence
 * established: a definite event noun ("the meeting", "their talks") or the participants as a
 * group ("the two leaders met"). Null when it does not.
 */
export const referenceKind = (
  words: readonly Word[],
  span: TokenSpan,
  _participants: ReadonlySet<number> | null,
): string | null => {
  const head = words[span.end - 1];
  if (head?.pos === 'NOUN' || head?.pos === 'PROPN') {
    for (let i = span.start - 1; i >= Math.max(0, span.start - 3); i -= 1) {
      const word = words[i] as Word;
      if (DEFINITE.has(word.lower)) return `${word.text} ${words.slice(span.start, span.end).map((w) => w.text).join(' ')}`;
      if (word.pos !== 'ADJ' && word.pos !== 'NOUN' && word.pos !== 'PROPN' && word.pos !== 'NUM') break;
    }
  }
  const group = PLURAL_REFERENCE.exec(words.map((w) => w.text).join(' '));
  return group ? group[0] : null;
};

/**
 * Words that make an event the background of a sentence about something else: "ahead of the
 * Trump–Putin meeting", "after their summit", "in the run-up to the talks". Matched right before
 * the noun phrase the trigger heads.
 */
const BACKGROUND_BEFORE = [
  'ahead of',
  'before',
  'after',
  'following',
  'since',
  'amid',
  'pending',
  'prior to',
  'in the run-up to',
  'in the wake of',
  'in the lead-up to',
  'in advance of',
  'in preparation for',
  'to prepare for',
  'to prepare',
  'preparations for',
  'preparing for',
  'prepares for',
  'heads into',
  'head into',
  'heading into',
];
const BACKGROUND = BACKGROUND_BEFORE.map((phrase) => phrase.split(' '));
const NOUN_PHRASE_TAGS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PUNCT', 'PART', 'CCONJ']);

/**
 * The phrase that makes the mention at `span` background to the sentence's news, if any: the
 * words before the noun phrase it heads (a verb is background when its clause is subordinate,
 * which the certainty judgement already tells).
 */
export interface Background {
  phrase: string;
  /** Index of the phrase's first word. */
  at: number;
  /** The phrase places the event after the sentence's news ("ahead of") or before it ("after"). */
  ahead: boolean;
}

const AHEAD = new Set(['ahead of', 'before', 'pending', 'prior to', 'in the run-up to', 'in the lead-up to', 'in advance of', 'in preparation for', 'to prepare for', 'to prepare', 'preparations for', 'preparing for', 'prepares for', 'heads into', 'head into', 'heading into']);

export const backgroundOf = (words: readonly Word[], span: TokenSpan): Background | null => {
  let left = span.start;
  // Walk left over the noun phrase: "the planned Trump–Putin", "Biden's first in-person".
  while (left > 0 && NOUN_PHRASE_TAGS.has((words[left - 1] as Word).pos) && !/^[,;:()]$/.test((words[left - 1] as Word).text)) {
    const word = words[left - 1] as Word;
    if (BACKGROUND.some((phrase) => phrase[phrase.length - 1] === word.lower)) break;
    left -= 1;
  }
  for (const phrase of BACKGROUND) {
    const from = left - phrase.length;
    if (from < 0) continue;
    const joined = phrase.join(' ');
    if (phrase.every((part, k) => words[from + k]?.lower === part)) return { phrase: joined, at: from, ahead: AHEAD.has(joined) };
  }
  return null;
};
