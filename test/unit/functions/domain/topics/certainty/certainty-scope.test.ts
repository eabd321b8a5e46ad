import { describe, expect, it } from 'vitest';
import type { Factuality } from '../../../../../../functions/domain/topics/certainty/event-factuality';
import { classifyCertainty } from '../../../../../../functions/domain/topics/certainty/match-certainty';
import { classifyMentionInText } from './classify-mention';

/** Classifies the first occurrence of `event` in `sentence`. */
const judge = (sentence: string, event: string): Factuality => {
  const start = sentence.indexOf(event);
  if (start < 0) throw new Error(`"${event}" is not in "${sentence}"`);
  return classifyMentionInText(sentence, { start, end: start + event.length }, { articleYear: 2025 });
};

describe('scope of a modal over coordinated verbs', () => {
  it('shares the modal with a bare or participle form, not with a verb inflected for the present', () => {
    const sentence = 'The 3D world can be navigated with a joystick and offers an immersive experience.';
    expect(judge(sentence, 'navigated').certainty).toBe('POSSIBLE');
    expect(judge(sentence, 'offers')).toMatchObject({ certainty: 'CERTAIN', cues: [] });
    // Bare forms after "and" stay in the scope: "may meet … and sign".
    expect(judge('Trump may meet Kim and sign a deal.', 'sign').certainty).toBe('POSSIBLE');
    expect(judge('Episodes can be uploaded and posted within an hour.', 'posted').certainty).toBe('POSSIBLE');
  });

  it('coordinates a past form with the finite verb, not with an infinitive that hangs on it', () => {
    const sentence = 'Negroponte wants the laptops to become common but conceded this was ambitious.';
    expect(judge(sentence, 'become').certainty).toBe('POSSIBLE');
    expect(judge(sentence, 'conceded').certainty).toBe('CERTAIN');
    expect(judge('Pernod wanted to buy the firm but walked away.', 'walked').certainty).toBe('CERTAIN');
    // Two participles under one "to be" share it.
    expect(judge('The jets are expected to be built and delivered in May.', 'delivered').certainty).toBe(
      'PROBABLE',
    );
  });
});

describe('hedging adverbs', () => {
  it('hedge the clause, but not from inside a noun phrase', () => {
    expect(judge('Old phones leak the potentially toxic materials.', 'leak').certainty).toBe('CERTAIN');
    expect(judge('Old phones potentially leak toxic materials.', 'leak')).toMatchObject({
      certainty: 'POSSIBLE',
      cues: ['potentially'],
    });
    expect(judge('Trump will probably meet Kim.', 'meet').certainty).toBe('PROBABLE');
  });
});

describe('offers, permissions and attempts', () => {
  it('hedge a verb they govern but not a noun they take as object', () => {
    expect(judge('Apple offered to pay for the repairs.', 'pay').certainty).toBe('POSSIBLE');
    expect(judge('The store offers downloads of the film.', 'downloads').certainty).toBe('CERTAIN');
    expect(judge('Boeing is to be allowed to bid for launch contracts.', 'bid').certainty).toBe('POSSIBLE');
    expect(judge('Regulators allowed the merger last year.', 'merger').certainty).toBe('CERTAIN');
    // Verbs that talk about or wish for an event still hedge their noun objects.
    expect(judge('The two sides discussed a merger.', 'merger').certainty).toBe('POSSIBLE');
    expect(judge('Kim wants a meeting with Trump.', 'meeting').certainty).toBe('POSSIBLE');
  });

  it('keeps the alert certainty of the seed phrasings', () => {
    expect(classifyCertainty('Trump offered to meet Kim at the border.', 2025)).toMatchObject({
      certainty: 'speculative',
      cues: ['offered'],
    });
    expect(classifyCertainty('Trump and Kim will meet and sign a deal in Hanoi.', 2025).certainty).toBe(
      'planned',
    );
  });
});
