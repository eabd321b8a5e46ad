import type { TokenSpan, Word } from './certainty/event-factuality';
import type { CertaintyJudgement } from './certainty/match-certainty';
import { parseOf } from './participation';
import { spanHead } from '../language/syntax/event-participants';

/**
 * How news reports an event where nothing in the clause asserts it. In running prose a bare
 * event noun is only talk of one ("apart from a meeting with Kim"); in a headline or a lede it is
 * the news itself: "Biden-Xi talks: China warns US on Taiwan", "Body language expert breaks down
 * Biden's meeting with Xi" report a meeting that took place, and "Kim arrives in Russia for talks
 * with Putin" one that is about to. Anything in the sentence that looks ahead or hedges keeps the
 * mention speculative: the rules saw no cue on the event, but the sentence has one.
 */

/** Travel to an event that is about to happen: "arrives for talks", "heads south for summit". */
const ARRIVALS = new Set(
  `arrive arrives arrived arriving head heads headed heading travel travels travelled traveled travelling
  traveling land lands landed landing fly flies flew flying set sets leave leaves left leaving depart
  departs departed en route bound arrival`.split(/\s+/),
);

/** Words that look ahead or hedge: a bare event noun beside them is not reported as held. */
const LOOKING_AHEAD = new Set(
  `will would could may might should shall can expected expect expects expecting set plan plans planned
  planning hope hopes hoped hoping possible possibly potential proposed propose proposes upcoming next
  ahead prepare prepares preparing seek seeks seeking aim aims want wants wanted invite invites invited
  invitation push pushes pushing eye eyes eyeing mull mulls consider considers considering offer offers
  offered call calls calling urge urges urged await awaits awaiting looms nears prospect prospects chance
  chances if whether before tomorrow soon future need needs 'll to`.split(/\s+/),
);

const VERB_OR_AUX = new Set(['VERB', 'AUX']);

/** Verbs that make an event named as their object planned: "agree to a summit", "accept an invitation". */
const PLANNING = new Set(
  `agree agrees agreed agreeing accept accepts accepted accepting schedule schedules scheduled set sets
  announce announces announced arrange arranges arranged confirm confirms confirmed prepare prepares
  prepared preparing nears near nearing approaches approaching looms`.split(/\s+/),
);

/** Verbs that turn down what they govern: "rejected an offer of talks". */
const REJECTIONS = new Set(
  `reject rejects rejected rejecting refuse refuses refused refusing decline declines declined declining
  rebuff rebuffs rebuffed rebuffing spurn spurns spurned spurning dismiss dismisses dismissed`.split(/\s+/),
);

/** Nouns that make an event they govern only possible: "the possibility of a meeting". */
const POSSIBILITY = new Set(
  `possibility possibilities chance chances prospect prospects hope hopes idea likelihood odds speculation
  talk rumours rumors offer invitation invite proposal option options`.split(/\s+/),
);

/** Verbs that make an event they govern only wished for: "Biden aims for a meeting with Xi". */
const WISHES = new Set(
  `aim aims aimed aiming seek seeks sought seeking want wants wanted wanting hope hopes hoped hoping push
  pushes pushed pushing eye eyes eyed eyeing mull mulls mulled mulling consider considers considered
  considering propose proposes proposed proposing offer offers offered offering urge urges urged urging`.split(
    /\s+/,
  ),
);

/**
 * Whether a question covers the event: a question mark ends the trigger's own part of the
 * sentence, no colon, dash, full stop or "but" between ("Biden to meet Putin?"; not "Putin–Biden
 * talks: what next?" nor "Biden and Xi meet today - but can the thaw last?").
 */
const questioned = (words: readonly Word[], trigger: number): boolean => {
  const question = words.findIndex((w, i) => i > trigger && w.text === '?');
  return (
    question > 0 &&
    !words.slice(trigger, question).some((w) => /^[:.;–—-]$/.test(w.text) || w.lower === 'but')
  );
};

/** The part of a sentence a span is in, between colons, dashes and bars: [from, to). */
const segmentOf = (words: readonly Word[], span: TokenSpan): [number, number] => {
  const breaks = (w: Word | undefined) => w !== undefined && /^[:|–—-]$/.test(w.text);
  let from = span.start;
  while (from > 0 && !breaks(words[from - 1])) from -= 1;
  let to = span.end;
  while (to < words.length && !breaks(words[to])) to += 1;
  return [from, to];
};

/** Conjunctions after which a present tense tells what is to come: "when Xi and Biden meet". */
const TEMPORAL = new Set(['when', 'once', 'as', 'while', 'until', 'till', 'before', 'whenever']);
const PRESENT =
  /^(?:meet|meets|hold|holds|sit|sits|talk|talks|visit|visits|host|hosts|shake|shakes|gather|gathers)$/;

