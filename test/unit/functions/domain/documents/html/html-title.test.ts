import { describe, expect, it } from 'vitest';
import {
  reconcileTitle,
  withoutSiteName,
} from '../../../../../../functions/domain/documents/html/html-title';

const SITE = ['The Daily Example', 'dailyexample'];

describe('withoutSiteName', () => {
  it.each([
    ['Council approves budget | The Daily Example', 'Council approves budget'],
    ['Council approves budget - The Daily Example', 'Council approves budget'],
    ['Council approves budget – Daily Example', 'Council approves budget'],
    ['The Daily Example :: Council approves budget', 'Council approves budget'],
    ['Council approves budget | Local News | The Daily Example', 'Council approves budget'],
    ['Council approves budget | Politics', 'Council approves budget'],
  ])('"%s" → "%s"', (title, expected) => {
    expect(withoutSiteName(title, SITE)).toBe(expected);
  });

  it('keeps a dash that is part of the headline', () => {
    expect(withoutSiteName('Storm - and a flood - close roads in Leeds', SITE)).toBe(
      'Storm - and a flood - close roads in Leeds',
    );
    expect(withoutSiteName('Leeds: storm closes roads', SITE)).toBe('Leeds: storm closes roads');
  });
});

describe('reconcileTitle', () => {
  it('takes the <h1> that the meta titles carry with the site name', () => {
    expect(
      reconcileTitle({
        meta: ['Council approves budget - The Daily Example'],
        documentTitle: 'Council approves budget | The Daily Example',
        headings: ['The Daily Example', 'Council approves budget'],
        siteNames: SITE,
      }),
    ).toBe('Council approves budget');
  });

  it('prefers the headline readers see when the shared title rewords it', () => {
    expect(
      reconcileTitle({
        meta: ['Council approves road budget'],
        headings: ['Council approves road repair budget after floods'],
        siteNames: SITE,
      }),
    ).toBe('Council approves road repair budget after floods');
  });

  it('drops a kicker or a dek run into the <h1>', () => {
    const meta = ['Council approves budget'];
    expect(reconcileTitle({ meta, headings: ['Local NewsCouncil approves budget'], siteNames: SITE })).toBe(
      'Council approves budget',
    );
    expect(
      reconcileTitle({
        meta,
        headings: ['Council approves budget Roads come first, says the mayor'],
        siteNames: SITE,
      }),
    ).toBe('Council approves budget');
  });

  it('does not take a logo or a section name in an <h1> for the headline', () => {
    expect(
      reconcileTitle({
        meta: ['Council approves budget | The Daily Example'],
        headings: ['Sections', 'Sections', 'About'],
        siteNames: SITE,
      }),
    ).toBe('Council approves budget');
  });

  it('takes the only <h1> of a page whose titles name the page rather than the article', () => {
    expect(
      reconcileTitle({
        meta: ['About Us - The Daily Example'],
        headings: ['A newspaper for the whole of Leeds'],
        siteNames: SITE,
      }),
    ).toBe('A newspaper for the whole of Leeds');
  });

  it('falls back on the <title> without the site name, and gives null when there is nothing', () => {
    expect(
      reconcileTitle({
        meta: [],
        documentTitle: 'Budget | The Daily Example',
        headings: [],
        siteNames: SITE,
      }),
    ).toBe('Budget');
    expect(reconcileTitle({ meta: [], headings: [], siteNames: SITE })).toBeNull();
  });
});
