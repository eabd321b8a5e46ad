/**
 * Cue words for the factuality of one event mention (see event-factuality.ts), as data.
 *
 * A cue only counts when it governs the event: it sits in the event's own verb group ("may meet"),
 * modifies the event noun ("a possible meeting"), or takes the event as its complement ("likely
 * to meet", "denied that they met", "called off the summit", "the summit was cancelled", "a delay
 * in delivery"). Words are listed in every form that is matched, lower case, so the lists can be
 * read and grepped as they are; multi-word cues are written with single spaces.
 *
 * Tuned on the airbus/ half of MEANTIME only (see test/eval/eval-certainty.ts); the apple/ half is
 * held out to report honest figures.
 */

export type FactualCertainty = 'CERTAIN' | 'PROBABLE' | 'POSSIBLE';
export type FactualPolarity = 'POS' | 'NEG';
export type FactualTime = 'FUTURE' | 'NON_FUTURE';

/** What a cue does to the event it governs. Certainty only ever goes down: the weakest cue wins. */
export interface CueEffect {
  certainty?: 'PROBABLE' | 'POSSIBLE';
  /** The event does not (or did not, or will not) happen. */
  negates?: true;
  time?: FactualTime;
}

/** The sub-corpus the cue lists were tuned on; the eval reports the others as held out. */
export const TUNED_ON = 'airbus';

/** Auxiliaries and semi-modals in the event's own verb group ("could meet", "will not meet"). */
export interface Auxiliary extends CueEffect {
  /** "cannot meet" is a certain "no", not a possible one. */
  negatedIsCertain?: true;
  /** Heads it does not apply to: "would like" is a wish now, not a future liking. */
  notBefore?: string[];
}

export const AUXILIARIES: Record<string, Auxiliary> = {
  may: { certainty: 'POSSIBLE', time: 'FUTURE' },
  might: { certainty: 'POSSIBLE', time: 'FUTURE' },
  could: { certainty: 'POSSIBLE', time: 'FUTURE', negatedIsCertain: true },
  can: { certainty: 'POSSIBLE', negatedIsCertain: true },
  ca: { certainty: 'POSSIBLE', negatedIsCertain: true }, // "ca n't"
  cannot: { certainty: 'POSSIBLE', negates: true, negatedIsCertain: true },
  will: { time: 'FUTURE' },
  "'ll": { time: 'FUTURE' },
  wo: { time: 'FUTURE' }, // "wo n't"
  shall: { time: 'FUTURE' },
  would: { time: 'FUTURE', notBefore: ['like', 'love', 'prefer', 'rather'] },
  "'d": { time: 'FUTURE' },
  should: { time: 'FUTURE' },
};

/** Negation inside the event's own verb group or noun phrase ("did not meet", "no meeting"). */
export const NEGATORS = ['not', "n't", 'never', 'no', 'neither', 'nor', 'without'];

/** Forms of "be" that make "is to meet" a plan; the past forms ("was to meet") do not. */
export const BE_TO_FUTURE = ['is', 'are', 'am', "'s", "'re", "'m", 'be'];

/** Adverbs that hedge whatever predicate they sit in the clause of. */
export const CLAUSE_ADVERBS: Record<string, CueEffect> = {
  probably: { certainty: 'PROBABLE' },
  likely: { certainty: 'PROBABLE' },
  reportedly: { certainty: 'PROBABLE' },
  allegedly: { certainty: 'PROBABLE' },
  apparently: { certainty: 'PROBABLE' },
  presumably: { certainty: 'PROBABLE' },
  supposedly: { certainty: 'PROBABLE' },
  possibly: { certainty: 'POSSIBLE' },
  perhaps: { certainty: 'POSSIBLE' },
  maybe: { certainty: 'POSSIBLE' },
  potentially: { certainty: 'POSSIBLE' },
  conceivably: { certainty: 'POSSIBLE' },
};

/**
 * Attribution that hedges a whole sentence: an anonymous or unconfirmed source weakens every event
 * it reports, whichever clause the event is in.
 */
export const SENTENCE_HEDGES: Record<string, CueEffect> = {
  'according to sources': { certainty: 'PROBABLE' },
  'sources said': { certainty: 'PROBABLE' },
  'sources say': { certainty: 'PROBABLE' },
  'source said': { certainty: 'PROBABLE' },
  'people familiar with': { certainty: 'PROBABLE' },
  'on condition of anonymity': { certainty: 'PROBABLE' },
  'no confirmation': { certainty: 'POSSIBLE' },
  unconfirmed: { certainty: 'POSSIBLE' },
  rumoured: { certainty: 'POSSIBLE' },
  rumored: { certainty: 'POSSIBLE' },
  speculation: { certainty: 'POSSIBLE' },
};

