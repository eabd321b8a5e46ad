import type { Factuality, TokenSpan, Word } from './event-factuality';
import { hashFeature } from '../../language/feature-hash';

/**
 * Features of one event mention for the learned factuality model (factuality-model.ts), shared by
 * the model and its training script (infra/training/train-factuality.ts) so the two cannot drift.
 *
 * The rule classifier's judgement comes first (its certainty, polarity, time, flags and which cue
 * words fired): the model learns how far to trust each rule decision on data, and what the rules
 * miss, from the trigger itself and the words around it. Features are strings, hashed into a fixed
 * number of buckets, so the weights are one compact array and unseen features cost nothing.
 */

/** Which annotation convention a prediction is made in (see factuality-model.ts). */
export type FactualityDomain = 'news' | 'uw' | 'uds';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without', 'nothing', 'none']);
const MODALS = new Set([
  'may',
  'might',
  'could',
  'can',
  'ca',
  'cannot',
  'will',
  "'ll",
  'wo',
  'shall',
  'would',
  "'d",
  'should',
  'must',
  'ought',
]);
const HEDGES = new Set([
  'probably',
  'likely',
  'possibly',
  'perhaps',
  'maybe',
  'reportedly',
  'allegedly',
  'apparently',
  'potentially',
  'seems',
  'seem',
  'seemed',
  'appears',
  'appear',
  'appeared',
  'suggest',
  'suggests',
  'suggested',
  'believe',
  'believes',
  'believed',
  'think',
  'thinks',
  'thought',
  'expect',
  'expects',
  'expected',
  'hope',
  'hopes',
  'hoped',
  'want',
  'wants',
  'wanted',
  'plan',
  'plans',
  'planned',
  'try',
  'tries',
  'tried',
  'if',
  'whether',
  'unless',
]);
const BOUNDARIES = new Set([',', ';', ':', '(', ')', '[', ']', '--', '—', '–', '"', '``', "''"]);
const IRREGULAR: Record<string, string> = {
  met: 'meet',
  said: 'say',
  says: 'say',
  was: 'be',
  were: 'be',
  is: 'be',
  are: 'be',
  am: 'be',
  been: 'be',
  being: 'be',
  "'s": 'be',
  had: 'have',
  has: 'have',
  did: 'do',
  does: 'do',
  went: 'go',
  gone: 'go',
  made: 'make',
  took: 'take',
  taken: 'take',
  gave: 'give',
  given: 'give',
  told: 'tell',
  got: 'get',
  came: 'come',
  found: 'find',
  left: 'leave',
  held: 'hold',
  won: 'win',
  lost: 'lose',
  paid: 'pay',
  sold: 'sell',
  bought: 'buy',
  began: 'begin',
  begun: 'begin',
  knew: 'know',
  known: 'know',
  saw: 'see',
  seen: 'see',
  thought: 'think',
  brought: 'bring',
  kept: 'keep',
  built: 'build',
  sent: 'send',
  spent: 'spend',
  fell: 'fall',
  led: 'lead',
  ran: 'run',
  wrote: 'write',
  written: 'write',
  killed: 'kill',
};

