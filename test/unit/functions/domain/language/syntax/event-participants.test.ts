import { describe, expect, it } from 'vitest';
import type { Parse } from '../../../../../../functions/domain/language/syntax/dependency-parser';
import {
  eventParticipants,
  participantIndices,
  spanHead,
} from '../../../../../../functions/domain/language/syntax/event-participants';
import { parseWords } from '../../../../../../functions/domain/language/syntax/parse-words';
import type { ParserWord } from '../../../../../../functions/domain/language/syntax/sentence-codes';
import { tagTokens } from '../../../../../../functions/domain/topics/certainty/event-factuality';

/** Participants of the trigger word, as words (pronouns with their antecedent: "he=Trump"). */
const named = (words: readonly { lower: string; text?: string }[], parse: Parse, trigger: string) => {
  const index = words.findIndex((w) => w.lower === trigger);
  expect(index).toBeGreaterThanOrEqual(0);
  return eventParticipants(parse, words as ParserWord[], index).map((p) => {
    const text = (i: number) => words[i]?.text ?? words[i]?.lower;
    return p.antecedent === undefined ? text(p.index) : `${text(p.index)}=${text(p.antecedent)}`;
  });
};

/** End to end: tagger, committed parser weights, participants. */
const participants = (sentence: string, trigger: string) => {
  const words = tagTokens(sentence.split(' '));
  return named(words, parseWords(words), trigger);
};

/**
 * A gold-style tree written as "word/head/relation" per token (heads 1-based, 0 the root, as in
 * CoNLL-U): tests of the participant rules that do not depend on what the model gets right.
 */
const tree = (spec: string) => {
  const tokens = spec.split(' ').map((t) => t.split('/'));
  const words = tokens.map(([text, , , pos]) => ({
    text: text as string,
    lower: (text as string).toLowerCase(),
    pos: pos ?? 'X',
  }));
  const parse: Parse = {
    heads: tokens.map(([, head]) => Number(head) - 1),
    relations: tokens.map(([, , relation]) => relation as string),
  };
  return { words, parse };
};

const fromTree = (spec: string, trigger: string) => {
  const { words, parse } = tree(spec);
  return named(words, parse, trigger);
};

describe('eventParticipants with the committed parser', () => {
  it.each([
    ['subject and object', 'Trump met Kim in Singapore .', 'met', ['Trump', 'Kim']],
    ['conjoined subjects', 'Trump and Kim met in Hanoi .', 'met', ['Trump', 'Kim']],
    ['a possessor and "with"', "Trump 's meeting with Kim was cancelled .", 'meeting', ['Trump', 'Kim']],
    ['a headline infinitive', 'Trump to meet Kim', 'meet', ['Trump', 'Kim']],
    ['subject control', 'Trump agreed to meet Kim .', 'meet', ['Trump', 'Kim']],
    ['"wants to"', 'Trump wants to meet Kim .', 'meet', ['Trump', 'Kim']],
    ['a passive with its agent', 'Kim was met by Trump at the border .', 'met', ['Kim', 'Trump']],
    ['a light verb', 'Trump had a meeting with Kim .', 'meeting', ['Trump', 'Kim']],
    ['a shared subject of conjoined verbs', 'Trump flew to Hanoi and met Kim .', 'met', ['Trump', 'Kim']],
    [
      'reported speech, the pronoun resolved to the speaker',
      'Trump said he would hold talks with Kim .',
      'talks',
      ['he=Trump', 'Kim'],
    ],
    [
      'the purpose clause is not the meeting',
      'Pompeo met Kim to prepare the summit .',
      'met',
      ['Pompeo', 'Kim'],
    ],
  ])('%s: %s', (_, sentence, trigger, expected) => {
    expect(participants(sentence, trigger)).toEqual(expected);
  });

  it('does not make the actors of "met" participants of the summit they prepare', () => {
    const found = participants('Pompeo met Kim to prepare the summit .', 'summit');
    expect(found).not.toContain('Pompeo');
    expect(found).not.toContain('Kim');
  });

  it('keeps Trump out of a meeting reported in another clause', () => {
    const sentence = 'Kim met Putin in Vladivostok , a day after Trump said he hoped to see Kim again .';
    const found = participants(sentence, 'met');
    expect(found).toContain('Kim');
    expect(found).not.toContain('Trump');
  });
});

