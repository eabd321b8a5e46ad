/**
 * Who takes part in an event, read off a dependency parse: a topic such as "Trump–Kim meeting"
 * should match a sentence only when both actors are arguments of the event's trigger word, not
 * when one of them merely appears in another clause ("a day after Trump said …").
 */
import type { Parse } from './dependency-parser';
import type { ParserWord } from './sentence-codes';

export type ParticipantRole = 'subject' | 'object' | 'agent' | 'partner' | 'possessor' | 'modifier';

export interface EventParticipant {
  /** Token index of the participant's head word. */
  index: number;
  role: ParticipantRole;
  /** A personal or relative pronoun: the caller may resolve it; `antecedent` when resolved here. */
  pronoun: boolean;
  /** For "he"/"she"/"they" as subject of a reported event, the reporting verb's subject; for "who", the noun it modifies. */
  antecedent?: number;
}

/**
 * Verbs whose object names the event and whose arguments are the event's: "hold talks with",
 * "have a meeting with", "host a summit". Cancelling or planning an event still makes its subject a
 * party to it; whether it happens is the factuality classifier's business.
 */
const LIGHT_VERBS = new Set([
  'hold',
  'held',
  'holds',
  'holding',
  'have',
  'has',
  'had',
  'having',
  'conduct',
  'conducted',
  'conducts',
  'host',
  'hosted',
  'hosts',
  'hosting',
  'attend',
  'attended',
  'attends',
  'begin',
  'began',
  'begins',
  'start',
  'started',
  'starts',
  'resume',
  'resumed',
  'resumes',
  'open',
  'opened',
  'opens',
  'continue',
  'continued',
  'continues',
  'schedule',
  'scheduled',
  'arrange',
  'arranged',
  'plan',
  'planned',
  'plans',
  'seek',
  'sought',
  'seeks',
  'propose',
  'proposed',
  'cancel',
  'cancelled',
  'canceled',
  'postpone',
  'postponed',
  'join',
  'joined',
  'joins',
]);

/** Prepositions that bring in a second party of an event: "with Kim", "between A and B". */
const PARTNER_CASES = new Set(['with', 'between', 'among', 'amongst', 'alongside', 'and']);
/** Pronouns that may stand for an actor named elsewhere. */
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'we', 'us', 'i', 'me', 'you']);
const REPORTED_SUBJECTS = new Set(['he', 'she', 'they']);
const RELATIVE_PRONOUNS = new Set(['who', 'whom', 'which', 'that']);
const NOMINAL_TAGS = new Set(['NOUN', 'PROPN', 'PRON', 'NUM', 'X']);

const base = (relation: string | undefined) => (relation ?? '').split(':')[0] ?? '';

/** Dependents of each word, built once per call. */
const dependentsOf = (parse: Parse): number[][] => {
  const out: number[][] = parse.heads.map(() => []);
  parse.heads.forEach((head, i) => {
    if (head >= 0) out[head]?.push(i);
  });
  return out;
};

/**
 * The head of a name span (end exclusive): the word whose head lies outside the span ("Kim" in
 * "Kim Jong Un", a flat chain; "Trump" in "President Donald Trump"). If the parse splits the span,
 * the word nearest the root.
 */
export const spanHead = (parse: Parse, start: number, end: number): number => {
  let best = -1;
  let bestDepth = Infinity;
  for (let i = start; i < end; i += 1) {
    const head = parse.heads[i] ?? -1;
    if (head >= start && head < end) continue;
    let depth = 0;
    for (let h = head; h >= 0 && depth <= parse.heads.length; h = parse.heads[h] ?? -1) depth += 1;
    if (depth < bestDepth) {
      best = i;
      bestDepth = depth;
    }
  }
  return best < 0 ? start : best;
};

/**
 * The participants of the event at `trigger`: its subjects, objects, the agent of a passive, the
 * partners brought in by "with"/"between", a possessor ("Trump's meeting"), names compounded onto
 * a noun trigger ("the Trump-Kim summit"), each expanded over conjuncts ("Trump and Kim"). Through
 * control and raising ("Trump agreed to meet Kim"), light verbs ("held talks with Kim") and a
 * shared subject of conjoined verbs ("flew to Hanoi and met Kim"). Actors in clauses below the
 * trigger (relative, adverbial, complement clauses) or of verbs above it are not participants.
 */
