import type { TokenSpan, Word } from './certainty/event-factuality';
import type { CertaintyJudgement } from './certainty/match-certainty';

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
  chances if whether before tomorrow soon future talk 'll to`.split(/\s+/),
);

const VERB_OR_AUX = new Set(['VERB', 'AUX']);

/**
 * The certainty of a headline or lede mention that the rules left as mere talk of an event (an
 * unanchored noun with no cue): planned when someone travels for it, confirmed when the sentence
 * neither looks ahead nor hedges, else as judged.
 */
export const readAsNews = (words: readonly Word[], span: TokenSpan, judgement: CertaintyJudgement): CertaintyJudgement => {
  if (judgement.certainty !== 'speculative' || judgement.factuality?.anchored !== false) return judgement;
  if (words.some((w) => w.text === '?')) return judgement;
  // "arrives in Bali for the G20 summit and a meeting with Xi": travel, then "for" before the noun.
  for (let i = span.start - 1; i >= Math.max(0, span.start - 12); i -= 1) {
    const word = words[i] as Word;
    if (word.lower !== 'for' && word.lower !== 'to') continue;
    const travel = words.slice(Math.max(0, i - 6), i).find((w) => ARRIVALS.has(w.lower));
    if (travel) return { ...judgement, certainty: 'planned', cues: [travel.text, word.text] };
  }
  const hedge = words.find(
    (w, i) => LOOKING_AHEAD.has(w.lower) && !(w.lower === 'to' && !VERB_OR_AUX.has(words[i + 1]?.pos ?? '')),
  );
  if (hedge) return judgement;
  const noun = words.slice(span.start, span.end).map((w) => w.text).join(' ');
  return { ...judgement, certainty: 'confirmed', cues: [noun] };
};
