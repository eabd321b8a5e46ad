import { describe, expect, it } from 'vitest';
import { isoDateFrom } from '../../../../../functions/domain/documents/document-dates';
import {
  decodeEntities,
  isBylineText,
  isDatelineText,
} from '../../../../../functions/domain/documents/document-text';

describe('isoDateFrom', () => {
  it.each([
    ['an ISO date', '2025-10-18', '2025-10-18'],
    ['an ISO timestamp late in a western zone, by its own date', '2025-10-18T23:30:00-04:00', '2025-10-18'],
    ['an ISO timestamp early in an eastern zone, by its own date', '2025-10-19T01:00:00+09:00', '2025-10-19'],
    ['a UTC timestamp', '2025-10-18T08:00:00.000Z', '2025-10-18'],
    ['a space-separated timestamp', '2025-10-18 08:00', '2025-10-18'],
    ['slashes', '2025/10/18', '2025-10-18'],
    ['a compact date', '20251018', '2025-10-18'],
    ['RFC 822 with a zone', 'Sat, 18 Oct 2025 23:30:00 -0400', '2025-10-18'],
    ['RFC 822 with a named zone', 'Sat, 18 Oct 2025 23:30:00 GMT', '2025-10-18'],
    ['RFC 822 with a two-digit year', '18 Oct 25 10:00 EST', '2025-10-18'],
    ['a written date', '18th October 2025', '2025-10-18'],
    ['a US written date', 'October 18, 2025 at 9:30 a.m. ET', '2025-10-18'],
    ['epoch seconds as text', '1760745600', '2025-10-18'],
  ])('reads %s', (_, value, date) => {
    expect(isoDateFrom(value)).toBe(date);
  });

  it('reads numbers as epoch seconds or milliseconds and Date objects in UTC', () => {
    expect(isoDateFrom(1760745600)).toBe('2025-10-18');
    expect(isoDateFrom(1760745600000)).toBe('2025-10-18');
    expect(isoDateFrom(new Date(Date.UTC(2025, 9, 18, 23)))).toBe('2025-10-18');
  });

  it.each([
    ['an impossible date', '2025-02-30'],
    ['an impossible RFC 822 date', 'Mon, 31 Feb 2025 10:00:00 GMT'],
    ['an ambiguous numeric date', '10/11/2025'],
    ['words', 'yesterday'],
    ['an empty string', '  '],
    ['a negative number', -5],
    ['an invalid Date', new Date(Number.NaN)],
    ['an object', { date: '2025-10-18' }],
    ['null', null],
  ])('gives null for %s', (_, value) => {
    expect(isoDateFrom(value)).toBeNull();
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references in one pass', () => {
    expect(decodeEntities('Q&amp;A &#8212; caf&eacute; &#x2019;n&rsquo;')).toBe('Q&A — café ’n’');
    expect(decodeEntities('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
  });

  it('leaves unknown names, lone ampersands and impossible code points alone', () => {
    expect(decodeEntities('AT&T &bogus; &#xD800; &#0;')).toBe('AT&T &bogus; &#xD800; &#0;');
  });
});

describe('bylines and datelines', () => {
  it.each([
    'By Jane Smith',
    'By Jane Smith, Political Editor',
    'by JANE SMITH and LI WEI in Kyiv',
    'By Jane Smith | The Daily Example',
    'By Jane K.',
  ])('%s is a byline', (text) => {
    expect(isBylineText(text)).toBe(true);
  });

  it.each([
    'By Monday, officials said the plan would proceed.',
    'By the time rescuers arrived it was over',
    'Bystanders filmed the scene',
    'Written by Jane Smith and edited at length by several colleagues over many weeks of work',
  ])('%s is not a byline', (text) => {
    expect(isBylineText(text)).toBe(false);
  });

  it.each([
    'LONDON (Reuters) -',
    'KYIV, Ukraine (AP) —',
    'WASHINGTON —',
    'Published 18 October 2025',
    '18 October 2025',
    'Saturday, October 18, 2025 9:30 AM BST',
  ])('%s is a dateline', (text) => {
    expect(isDatelineText(text)).toBe(true);
  });

  it.each([
    'LONDON (Reuters) - The government said on Monday it would act.',
    'WHAT HAPPENS NEXT',
    'Storm on 18 October 2025',
  ])('%s is not a dateline', (text) => {
    expect(isDatelineText(text)).toBe(false);
  });
});
