import { describe, expect, it } from 'vitest';
import { splitParagraph } from '../../../../../functions/domain/language/sentences';

const split = (paragraph: string) => splitParagraph(paragraph, 0).map((s) => s.text);

describe('splitParagraph: what wink gets right and must keep getting right', () => {
  it.each([
    ['titles', 'Mr. Smith met Mrs. Jones and Dr. Brown in St. Louis. They talked.', 2],
    ['country abbreviations', 'The U.K. and the E.U. agreed. Talks continue.', 2],
    ['a month abbreviation before a number', 'It was founded in Jan. 2020 by engineers. It grew fast.', 2],
    ['initials', 'J. K. Rowling spoke first. George W. Bush said so. Then he left.', 3],
    ['decimals and percentages', 'Shares rose 3.5% to $11.1bn. The FTSE 100 fell 0.4 per cent.', 2],
    ['a company suffix', 'Apple Inc. reported profits. Acme Corp. did not.', 2],
    ['"U.S." ending a sentence', 'Growth was weak in the U.S. The Fed acted.', 2],
    ['a quotation closing a sentence', 'He said: “We will win.” She disagreed.', 2],
  ])('%s', (_, paragraph, count) => {
    expect(split(paragraph)).toHaveLength(count);
  });
});

describe('splitParagraph: repairs on top of wink', () => {
  it('keeps a quoted question with its speaker: “Will we win?” he asked.', () => {
    expect(split('“Will we win?” he asked. Nobody answered.')).toEqual([
      '“Will we win?” he asked.',
      'Nobody answered.',
    ]);
    expect(split('"Go!" she shouted. They went.')).toEqual(['"Go!" she shouted.', 'They went.']);
  });

  it('re-joins a sentence wink broke after an abbreviation it took for an ending', () => {
    expect(split('He joined Manchester Utd. last year. Fans cheered.')).toEqual([
      'He joined Manchester Utd. last year.',
      'Fans cheered.',
    ]);
  });

  it('does not merge a sentence that legitimately starts in lower case (eBay, iPhone)', () => {
    expect(split('Sales fell sharply. eBay said it would cut jobs.')).toHaveLength(2);
  });

  it('splits after "p.m." when a new clause follows, but not before a weekday or time zone', () => {
    expect(split('He arrived at 5 p.m. Officials said nothing.')).toEqual([
      'He arrived at 5 p.m.',
      'Officials said nothing.',
    ]);
    expect(split('The vote is at 6 p.m. Tuesday in the main chamber.')).toHaveLength(1);
    expect(split('The vote is at 6 p.m. GMT on Tuesday.')).toHaveLength(1);
  });

  it('splits at a doubled full stop and normalises it to one', () => {
    expect(split('Kim would like to meet with him.. Then it ended.')).toEqual([
      'Kim would like to meet with him.',
      'Then it ended.',
    ]);
    expect(
      split('Trump was open to the idea, even suggesting that Kim would like to meet with him..'),
    ).toEqual(['Trump was open to the idea, even suggesting that Kim would like to meet with him.']);
  });

  it('leaves an ellipsis alone', () => {
    expect(split('Wait... what happened? Nobody knows.')).toEqual([
      'Wait... what happened?',
      'Nobody knows.',
    ]);
  });

  it('keeps a photo credit glued to a full stop with its caption, even when wink splits it off', () => {
    const drafts = splitParagraph(
      'Talks may resume. Leaders shake hands in Seoul on June 30, 2019.(AP File) Officials gave no date.',
      0,
    );
    expect(drafts.map((d) => d.text)).toEqual([
      'Talks may resume.',
      'Leaders shake hands in Seoul on June 30, 2019.(AP File)',
      'Officials gave no date.',
    ]);
    expect(drafts.map((d) => d.creditStart >= 0)).toEqual([false, true, false]);
  });

  it('recognises a spaced credit only when it names an agency or says photo/file', () => {
    const credited = splitParagraph('Crowds gather outside the stadium. (Reuters)', 0);
    expect(credited.map((d) => d.text)).toEqual(['Crowds gather outside the stadium. (Reuters)']);
    expect(credited[0]?.creditStart).toBeGreaterThan(0);
    const club = splitParagraph('The fans travelled to London. (Chelsea) They lost.', 0);
    expect(club.every((d) => d.creditStart < 0)).toBe(true);
  });

  it('does not take a parenthesis inside a sentence for a credit', () => {
    const [draft] = splitParagraph(
      'Ministers of the Asia-Pacific Economic Cooperation (APEC) met in Busan.',
      0,
    );
    expect(draft?.creditStart).toBe(-1);
  });

  it('ends the last sentence at the end of the paragraph, punctuated or not', () => {
    expect(split('The report came out. Kim said during his speech, per the reports')).toEqual([
      'The report came out.',
      'Kim said during his speech, per the reports',
    ]);
  });

  it('records the paragraph and offsets that match the text', () => {
    const paragraph = 'Storm Amy hit Wales. Roads closed.';
    const drafts = splitParagraph(paragraph, 4);
    expect(drafts.map((d) => d.paragraph)).toEqual([4, 4]);
    for (const draft of drafts) {
      for (const token of draft.tokens) expect(paragraph.slice(token.start, token.end)).toBe(token.text);
    }
  });
});

describe('lower-cased text', () => {
  it('keeps sentence boundaries when nothing in the paragraph is capitalised', () => {
    const drafts = splitParagraph(
      'the council approved the budget on monday. members said the plan was fair. work starts in may.',
      0,
    );
    expect(drafts.map((d) => d.text)).toEqual([
      'the council approved the budget on monday.',
      'members said the plan was fair.',
      'work starts in may.',
    ]);
  });
});