/**
 * Headline and lede readings from the structure around the event, over the word-level rules:
 * - a question about the event itself ("Biden to meet Putin?") is speculative;
 * - travelling to it ("arrives for talks", "en route to a summit") or a planning verb over it
 *   ("agree to a summit", "the meeting nears") makes it planned;
 * - a possibility noun over it ("the possibility of a meeting") makes it speculative;
 * - a present tense in a "when"/"as" clause ("when Xi and Biden meet") is what is to come: planned.
 * Denials, conditions and past mentions stand as judged.
 */
const readStructure = (
  words: readonly Word[],
  span: TokenSpan,
  judgement: CertaintyJudgement,
): CertaintyJudgement | null => {
  const { certainty } = judgement;
  if (certainty === 'denied' || certainty === 'conditional' || certainty === 'past') return judgement;
  const parse = parseOf(words);
  const trigger = spanHead(parse, span.start, span.end);
  const cue = (c: CertaintyJudgement['certainty'], ...texts: string[]) => ({
    ...judgement,
    certainty: c,
    cues: texts,
  });
  if (questioned(words, trigger)) return cue('speculative', '?');
  // "Trump has yet to meet Kim": not so far, nothing said of later.
  const yet = words.findIndex(
    (w, i) => w.lower === 'yet' && words[i + 1]?.lower === 'to' && i < trigger && trigger - i <= 4,
  );
  if (yet >= 0) return cue('speculative', 'yet to');
  const head = parse.heads[trigger] ?? -1;
  // A governor across a colon or dash belongs to the headline's other half ("Trump-Kim talks:
  // what was agreed").
  const across = words
    .slice(Math.min(head, trigger) + 1, Math.max(head, trigger))
    .some((w) => /^[:;–—-]$/.test(w.text));
  const governor = across ? undefined : words[head];
  if (governor && VERB_OR_AUX.has(governor.pos) && WISHES.has(governor.lower))
    return cue('speculative', governor.text);
  if (governor && (governor.pos === 'NOUN' || governor.pos === 'PROPN') && POSSIBILITY.has(governor.lower)) {
    // "Kim rejected an offer of talks with Trump": the possibility, turned down.
    const over = words[parse.heads[head] ?? -1];
    if (over && REJECTIONS.has(over.lower)) return cue('denied', over.text, governor.text);
    return cue('speculative', governor.text);
  }
  // "The summit is off": the event's state as a predicate (the parser reads "off" many ways).
  const after = words.slice(span.end, span.end + 6).map((w) => w.lower);
  const copula = after.findIndex((w) => w === 'is' || w === 'are' || w === 'was' || w === "'s");
  if (
    governor?.lower === 'off' ||
    (copula >= 0 &&
      (after[copula + 1] === 'off' || (after[copula + 1] === 'now' && after[copula + 2] === 'off')))
  )
    return cue('denied', 'off');
  // "Trump and Kim sign an agreement at the Singapore summit": what they did there says it is held.
  const marker = words.find((w, i) => parse.heads[i] === trigger && (parse.relations[i] ?? '') === 'case');
  if (
    marker &&
    (marker.lower === 'at' || marker.lower === 'during') &&
    governor &&
    VERB_OR_AUX.has(governor.pos) &&
    certainty !== 'speculative' &&
    !words.some((w) => w.lower === 'will' || w.lower === "'ll")
  )
    return cue('confirmed', governor.text, marker.text);
  if (governor && PLANNING.has(governor.lower) && head !== trigger) return cue('planned', governor.text);
  // Through the nouns and prepositions above it to its verb: "agree in principle to a summit".
  let verb = head;
  for (let steps = 0; steps < 3 && verb >= 0 && !VERB_OR_AUX.has(words[verb]?.pos ?? ''); steps += 1)
    verb = parse.heads[verb] ?? -1;
  const planning = !across && verb >= 0 ? words[verb] : undefined;
  if (planning && PLANNING.has(planning.lower) && !questioned(words, trigger))
    return cue('planned', planning.text);
  const word = words[trigger];
  if (word && VERB_OR_AUX.has(word.pos) && PRESENT.test(word.lower)) {
    const opener = words
      .slice(0, trigger)
      .reverse()
      .find((w) => TEMPORAL.has(w.lower) || /^[,;:]$/.test(w.text));
    if (opener && TEMPORAL.has(opener.lower)) return cue('planned', opener.text, word.text);
  }
  return null;
};

/**
 * The certainty of a headline or lede mention: first what the structure around it says (see
 * readStructure), then, for one the rules left as mere talk of an event (an unanchored noun with
 * no cue): planned when someone travels for it, confirmed when the sentence neither looks ahead
 * nor hedges, else as judged.
 */