export const eventParticipants = (
  parse: Parse,
  words: readonly ParserWord[],
  trigger: number,
): EventParticipant[] => {
  const dependents = dependentsOf(parse);
  const relation = (i: number) => parse.relations[i] ?? '';
  const found = new Map<number, EventParticipant>();
  const add = (index: number, role: ParticipantRole) => {
    if (index === trigger || found.has(index)) return;
    const lower = words[index]?.lower ?? '';
    const pronoun =
      words[index]?.pos === 'PRON' && (PERSONAL_PRONOUNS.has(lower) || RELATIVE_PRONOUNS.has(lower));
    const participant: EventParticipant = { index, role, pronoun };
    if (pronoun) {
      const antecedent = resolvePronoun(parse, words, index);
      if (antecedent >= 0) participant.antecedent = antecedent;
    }
    found.set(index, participant);
    // "Trump and Kim", "between A, B and C": conjuncts share the role.
    for (const d of dependents[index] ?? []) if (base(relation(d)) === 'conj') add(d, role);
  };
  const caseWord = (i: number): string | undefined => {
    for (const d of dependents[i] ?? []) if (relation(d) === 'case') return words[d]?.lower;
    return undefined;
  };
  const isNominal = (i: number) => NOMINAL_TAGS.has(words[i]?.pos ?? '');

  /** The arguments of one predicate word (the trigger, or a verb standing in for it). */
  const collect = (p: number, nounTrigger: boolean) => {
    const passive = (dependents[p] ?? []).some(
      (d) => relation(d) === 'aux:pass' || relation(d) === 'nsubj:pass',
    );
    for (const d of dependents[p] ?? []) {
      if (d === trigger) continue;
      const r = relation(d);
      const type = base(r);
      if (type === 'nsubj') add(d, 'subject');
      else if (type === 'obj' || type === 'iobj') add(d, 'object');
      else if (r === 'obl:agent') add(d, 'agent');
      else if (r === 'nmod:poss') add(d, 'possessor');
      else if (type === 'obl' || type === 'nmod') {
        const preposition = caseWord(d);
        if (preposition !== undefined && PARTNER_CASES.has(preposition)) add(d, 'partner');
        else if (preposition === 'by' && passive) add(d, 'agent');
        else if (preposition === 'of' && nounTrigger && p === trigger) add(d, 'partner');
      } else if ((type === 'compound' || type === 'amod') && nounTrigger && p === trigger) {
        // "the Trump-Kim summit", "US-China talks": names, not "trade talks".
        if (words[d]?.pos === 'PROPN') add(d, 'modifier');
      }
    }
  };

  const nounTrigger = isNominal(trigger);
  collect(trigger, nounTrigger);

  // Verbs standing in for the trigger: a light verb whose object (or passive subject) it is, then
  // up through control ("agreed to hold talks") and shared subjects of conjoined verbs.
  let p = trigger;
  if (nounTrigger) {
    const head = parse.heads[trigger] ?? -1;
    const r = relation(trigger);
    if (head >= 0 && (r === 'obj' || r === 'nsubj:pass') && LIGHT_VERBS.has(words[head]?.lower ?? '')) {
      collect(head, false);
      p = head;
    } else p = -1;
  }
  for (let steps = 0; p >= 0 && steps < 8; steps += 1) {
    const hasSubject = (dependents[p] ?? []).some((d) => base(relation(d)) === 'nsubj');
    const r = relation(p);
    const head = parse.heads[p] ?? -1;
    if (head < 0 || hasSubject) break;
    if (r === 'xcomp') {
      // Object control ("urged Kim to meet Trump") when the governor has an object, else subject control.
      const controller = (dependents[head] ?? []).find((d) => base(relation(d)) === 'obj');
      const subjects = (dependents[head] ?? []).filter((d) => base(relation(d)) === 'nsubj');
      if (controller !== undefined) add(controller, 'subject');
      else for (const s of subjects) add(s, 'subject');
      if (controller !== undefined || subjects.length > 0) break;
      p = head;
    } else if (r === 'conj' && !isNominal(head)) {
      for (const s of dependents[head] ?? []) if (base(relation(s)) === 'nsubj') add(s, 'subject');
      p = head;
    } else if (r === 'acl' && isNominal(head)) {
      // "Trump's decision to meet Kim": the possessor of the noun.
      for (const s of dependents[head] ?? []) if (relation(s) === 'nmod:poss') add(s, 'subject');
      break;
    } else break;
  }
  // Headlines: "Trump to meet Kim" comes out as the name with the verb as its xcomp or acl.
  const head = parse.heads[trigger] ?? -1;
  if (!nounTrigger && head >= 0 && (relation(trigger) === 'xcomp' || relation(trigger) === 'acl')) {
    const hasSubject = (dependents[trigger] ?? []).some((d) => base(relation(d)) === 'nsubj');
    const marked = (dependents[trigger] ?? []).some((d) => words[d]?.lower === 'to');
    if (!hasSubject && marked && words[head]?.pos === 'PROPN' && relation(head) === 'root')
      add(head, 'subject');
  }
  return [...found.values()].sort((a, b) => a.index - b.index);
};

/**
 * "Trump said he would meet Kim": a he/she/they subject of a clause reported by a verb is taken
 * to be that verb's subject; a relative pronoun is the noun its clause modifies.
 */
const resolvePronoun = (parse: Parse, words: readonly ParserWord[], pronoun: number): number => {
  const lower = words[pronoun]?.lower ?? '';
  let clause = parse.heads[pronoun] ?? -1;
  if (clause < 0) return -1;
  if (RELATIVE_PRONOUNS.has(lower)) {
    return parse.relations[clause] === 'acl:relcl' ? (parse.heads[clause] ?? -1) : -1;
  }
  if (!REPORTED_SUBJECTS.has(lower) || base(parse.relations[pronoun]) !== 'nsubj') return -1;
  for (let steps = 0; steps < 8; steps += 1) {
    const r = parse.relations[clause] ?? '';
    const head = parse.heads[clause] ?? -1;
    if (head < 0) return -1;
    if (r === 'ccomp' || r === 'parataxis') {
      for (let i = 0; i < parse.heads.length; i += 1) {
        if (parse.heads[i] === head && base(parse.relations[i]) === 'nsubj' && words[i]?.pos !== 'PRON')
          return i;
      }
      return -1;
    }
    if (r !== 'xcomp' && r !== 'conj') return -1;
    clause = head;
  }
  return -1;
};

/** Participant indices with pronouns replaced by their antecedents where known. */
export const participantIndices = (participants: readonly EventParticipant[]): number[] => [
  ...new Set(participants.map((p) => p.antecedent ?? p.index)),
];
