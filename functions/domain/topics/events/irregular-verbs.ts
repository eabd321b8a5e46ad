/**
 * English verbs whose past or participle break the -ed rule, as "base past participle" lines;
 * alternatives are joined by "/" ("strike struck struck/stricken"). Written as text so the table
 * reads like a grammar book's and a missing verb is one line to add. Prefixed verbs (withhold,
 * retake, undercut, overthrow) are derived in inflections.ts, so only their stems are listed.
 */
const IRREGULAR_VERB_LINES = `
  arise arose arisen
  awake awoke awoken
  be was/were been
  bear bore borne/born
  beat beat beaten/beat
  become became become
  begin began begun
  bend bent bent
  bet bet bet
  bid bid bid
  bind bound bound
  bite bit bitten
  bleed bled bled
  blow blew blown
  break broke broken
  breed bred bred
  bring brought brought
  broadcast broadcast broadcast
  build built built
  burst burst burst
  buy bought bought
  cast cast cast
  catch caught caught
  choose chose chosen
  cling clung clung
  come came come
  cost cost cost
  creep crept crept
  cut cut cut
  deal dealt dealt
  dig dug dug
  do did done
  draw drew drawn
  drink drank drunk
  drive drove driven
  eat ate eaten
  fall fell fallen
  feed fed fed
  feel felt felt
  fight fought fought
  find found found
  flee fled fled
  fly flew flown
  forbid forbade forbidden
  forecast forecast forecast
  forget forgot forgotten
  forgive forgave forgiven
  freeze froze frozen
  get got got/gotten
  give gave given
  go went gone
  grind ground ground
  grow grew grown
  hang hung/hanged hung/hanged
  have had had
  hear heard heard
  hide hid hidden
  hit hit hit
  hold held held
  hurt hurt hurt
  keep kept kept
  know knew known
  lay laid laid
  lead led led
  leave left left
  lend lent lent
  let let let
  lie lay lain
  light lit/lighted lit/lighted
  lose lost lost
  make made made
  mean meant meant
  meet met met
  pay paid paid
  put put put
  quit quit/quitted quit/quitted
  read read read
  ride rode ridden
  ring rang rung
  rise rose risen
  run ran run
  say said said
  see saw seen
  seek sought sought
  sell sold sold
  send sent sent
  set set set
  shake shook shaken
  shed shed shed
  shine shone shone
  shoot shot shot
  show showed shown/showed
  shut shut shut
  sing sang sung
  sink sank sunk
  sit sat sat
  slay slew slain
  sleep slept slept
  slide slid slid
  speak spoke spoken
  spend spent spent
  spin spun spun
  split split split
  spread spread spread
  spring sprang sprung
  stand stood stood
  steal stole stolen
  stick stuck stuck
  sting stung stung
  strike struck struck/stricken
  strive strove striven
  swear swore sworn
  sweep swept swept
  swim swam swum
  swing swung swung
  take took taken
  teach taught taught
  tear tore torn
  tell told told
  think thought thought
  throw threw thrown
  thrust thrust thrust
  wake woke woken
  wear wore worn
  weep wept wept
  win won won
  wind wound wound
  write wrote written
`;

export interface IrregularVerb {
  past: readonly string[];
  participle: readonly string[];
}

const parse = (lines: string): ReadonlyMap<string, IrregularVerb> => {
  const table = new Map<string, IrregularVerb>();
  for (const line of lines.split('\n')) {
    const [base, past, participle] = line.trim().split(/\s+/);
    if (!base || !past || !participle) continue;
    table.set(base, { past: past.split('/'), participle: participle.split('/') });
  }
  return table;
};

export const IRREGULAR_VERBS: ReadonlyMap<string, IrregularVerb> = parse(IRREGULAR_VERB_LINES);

/**
 * Prefixes that keep the stem's irregular forms: withhold/withheld, uphold/upheld, retake/retook,
 * undercut/undercut, overthrow/overthrew, outsell/outsold, mislead/misled, foresee/foresaw.
 */
export const IRREGULAR_PREFIXES = [
  'with',
  'up',
  're',
  'un',
  'under',
  'over',
  'out',
  'mis',
  'fore',
  'be',
] as const;

/** Verbs that look like a prefix on an irregular stem but are regular: relayed, behaved. */
export const REGULAR_DESPITE_PREFIX: ReadonlySet<string> = new Set(['relay', 'belie', 'behave']);
