import { describe, expect, it } from 'vitest';
import { lemmaOf } from '../../../../../../functions/domain/topics/events/event-lexicon';

describe('lemmaOf (the whole built-in vocabulary)', () => {
  it.each<[string, string]>([
    ['met', 'meet'],
    ['meets', 'meet'],
    ['summits', 'summit'],
    ['held talks', 'hold talks'],
    ['Sat  Down', 'sit down'],
    ['shaken hands', 'shake hands'],
    ['struck', 'strike'],
    ['took over', 'take over'],
    ['bought', 'buy'],
    ['ousted', 'oust'],
    ['stepped down', 'step down'],
    ['left rates unchanged', 'leave rates unchanged'],
    ['interest rate cuts', 'interest rate cut'],
    ['sworn in', 'swear in'],
    // A form that is a lemma itself is its own, though it is also a form of another.
    ['meeting', 'meeting'],
    ['talks', 'talks'],
    // Written without accents or hyphens.
    ['tete-a-tete', 'tête-à-tête'],
    ['face to face', 'face-to-face'],
  ])('%s → %s', (form, lemma) => {
    expect(lemmaOf(form)).toBe(lemma);
  });

  it('knows nothing of words no type uses', () => {
    expect(lemmaOf('banana')).toBeUndefined();
    // "cut" alone is not a rate decision: only with "rates".
    expect(lemmaOf('cut')).toBeUndefined();
  });
});
