import { ATTACK_OBJECTS } from './conflict-and-law-events';
import type { EventTypeDefinition } from './event-type';

/** What a central bank moves or holds; the objects of the `rate decision` type's light verbs. */
const POLICY_RATES = [
  'rates',
  'interest rates',
  'the key rate',
  'its key rate',
  'the benchmark rate',
  'its benchmark rate',
  'the policy rate',
  'its policy rate',
  'the base rate',
  'the cash rate',
  'the federal funds rate',
  'borrowing costs',
];

export const BUSINESS_EVENTS = {
  acquisition: {
    description: 'A company (or asset) is bought: an acquisition, a takeover, a buyout.',
    verbs: ['acquire', 'buy', 'take over', 'purchase', 'snap up', 'buy out'],
    nouns: ['acquisition', 'takeover', 'take-over', 'buyout', 'buy-out', 'purchase'],
    excludes: {
      verbs: [
        'buy time',
        'buy into',
        'acquire a taste',
        'acquire skills',
        // Succession, not a purchase: "took over as chief executive".
        'take over as',
        'take over the role',
      ],
      phrases: ['acquired taste', 'acquired immune', 'purchasing managers', 'purchasing power'],
    },
  },

  merger: {
    description: 'Companies or organisations combine into one: a merger, a tie-up.',
    verbs: ['merge', 'combine', 'amalgamate'],
    nouns: ['merger', 'tie-up', 'amalgamation', 'business combination'],
    excludes: {
      nouns: ['combine harvester'],
      phrases: [
        'combined total',
        'combined value',
        'combined wealth',
        'combined population',
        'combined score',
        'combined effect',
        'combined with',
      ],
    },
  },

  'rate decision': {
    description: 'A central bank cuts, raises or holds its interest rates.',
    verbs: [
      'leave rates unchanged',
      'leave interest rates unchanged',
      'keep rates unchanged',
      'keep interest rates unchanged',
      'hold rates steady',
      'keep rates steady',
      'keep rates on hold',
      'leave unchanged',
      'stand pat',
    ],
    nouns: ['monetary policy decision'],
    lightVerbs: {
      verbs: [
        'cut',
        'raise',
        'hike',
        'hold',
        'lower',
        'reduce',
        'increase',
        'lift',
        'trim',
        'slash',
        'keep',
        'leave',
      ],
      objects: POLICY_RATES,
    },
    lightNouns: {
      nouns: ['cut', 'hike', 'rise', 'increase', 'reduction', 'decrease', 'decision', 'hold', 'pause'],
      modifiers: ['rate', 'interest rate', 'interest-rate'],
    },
    excludes: {
      // Other rates than the policy rate: "mortgage rate cut" is a lender's, not a central bank's.
      nouns: [
        'tax rate',
        'mortgage rate',
        'exchange rate',
        'unemployment rate',
        'inflation rate',
        'growth rate',
        'birth rate',
        'crime rate',
      ],
    },
  },

  launch: {
    description: 'A product, service or programme is launched, unveiled or released.',
    verbs: ['launch', 'unveil', 'release', 'roll out', 'debut', 'go on sale'],
    nouns: ['launch', 'unveiling', 'release', 'rollout', 'roll-out', 'debut'],
    excludes: {
      verbs: [
        ...ATTACK_OBJECTS.map((object) => `launch ${object}`),
        'launch an investigation',
        'launch a probe',
        'launch an inquiry',
        'release from prison',
        'release from custody',
        'release from jail',
        'release on bail',
        'release hostages',
        'release the hostages',
        'release prisoners',
        'release the prisoners',
        'release a statement',
        'release data',
        'release figures',
      ],
      nouns: ['press release', 'news release', 'prisoner release', 'hostage release'],
      phrases: ['release of hostages', 'release of prisoners', 'release of the hostages'],
    },
  },
} as const satisfies Record<string, EventTypeDefinition>;