/** Phrases after the event in its clause that end it ("bringing production … to an end"). */
export const ENDING_PHRASES = ['to an end', 'to a halt', 'to a close'];

/**
 * Predicates that govern an event: as a verb with the event as infinitive ("plans to meet"),
 * that-clause ("denied that they met"), object ("called off the summit") or passive subject ("the
 * summit was cancelled"); as an adjective ("likely to meet", "a possible meeting", "a meeting is
 * possible"); or as a noun with the event after "to", "of", "for" or "in" ("plans for a summit",
 * "a delay in delivery", "the deal to lease").
 */
export interface Governor extends CueEffect {
  words: string[];
  /**
   * The governor's own negation carries over to the event: "does not plan to meet", "no plans
   * for a meeting", "the deal to lease" when the deal is cancelled. Without it, "do not need to
   * buy" leaves "buy" positive.
   */
  raisesNegation?: true;
  /**
   * The time of an infinitive it governs, instead of the future an infinitive otherwise looks to
   * ("the first to fly", "is said to be"). Governors with only this say nothing about a noun.
   */
  timeOfInfinitive?: FactualTime;
  /** Events it says nothing about: "would like to thank" is thanking, not wishing to. */
  notForEvents?: string[];
  /**
   * It hedges only a verb it governs ("offered to pay", "allowed to bid"), not a noun it takes as
   * object: "offers downloads", "allowed the merger", "tried the service" speak of things that exist
   * or happened.
   */
  onlyVerbs?: true;
}

/** Verbs that perform what they say: "I would like to thank" thanks. */
export const PERFORMATIVES = [
  'thank',
  'congratulate',
  'welcome',
  'apologise',
  'apologize',
  'express',
  'say',
  'add',
  'acknowledge',
  'announce',
  'remind',
  'stress',
];

/**
 * A verb in every form: "suggest" → suggest, suggests, suggested, suggesting. A trailing "+"
 * doubles the last consonant ("plan+" → planned, planning); an irregular verb lists all its other
 * forms after slashes ("hold/holds/held/holding"); a particle after a space goes with every form
 * ("call off" → called off, …).
 */
export const verbForms = (spec: string): string[] => {
  const [head = '', ...irregular] = spec.split('/');
  const [verb = '', ...particle] = head.split(' ');
  const doubled = verb.endsWith('+');
  const base = doubled ? verb.slice(0, -1) : verb;
  const stem = doubled ? base + base.slice(-1) : base;
  const consonantY = /[^aeiou]y$/.test(base);
  const third = /(s|x|z|ch|sh)$/.test(base)
    ? `${base}es`
    : consonantY
      ? `${base.slice(0, -1)}ies`
      : `${base}s`;
  const past = base.endsWith('e') ? `${base}d` : consonantY ? `${base.slice(0, -1)}ied` : `${stem}ed`;
  const ing = base.endsWith('ie')
    ? `${base.slice(0, -2)}ying`
    : /[^aeioy]e$/.test(base)
      ? `${base.slice(0, -1)}ing`
      : `${stem}ing`;
  const forms = irregular.length > 0 ? [base, ...irregular] : [base, third, past, ing];
  const tail = particle.length > 0 ? ` ${particle.join(' ')}` : '';
  return [...new Set(forms)].map((form) => form + tail);
};

const verbs = (...specs: string[]) => specs.flatMap(verbForms);