/** A crude lemma: irregular forms from a short list, else the regular endings stripped. */
export const crudeLemma = (lower: string): string => {
  const irregular = IRREGULAR[lower];
  if (irregular) return irregular;
  if (lower.length <= 4) return lower;
  if (/ies$/.test(lower)) return `${lower.slice(0, -3)}y`;
  if (/ied$/.test(lower)) return `${lower.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(lower)) return lower;
  if (/(ches|shes|xes|sses)$/.test(lower)) return lower.slice(0, -2);
  if (/ing$/.test(lower)) return undouble(lower.slice(0, -3));
  if (/ed$/.test(lower)) return undouble(lower.slice(0, -2));
  if (/s$/.test(lower)) return lower.slice(0, -1);
  return lower;
};

/** "stopp" → "stop": the consonant doubled before -ed / -ing. */
const undouble = (stem: string) => (/([bdgmnprt])\1$/.test(stem) ? stem.slice(0, -1) : stem);

/** The word a mention is judged by: its first verb, else its last word. */
const headOf = (words: readonly Word[], span: TokenSpan): number => {
  for (let k = span.start; k < span.end; k += 1) {
    const pos = words[k]?.pos;
    if (pos === 'VERB' || pos === 'AUX') return k;
  }
  return span.end - 1;
};

/** Where the clause around `head` starts: after the nearest boundary punctuation to its left. */
const clauseStartOf = (words: readonly Word[], head: number): number => {
  for (let k = head - 1; k >= 0; k -= 1) if (BOUNDARIES.has((words[k] as Word).text)) return k + 1;
  return 0;
};

/** A string for numbers and the like, so "1999" and "2001" are one feature. */
const shape = (word: Word | undefined): string => {
  if (!word) return '<none>';
  if (/^\d/.test(word.lower)) return '<num>';
  return word.lower;
};

/** The feature strings of one mention, given the rule classifier's judgement of it. */
export const mentionFeatures = (words: readonly Word[], span: TokenSpan, rules: Factuality): string[] => {
  const head = headOf(words, span);
  const word = words[head] as Word;
  const lemma = crudeLemma(word.lower);
  const features: string[] = ['bias'];
  const add = (feature: string) => features.push(feature);

  // What the rules decided, alone and jointly: the joint value lets the model learn, say, that
  // PROBABLE from the rules is rated lower in one dataset than in another.
  const rulesKey = `${rules.certainty}/${rules.polarity}/${rules.time}`;
  add(`r=${rulesKey}`);
  add(`rc=${rules.certainty}`);
  add(`rp=${rules.polarity}`);
  add(`rt=${rules.time}`);
  add(
    `rflags=${rules.conditional ? 'C' : ''}${rules.anchored ? 'A' : ''}${rules.earlier ? 'E' : ''}${rules.subordinate ? 'S' : ''}`,
  );
  if (rules.conditional) add('r:cond');
  if (!rules.anchored) add('r:unanchored');
  if (rules.earlier) add('r:earlier');
  if (rules.subordinate) add('r:subordinate');
  add(`r:ncues=${Math.min(rules.cues.length, 3)}`);
  for (const cue of rules.cues) {
    const lower = cue.toLowerCase();
    add(`r:cue=${lower}`);
    add(`r:cue=${lower}|${rulesKey}`);
  }
  add(`r=${rulesKey}|pos=${word.pos}`);

  // The trigger.
  add(`w=${word.lower}`);
  add(`lem=${lemma}`);
  add(`suf=${word.lower.slice(-3)}`);
  add(`pos=${word.pos}`);
  add(`lem=${lemma}|r=${rulesKey}`);
  add(`w=${word.lower}|pos=${word.pos}`);
  if (span.end - span.start > 1) add('multiword');

  // The window: words and tags at fixed offsets, and a bag of the words to the left.
  for (let d = -3; d <= 3; d += 1) {
    if (d === 0) continue;
    const w = words[head + d];
    add(`w${d}=${shape(w)}`);
    add(`p${d}=${w?.pos ?? '<none>'}`);
  }
  add(`p-1p0=${words[head - 1]?.pos ?? '<none>'}|${word.pos}`);
  add(`p0p1=${word.pos}|${words[head + 1]?.pos ?? '<none>'}`);
  add(`w-2w-1=${shape(words[head - 2])}|${shape(words[head - 1])}`);
  add(`w-1w0=${shape(words[head - 1])}|${lemma}`);

  // The clause to the left: negation, modals, hedges, tense, infinitive "to".
  const clauseStart = clauseStartOf(words, head);
  let governor: string | undefined;
  let linker: string | undefined;
  for (let k = head - 1; k >= clauseStart; k -= 1) {
    const w = words[k] as Word;
    if (k >= head - 6) add(`L=${w.lower}`);
    if (NEGATORS.has(w.lower)) add(k >= head - 3 ? 'neg:near' : 'neg:clause');
    if (MODALS.has(w.lower)) add(`modal=${w.lower}`);
    if (HEDGES.has(w.lower)) add(`hedge=${w.lower}`);
    if (!linker && (w.lower === 'to' || w.lower === 'that')) linker = w.lower;
    if (!governor && k < head - 1 && w.pos === 'VERB') governor = crudeLemma(w.lower);
  }
  for (let k = 0; k < head; k += 1) {
    const lower = (words[k] as Word).lower;
    if (lower === 'if' || lower === 'whether' || lower === 'unless') add(`before:${lower}`);
    if (lower === 'said' || lower === 'says' || lower === 'say') add('before:say');
  }
  // The nearest verb to the left across clauses, when the clause itself has none.
  if (!governor) {
    for (let k = clauseStart - 1; k >= 0 && k >= head - 12; k -= 1) {
      const w = words[k] as Word;
      if (w.pos === 'VERB') {
        governor = crudeLemma(w.lower);
        break;
      }
    }
  }
  add(`gov=${governor ?? '<none>'}`);
  add(`gov=${governor ?? '<none>'}|${linker ?? '-'}`);
  const previous = words[head - 1]?.lower;
  if (previous === 'to') add('to+');
  if (previous === 'will' || previous === "'ll" || previous === 'would' || previous === 'wo') add('will+');
  if (/^(has|have|had|'ve)$/.test(previous ?? '') || /^(has|have|had)$/.test(words[head - 2]?.lower ?? ''))
    add('perfect');
  if (words[head + 1]?.lower === 'to') add('+to');

  // The sentence: a question, an imperative, first person.
  if (words.some((w) => w.text === '?')) add('question');
  if (head === 0 && word.pos === 'VERB') add('imperative');
  if (words.some((w) => w.lower === 'i' || w.lower === 'we')) add('first-person');
  if (words.length < 6) add('short');
  return features;
};

/**
 * Bucket indices of a mention's features, each both as it is and prefixed by the domain: the
 * shared copy learns what holds in every dataset, the domain copy how one dataset's convention
 * differs (UW rates "will close" about +1.8, MEANTIME calls it CERTAIN and FUTURE) — Daumé's
 * feature augmentation.
 */
export const featureBuckets = (
  features: readonly string[],
  domain: FactualityDomain,
  bits: number,
): number[] => {
  const mask = (1 << bits) - 1;
  const buckets: number[] = [];
  for (const feature of features) {
    buckets.push(hashFeature(feature) & mask);
    buckets.push(hashFeature(`${domain}|${feature}`) & mask);
  }
  return buckets;
};