describe('eventParticipants on given trees (the rules, whatever the model)', () => {
  it('expands "between A and B" over the conjunct', () => {
    const spec =
      'The/2/det/DET talks/6/nsubj/NOUN between/4/case/ADP Trump/2/nmod/PROPN and/6/cc/CCONJ Kim/4/conj/PROPN collapsed/0/root/VERB';
    expect(fromTree(spec, 'talks')).toEqual(['Trump', 'Kim']);
  });

  it('leaves out the other clause: "Kim met Putin …, a day after Trump said he hoped to see Kim"', () => {
    const spec = [
      'Kim/2/nsubj/PROPN',
      'met/0/root/VERB',
      'Putin/2/obj/PROPN',
      'in/5/case/ADP',
      'Vladivostok/2/obl/PROPN',
      ',/8/punct/PUNCT',
      'a/8/det/DET',
      'day/2/obl:unmarked/NOUN',
      'after/11/mark/SCONJ',
      'Trump/11/nsubj/PROPN',
      'said/8/acl/VERB',
      'he/13/nsubj/PRON',
      'hoped/11/ccomp/VERB',
      'to/15/mark/PART',
      'see/13/xcomp/VERB',
      'Kim/15/obj/PROPN',
    ].join(' ');
    expect(fromTree(spec, 'met')).toEqual(['Kim', 'Putin']);
    // The reported hope has Trump's pronoun as its subject, through "hoped to".
    expect(fromTree(spec, 'see')).toEqual(['he=Trump', 'Kim']);
  });

  it('leaves out a relative clause, and resolves its "who" to the noun', () => {
    const spec =
      'Putin/2/nsubj/PROPN greeted/0/root/VERB Kim/2/obj/PROPN ,/7/punct/PUNCT who/7/nsubj/PRON had/7/aux/AUX met/3/acl:relcl/VERB Trump/7/obj/PROPN';
    expect(fromTree(spec, 'greeted')).toEqual(['Putin', 'Kim']);
    expect(fromTree(spec, 'met')).toEqual(['who=Kim', 'Trump']);
  });

  it('leaves out an adverbial clause under the trigger', () => {
    const spec =
      'Trump/2/nsubj/PROPN met/0/root/VERB Kim/2/obj/PROPN after/6/mark/SCONJ Moon/6/nsubj/PROPN called/2/advcl/VERB';
    expect(fromTree(spec, 'met')).toEqual(['Trump', 'Kim']);
  });

  it('uses the object as controller: "Pompeo urged Kim to meet Trump"', () => {
    const spec =
      'Pompeo/2/nsubj/PROPN urged/0/root/VERB Kim/2/obj/PROPN to/5/mark/PART meet/2/xcomp/VERB Trump/5/obj/PROPN';
    expect(fromTree(spec, 'meet')).toEqual(['Kim', 'Trump']);
  });

  it('climbs a light verb under control: "Trump agreed to hold talks with Kim"', () => {
    const spec =
      'Trump/2/nsubj/PROPN agreed/0/root/VERB to/4/mark/PART hold/2/xcomp/VERB talks/4/obj/NOUN with/7/case/ADP Kim/4/obl/PROPN';
    expect(fromTree(spec, 'talks')).toEqual(['Trump', 'Kim']);
  });

  it('does not climb a verb that merely governs the trigger', () => {
    const spec =
      'Moon/2/nsubj/PROPN welcomed/0/root/VERB the/4/det/DET summit/2/obj/NOUN between/6/case/ADP Trump/4/nmod/PROPN and/8/cc/CCONJ Kim/6/conj/PROPN';
    expect(fromTree(spec, 'summit')).toEqual(['Trump', 'Kim']);
  });

  it('marks an unresolved pronoun for the caller', () => {
    const { words, parse } = tree('They/2/nsubj/PRON met/0/root/VERB Kim/2/obj/PROPN');
    const found = eventParticipants(parse, words, 1);
    expect(found).toEqual([
      { index: 0, role: 'subject', pronoun: true },
      { index: 2, role: 'object', pronoun: false },
    ]);
    expect(participantIndices(found)).toEqual([0, 2]);
  });
});

describe('spanHead', () => {
  it('finds the head of a flat name and of a compound title', () => {
    const { parse } = tree(
      'President/3/compound/PROPN Donald/3/compound/PROPN Trump/4/nsubj/PROPN met/0/root/VERB Kim/4/obj/PROPN Jong/5/flat/PROPN Un/5/flat/PROPN',
    );
    expect(spanHead(parse, 0, 3)).toBe(2);
    expect(spanHead(parse, 4, 7)).toBe(4);
    expect(spanHead(parse, 3, 4)).toBe(3);
  });
});
