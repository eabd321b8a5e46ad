import type { Certainty } from './topics';

/**
 * Certainty of one event mention, from cue words in its sentence. The cues are data, checked in
 * order: the first group with a cue in the sentence decides. Past comes first because "last met in
 * June 2019" must never read as news; denial before speculation because "ruled out a possible
 * meeting" is a denial.
 */
export interface CueGroup {
  certainty: Certainty;
  cues: string[];
}

export const CERTAINTY_CUES: CueGroup[] = [
  {
    certainty: 'past',
    cues: [
      'last met',
      'previously met',
      'first met',
      'had met',
      'have met three times',
      'previous summit',
      'earlier summit',
    ],
  },
  {
    certainty: 'denied',
    cues: [
      'ruled out',
      'rules out',
      'rule out',
      'called off',
      'calls off',
      'cancelled',
      'canceled',
      'denied',
      'denies',
      'will not meet',
      "won't meet",
      'no plans to',
      'has no plan',
      'rejected',
      'postponed indefinitely',
    ],
  },
  { certainty: 'conditional', cues: ['if', 'unless', 'provided that', 'on condition that', 'as long as'] },
  {
    certainty: 'speculative',
    cues: [
      'likely',
      'unlikely',
      'possible',
      'possibly',
      'possibility',
      'may',
      'might',
      'could',
      'reportedly',
      'discussed',
      'discussing',
      'no confirmation',
      'not confirmed',
      'considering',
      'consider',
      'open to',
      'openness',
      'interest in',
      'desire to',
      'hopes to',
      'hoping to',
      'would like',
      'expected to',
      'rumoured',
      'rumored',
      'speculation',
      'sources said',
      'according to sources',
      'exploring',
      'potential',
    ],
  },
  {
    certainty: 'planned',
    cues: [
      'will meet',
      'will hold',
      'will host',
      'will visit',
      'scheduled',
      'agreed to',
      'announced',
      'set to',
      'plans to',
      'planned',
      'is to meet',
      'are to meet',
      'confirmed that',
      'due to meet',
      'arranged',
    ],
  },
  {
    certainty: 'confirmed',
    cues: ['met', 'held talks', 'shook hands', 'hosted', 'sat down', 'are meeting', 'is meeting'],
  },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A cue matches as whole words, case-insensitively, with curly apostrophes treated as straight. */
const cuePattern = (cue: string) =>
  new RegExp(`(?<![\\w'])${escape(cue).replace(/'/g, "['’]")}(?![\\w'])`, 'i');

const COMPILED = CERTAINTY_CUES.map((group) => ({
  certainty: group.certainty,
  cues: group.cues.map((cue) => ({ cue, pattern: cuePattern(cue) })),
}));

const FINITE_EVENT_VERB =
  /\b(meets|met|held talks|holds talks|hosts|hosted|visits|visited|sat down|sits down)\b/i;

/** An event mentioned with a year before the article's own is an earlier occurrence. */
const YEAR = /\b(19|20)\d{2}\b/g;

export interface CertaintyJudgement {
  certainty: Certainty;
  cues: string[];
}

export const classifyCertainty = (sentence: string, articleYear?: number): CertaintyJudgement => {
  if (articleYear !== undefined) {
    const earlier = [...sentence.matchAll(YEAR)]
      .map((m) => Number(m[0]))
      .filter((year) => year < articleYear);
    const pastTense = /\b(met|held|hosted|was|were)\b/i.test(sentence);
    if (earlier.length > 0 && pastTense) return { certainty: 'past', cues: earlier.map(String) };
  }
  // "May" the month is not the modal "may".
  const text = sentence.replace(/\bMay(?=\s+\d)/g, 'MONTH');
  for (const group of COMPILED) {
    const found = group.cues.filter(({ pattern }) => pattern.test(text)).map(({ cue }) => cue);
    if (found.length > 0) return { certainty: group.certainty, cues: found };
  }
  // No cue at all: a finite meeting verb ("Trump meets Kim", "they held talks") reports news that
  // happened; a bare noun ("apart from a meeting with Kim") only talks about one.
  const happened = FINITE_EVENT_VERB.exec(text);
  if (happened) return { certainty: 'confirmed', cues: [happened[0]] };
  return { certainty: 'speculative', cues: [] };
};

/**
 * The certainty of a story from all its mentions: the most decisive current mention wins, and a
 * story whose every mention is past is past.
 */
const DECISIVENESS: Certainty[] = ['denied', 'confirmed', 'planned', 'conditional', 'speculative', 'past'];

export const storyCertainty = (mentions: Certainty[]): Certainty =>
  DECISIVENESS.find((certainty) => mentions.includes(certainty)) ?? 'past';

/** Whether a story of this certainty reaches subscribers of a topic with this minimum. */
const RANK: Record<'speculative' | 'planned' | 'confirmed', number> = {
  speculative: 0,
  planned: 1,
  confirmed: 2,
};

export const meetsMinimum = (certainty: Certainty, minimum: 'speculative' | 'planned' | 'confirmed') => {
  if (certainty === 'past') return false;
  if (certainty === 'denied') return true;
  const rank = certainty === 'conditional' ? RANK.speculative : RANK[certainty];
  return rank >= RANK[minimum];
};