export const readAsNews = (
  words: readonly Word[],
  span: TokenSpan,
  judgement: CertaintyJudgement,
): CertaintyJudgement => {
  const structural = readStructure(words, span, judgement);
  if (structural) return structural;
  // "arrives in Bali for the G20 summit and a meeting with Xi": travel, then "for" before the noun.
  if (judgement.certainty === 'speculative' || judgement.certainty === 'confirmed') {
    for (let i = span.start - 1; i >= Math.max(0, span.start - 12); i -= 1) {
      const word = words[i] as Word;
      if (word.lower !== 'for' && word.lower !== 'to') continue;
      const travel = words.slice(Math.max(0, i - 6), i).find((w) => ARRIVALS.has(w.lower));
      if (travel) return { ...judgement, certainty: 'planned', cues: [travel.text, word.text] };
    }
  }
  if (judgement.certainty !== 'speculative' || judgement.factuality?.anchored !== false) return judgement;
  if (questioned(words, spanHead(parseOf(words), span.start, span.end))) return judgement;
  // Only the part of a headline the event is in: "Putin–Biden talks: what next for Ukraine?".
  const [from, to] = segmentOf(words, span);
  const hedge = words
    .slice(from, to)
    .find(
      (w, i) =>
        LOOKING_AHEAD.has(w.lower) && !(w.lower === 'to' && !VERB_OR_AUX.has(words[from + i + 1]?.pos ?? '')),
    );
  if (hedge) return judgement;
  const noun = words
    .slice(span.start, span.end)
    .map((w) => w.text)
    .join(' ');
  return { ...judgement, certainty: 'confirmed', cues: [noun] };
};

/**
 * Words that make an event the background of a sentence about something else: "ahead of the
 * Trump–Putin meeting", "after their summit", "in the run-up to the talks". Matched right before
 * the noun phrase the trigger heads.
 */
/** Phrases that place the event after the sentence's news: "ahead of the summit". */
const AHEAD_OF_NEWS = [
  'ahead of',
  'before',
  'pending',
  'prior to',
  'in the run-up to',
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
/** Phrases that place it before the news: "after their summit". */
const BEHIND_NEWS = ['after', 'following', 'since', 'amid', 'in the wake of'];
const BACKGROUND_BEFORE = [...AHEAD_OF_NEWS, ...BEHIND_NEWS];
const BACKGROUND = BACKGROUND_BEFORE.map((phrase) => phrase.split(' '));
const NOUN_PHRASE_TAGS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PUNCT', 'PART', 'CCONJ']);

/** A phrase that makes an event background to the sentence's news. */
export interface Background {
  phrase: string;
  /** Index of the phrase's first word. */
  at: number;
  /** The phrase places the event after the sentence's news ("ahead of") or before it ("after"). */
  ahead: boolean;
}

const AHEAD = new Set(AHEAD_OF_NEWS);

/**
 * The phrase that makes the mention at `span` background to the sentence's news, if any: the
 * words before the noun phrase it heads (a verb is background when its clause is subordinate,
 * which the certainty judgement already tells).
 */
export const backgroundOf = (words: readonly Word[], span: TokenSpan): Background | null => {
  let left = span.start;
  // Walk left over the noun phrase: "the planned Trump–Putin", "Biden's first in-person".
  while (
    left > 0 &&
    NOUN_PHRASE_TAGS.has((words[left - 1] as Word).pos) &&
    !/^[,;:()]$/.test((words[left - 1] as Word).text)
  ) {
    const word = words[left - 1] as Word;
    if (BACKGROUND.some((phrase) => phrase[phrase.length - 1] === word.lower)) break;
    left -= 1;
  }
  for (const phrase of BACKGROUND) {
    const from = left - phrase.length;
    if (from < 0) continue;
    const joined = phrase.join(' ');
    if (phrase.every((part, k) => words[from + k]?.lower === part))
      return { phrase: joined, at: from, ahead: AHEAD.has(joined) };
  }
  return null;
};

/**
 * "ahead of the summit" says the summit is to come; "after meeting Xi" that it took place. The
 * phrase decides over a bare noun's mere talk of an event, never over a denial, a condition or a
 * meeting the sentence places in the past.
 */
export const placedBy = (background: Background, judgement: CertaintyJudgement): CertaintyJudgement => {
  if (
    judgement.certainty !== 'speculative' &&
    judgement.certainty !== 'confirmed' &&
    judgement.certainty !== 'planned'
  )
    return judgement;
  return { ...judgement, certainty: background.ahead ? 'planned' : 'confirmed', cues: [background.phrase] };
};