export const GOVERNORS: Governor[] = [
  // Probable: the source expects it.
  {
    certainty: 'PROBABLE',
    raisesNegation: true,
    words: [
      ...verbs('expect', 'anticipate', 'intend', 'predict', 'forecast/forecasts/forecasted/forecasting'),
      ...['likely', 'probable', 'expectation', 'expectations', 'intention', 'intent'],
    ],
  },
  // Probable, and an infinitive after them is as present as they are: "is believed to be worth".
  {
    certainty: 'PROBABLE',
    raisesNegation: true,
    timeOfInfinitive: 'NON_FUTURE',
    words: [...verbs('believe', 'think/thinks/thought/thinking', 'presume', 'suppose')],
  },
  { certainty: 'PROBABLE', negates: true, words: ['unlikely', 'improbable'] },
  // A wish: "would like to meet"; but "would like to thank" thanks.
  {
    certainty: 'POSSIBLE',
    words: ['would like', "'d like", 'would love', 'would prefer'],
    notForEvents: PERFORMATIVES,
  },
  // Possible, but only of a verb they govern: an offer, a permission or an attempt is a
  // proposal for the event it names as a verb ("offered to pay"), while its noun object is a
  // thing given, allowed or tried ("offers downloads").
  {
    certainty: 'POSSIBLE',
    onlyVerbs: true,
    words: verbs('allow', 'permit+', 'try', 'offer'),
  },
  // Possible: talked about, wished for, not settled.
  {
    certainty: 'POSSIBLE',
    words: [
      ...verbs('consider', 'discuss', 'explore', 'propose', 'suggest', 'negotiate'),
      ...verbs('hope', 'want', 'wish', 'seek/seeks/sought/seeking', 'speculate', 'rumour', 'rumor'),
      ...['possible', 'possibility', 'potential', 'option', 'options', 'consideration'],
      ...['discussion', 'discussions', 'proposal', 'negotiation', 'negotiations', 'prospect'],
      ...['prospects', 'chance', 'chances', 'talk', 'speculation', 'whether', 'unclear', 'uncertain'],
      ...['open', 'openness', 'interest', 'interested', 'desire', 'able', 'capable', 'eager', 'keen'],
    ],
  },
  // Planned: a future the source commits to.
  {
    time: 'FUTURE',
    raisesNegation: true,
    words: [
      ...verbs('plan+', 'schedule', 'agree', 'decide', 'promise', 'pledge', 'vow', 'commit+'),
      ...verbs('prepare', 'aim', 'arrange', 'announce', 'set/sets/setting', 'go/goes/going'),
      ...['plans', 'due', 'agreement', 'decision', 'commitment', 'preparations', 'upcoming'],
      ...['forthcoming', 'future', 'next', 'willing', 'ready', 'about', 'contract', 'contracts'],
      ...['deal', 'deals'],
    ],
  },
  // Did not or will not happen.
  {
    negates: true,
    words: [
      ...verbs('deny', 'cancel+', 'call off', 'rule out', 'refuse', 'decline', 'fail', 'cease'),
      ...verbs('stop+', 'halt', 'end', 'abandon', 'scrap+', 'postpone', 'delay', 'suspend', 'kill'),
      ...verbs('block', 'prevent', 'avoid', 'quit/quits/quitting', 'lack', 'shelve'),
      ...['canceled', 'canceling', 'now-cancelled', 'denial', 'cancellation', 'refusal', 'failure'],
      ...['postponement', 'suspension', 'absence'],
    ],
  },
  // The event is as real as its governor: "managed to land" (negated: "did not manage to").
  {
    raisesNegation: true,
    words: [...verbs('manage', 'happen', 'occur+', 'take place/takes/took/taken/taking')],
  },
  // An infinitive after these shares the governor's time, not a later one: "is said to be",
  // "found to be", "the first to fly". Only infinitives: "the first flight will take off" is future.
  {
    timeOfInfinitive: 'NON_FUTURE',
    words: [
      ...verbs('seem', 'appear'),
      ...['said', 'reported', 'known', 'found', 'discovered', 'used', 'first', 'last', 'only', 'enough'],
    ],
  },
];

/**
 * Verbs whose object noun is the event itself happening ("held talks", "made its maiden flight"):
 * the verb's negation and modality are the event's.
 */
export const LIGHT_VERBS = verbs(
  'hold/holds/held/holding',
  'have/has/had/having',
  'take/takes/took/taken/taking',
  'make/makes/made/making',
  'conduct',
  'attend',
  'host',
  'give/gives/gave/given/giving',
  'go/goes/went/gone/going',
  'get/gets/got/gotten/getting',
  'see/sees/saw/seen/seeing',
);

/** Words that open a conditional clause; "if" after the verbs below means "whether" instead. */
export const CONDITIONALS = [
  'if',
  'unless',
  'provided that',
  'providing that',
  'as long as',
  'on condition that',
  'in case',
];
export const IF_MEANS_WHETHER_AFTER = [
  'ask',
  'asked',
  'asks',
  'know',
  'knows',
  'knew',
  'wonder',
  'wondered',
  'see',
  'unclear',
  'decide',
  'check',
  'clear',
];

/** Words that begin a clause: an event is only governed by cues inside its own clause. */
export const CLAUSE_OPENERS = [
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'where',
  'when',
  'while',
  'whereas',
  'because',
  'although',
  'though',
  'if',
  'unless',
  'whether',
  'since',
  'but',
  'so',
  'after',
  'before',
  'until',
];

/** Time expressions that put a present-tense event in the future ("meets next week"). */
export const FUTURE_TIME_WORDS = ['tomorrow', 'next', 'upcoming', 'later', 'coming', 'soon'];
