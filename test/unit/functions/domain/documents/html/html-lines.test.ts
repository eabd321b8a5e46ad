import { describe, expect, it } from 'vitest';
import {
  isTimestampLine,
  webLineVerdict,
} from '../../../../../../functions/domain/documents/html/html-lines';

describe('webLineVerdict', () => {
  it.each([
    'Nov. 19, 2019 8:03 am ET',
    'Updated 5:27 am CST, Wednesday, November 20, 2019',
    'Published: 28 Apr, 2020 CET. Updated: Tue 28 Apr 2020 08:11 CET',
    'November 20, 2019 / 1:07 AM / CBS News',
    '21:17 18.11.2019 Get short URL',
    'sexta-feira, 22 de outubro de 2010 às 20:13',
    '2019-11-19',
  ])('reads "%s" as a timestamp (dateline)', (line) => {
    expect(webLineVerdict(line)).toBe('dateline');
  });

  it.each([
    'By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.',
    'Oct 30 2020 by Emily Co',
    'By Jane Smith | November 18, 2019',
  ])('reads "%s" as a byline with its date', (line) => {
    expect(webLineVerdict(line)).toBe('byline');
  });

  it.each([
    'Photo: Hau Dinh, AP',
    '(Image: © NASA/ESA/K. Retherford/SWRI)',
    'Image copyright Getty Images',
    '© Aaron Schwartz',
    'Natalie Naccache | Bloomberg | Getty Images',
  ])('reads "%s" as a photo credit (caption)', (line) => {
    expect(webLineVerdict(line)).toBe('caption');
  });

  it.each([
    'Advertisement',
    'Share this article',
    'Share on Facebook Twitter WhatsApp Email',
    'Read more »',
    'Continue reading',
    'Filed under: Politics | Roads',
    'Tags: council, budget',
    'Views: 184',
    'Related Coverage',
    '4 Min Read',
    'Sign up to our newsletter for exclusive updates and enhanced content',
    'Follow us on Twitter and Instagram for the latest news.',
    'This article is the copyrighted property of The Daily Example. Written permission must be obtained before reprint.',
  ])('drops "%s"', (line) => {
    expect(webLineVerdict(line)).toBe('drop');
  });

  it.each([
    'On March 3, 2019 the council met to discuss the budget.',
    'By March 2020, prices had risen by a third.',
    'Share prices fell sharply on Monday after the announcement.',
    'Readers shared their photos of the flood with the paper.',
    'The council approved a new budget for road repairs at its meeting in Leeds on Monday.',
    'Photographers gathered outside the court before dawn.',
  ])('leaves the prose "%s" alone', (line) => {
    expect(webLineVerdict(line)).toBeNull();
  });

  it('never judges a long paragraph', () => {
    expect(webLineVerdict(`Published ${'and then the council met again '.repeat(20)}`)).toBeNull();
  });
});

describe('isTimestampLine', () => {
  it('needs a date, and allows only a name beside it', () => {
    expect(isTimestampLine('Monday 9:30')).toBe(false);
    expect(isTimestampLine('18 October 2025 The Daily Example')).toBe(true);
    expect(isTimestampLine('18 October 2025 the council met')).toBe(false);
  });
});
