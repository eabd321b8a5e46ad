import { describe, expect, it } from 'vitest';
import {
  headlineFrom,
  MAX_HEADLINE_CHARS,
} from '../../../../../../functions/domain/language/summary/headline';

describe('headlineFrom', () => {
  it('drops a trailing attribution and cuts a long lead before a subordinate clause', () => {
    expect(
      headlineFrom(
        'Donald Trump is likely to meet North Korea’s Kim Jong Un during his upcoming visit to Asia next month, CNN reported on Saturday.',
      ),
    ).toBe('Donald Trump is likely to meet North Korea’s Kim Jong Un');
  });

  it.each([
    [
      'Prices rose 3.5% in March, the Office for National Statistics said on Wednesday.',
      'Prices rose 3.5% in March',
    ],
    ['The bridge will stay closed until Friday, officials said.', 'The bridge will stay closed until Friday'],
    ['The ceasefire is holding, the ministry said in a statement on Monday.', 'The ceasefire is holding'],
    ['Turnout was the lowest since 2001, said Mr. Jones.', 'Turnout was the lowest since 2001'],
    [
      'According to officials, the talks will resume in Geneva next week.',
      'The talks will resume in Geneva next week',
    ],
  ])('%s', (lead, expected) => {
    expect(headlineFrom(lead)).toBe(expected);
  });

  it('keeps a sentence that is only subject and speech verb rather than emptying it', () => {
    expect(headlineFrom('Police said.')).toBe('Police said');
  });

  it('drops a non-restrictive relative clause before cutting', () => {
    expect(
      headlineFrom(
        'India, which attends the G7 meeting of seven leading industrialised nations on Friday, is unlikely to be cowed by its newcomer status.',
      ),
    ).toBe('India is unlikely to be cowed by its newcomer status');
  });

  it('ends before a prepositional phrase rather than inside a noun phrase', () => {
    expect(
      headlineFrom(
        'Kingsmere Athletic came from behind to beat Northbridge Rovers 2-1 at a rain-soaked Eastgate Park on Saturday, with a late winner.',
      ),
    ).toBe('Kingsmere Athletic came from behind to beat Northbridge Rovers 2-1');
  });

  it('never exceeds the limit, never ends on a function word or punctuation', () => {
    const lead =
      'The committee that oversees the regional water authority and the national energy regulator and the transport board of the city agreed a plan.';
    const title = headlineFrom(lead);
    expect(title.length).toBeLessThanOrEqual(MAX_HEADLINE_CHARS);
    expect(title).not.toMatch(/\b(?:the|of|and|to|a)$/i);
    expect(title).not.toMatch(/[\s,;:.!?]$/);
    expect(lead.startsWith(title)).toBe(true);
  });

  it('closes a quotation it cut open', () => {
    expect(headlineFrom('“I will do that, and we’ll have talks,” Trump said.')).toBe(
      '“I will do that, and we’ll have talks”',
    );
  });
});
