import { describe, expect, it } from 'vitest';
import { splitAroundCues } from '../../functions/console/src/marks';

const marked = (sentence: string, cues: string[]) =>
  splitAroundCues(sentence, cues)
    .map((part) => (part.cue ? `[${part.text}]` : part.text))
    .join('');

describe('the console marks cue words in evidence as text parts', () => {
  it('marks each cue as written, case-insensitively, keeping the rest of the sentence', () => {
    expect(marked('Donald Trump could meet Kim Jong Un, officials said.', ['could'])).toBe(
      'Donald Trump [could] meet Kim Jong Un, officials said.',
    );
    expect(marked('Talks are Scheduled; they are scheduled.', ['scheduled'])).toBe(
      'Talks are [Scheduled]; they are [scheduled].',
    );
  });

  it('marks whole words only, and the longer of two overlapping cues', () => {
    expect(marked('He may meet her in May.', ['may'])).toBe('He [may] meet her in [May].');
    expect(marked('The mayor said so.', ['may'])).toBe('The mayor said so.');
    expect(marked('It is expected to be called off soon.', ['called off', 'called'])).toBe(
      'It is expected to be [called off] soon.',
    );
  });

  it('keeps markup in the sentence as plain text parts (the page renders them as text)', () => {
    const parts = splitAroundCues('<script>alert(1)</script> could happen', ['could']);
    expect(parts).toEqual([
      { text: '<script>alert(1)</script> ', cue: false },
      { text: 'could', cue: true },
      { text: ' happen', cue: false },
    ]);
    expect(splitAroundCues('No cue here.', [])).toEqual([{ text: 'No cue here.', cue: false }]);
    expect(splitAroundCues('', ['could'])).toEqual([]);
  });
});
