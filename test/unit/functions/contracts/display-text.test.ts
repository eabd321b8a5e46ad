import { describe, expect, it } from 'vitest';
import { displayText } from '../../../../functions/contracts/display-text';

describe('display text', () => {
  it.each([
    ['a right-to-left override', 'Trump will \u202eteem ton\u202c Kim', 'Trump will teem ton Kim'],
    ['embeddings and isolates', '\u202aA\u202b \u2066B\u2067 \u2068C\u2069 \u202dD', 'A B C D'],
    ['directional marks', 'left\u200e right\u200f Arabic\u061c mark', 'left right Arabic mark'],
    ['C0 controls and DEL', 'a\u0000b\u0007c\u001bd\u007fe', 'abcde'],
    ['C1 controls', 'a\u0080b\u009bc', 'abc'],
    [
      'controls that break a line, as spaces',
      'one\rtwo\u000bthree\u000cfour\u0085five',
      'one two three four five',
    ],
  ])('removes %s', (_what, text, shown) => {
    expect(displayText(text)).toBe(shown);
  });

  it('keeps tab, newline and every other character, joiners included', () => {
    const text = 'Tab\there\nnew line: Zürich, Владимир, 北京, عربي, 👩\u200d👩\u200d👧, می\u200cخواهم';
    expect(displayText(text)).toBe(text);
  });
});
