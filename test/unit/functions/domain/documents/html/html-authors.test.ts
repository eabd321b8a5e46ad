import { describe, expect, it } from 'vitest';
import { bylineAuthor, personNames } from '../../../../../../functions/domain/documents/html/html-authors';
import { parseHtmlPage } from '../../../../../../functions/domain/documents/html/html-dom';

const SITE = ['The Daily Example', 'CBS News', 'dailyexample'];
const text = { siteNames: SITE, structured: false };
const structured = { siteNames: SITE, structured: true };

describe('personNames', () => {
  it.each([
    ['By Jane Smith', 'Jane Smith'],
    ['By: Jane Smith', 'Jane Smith'],
    ['BY JANE SMITH', 'JANE SMITH'],
    ['ByJane Smith', 'Jane Smith'],
    ['Jane Smith and Li Wei', 'Jane Smith, Li Wei'],
    ['By Jane Smith, Political Editor', 'Jane Smith'],
    ['Jane Smith @janesmith', 'Jane Smith'],
    ['Luke Kemp 11 February 2020', 'Luke Kemp'],
    ['Posted on September 21, 2020 by Adi Tzlil', 'Adi Tzlil'],
    ['Marwan H. Adwan 1', 'Marwan H. Adwan'],
    ['Gustavo de la Vega', 'Gustavo de la Vega'],
    ['Article by Jane Smith', 'Jane Smith'],
    ['BY JANE SMITH AND LI WEI', 'JANE SMITH, LI WEI'],
    ['Jane E Smith', 'Jane E Smith'],
    ['Jane Smith | The Daily Example', 'Jane Smith'],
    ['Jane Smith - The Daily Example', 'Jane Smith'],
    ['Jane Smith – CBS News', 'Jane Smith'],
    ['Mary-Jane Smith', 'Mary-Jane Smith'],
    ['Jill Disis, CNN Business', 'Jill Disis'],
    ['Finian Cunningham. Sputnik International', 'Finian Cunningham'],
    ['Perry Bacon Jr.', 'Perry Bacon Jr.'],
    ['R.C. Baker', 'R.C. Baker'],
  ])('"%s" → "%s"', (raw, expected) => {
    expect(personNames(raw, text)).toBe(expected);
  });

  it.each([
    'The Daily Example',
    'CBS News',
    'Agencies',
    'Staff',
    'Associated Press',
    'No Author',
    'J J',
    'A. B.',
    'link78 Le 12/02 à 11:30',
    'Martin is a full-stack engineer and has worked as a professional Python developer since 2007.',
    'https://example.com/jane',
    'humans.txt',
    'Article by',
  ])('names nobody in "%s"', (raw) => {
    expect(personNames(raw, text)).toBeUndefined();
  });

  it('lets structured data give a one-word or lower-case name, never the site name itself', () => {
    expect(personNames('marc', structured)).toBe('marc');
    expect(personNames('marc', text)).toBeUndefined();
    expect(personNames('The Daily Example', structured)).toBeUndefined();
    // A one-word name beside a full one is the agency or the desk, not a second author.
    expect(personNames('Jane Smith, Reuters', structured)).toBe('Jane Smith');
    // Lower case passes; handles, file names and bracketed placeholders do not.
    expect(personNames('john smith', structured)).toBe('john smith');
    expect(personNames('kei_eno', structured)).toBeUndefined();
    expect(personNames('AFP/The Local - [email protected]', structured)).toBeUndefined();
    // A blog named after its author still has an author.
    expect(personNames('Matthew Davis', { siteNames: ["Matthew Davis's Blog"], structured: true })).toBe(
      'Matthew Davis',
    );
  });
});

describe('bylineAuthor', () => {
  const page = (body: string) => parseHtmlPage(`<html><body>${body}</body></html>`);

  it('reads the byline markup, skipping comment authors', () => {
    const document = page(
      '<div class="comments"><span class="comment-author">Roscoe Brown says:</span></div><p class="byline">By <a href="/author/jane">Jane Smith</a></p>',
    );
    expect(bylineAuthor(document, SITE)).toBe('Jane Smith');
  });

  it('takes a one-word name from an element marked as the author', () => {
    expect(bylineAuthor(page('<p>by <span class="author vcard fn">oz</span> on 4 Dec</p>'), SITE)).toBe('oz');
  });

  it('reads the name after a "By" label set in its own element', () => {
    const document = page(
      '<div class="sidebar"><div><p class="label"><strong>By</strong></p></div><div><p class="full-name">Todd Bates</p></div></div><p>A paragraph of the story.</p>',
    );
    expect(bylineAuthor(document, SITE)).toBe('Todd Bates');
    expect(
      bylineAuthor(
        page('<div><span>By:</span> <a href="/x">Jane Smith</a> <time>Nov 19, 2019</time></div>'),
        SITE,
      ),
    ).toBe('Jane Smith');
    expect(
      bylineAuthor(page('<div><span>By</span> <span>The Daily Example</span></div>'), SITE),
    ).toBeUndefined();
    expect(
      bylineAuthor(page('<div class="comments"><b>By</b> <span>Roscoe Brown</span></div>'), SITE),
    ).toBeUndefined();
  });

  it('skips a label marked as the author for the name beside it', () => {
    const document = page(
      '<div><span class="article_author_single">Article by</span><br><span class="author_single">Barry Alleyne</span></div>',
    );
    expect(bylineAuthor(document, SITE)).toBe('Barry Alleyne');
  });

  it('finds nobody where the byline names the site', () => {
    expect(bylineAuthor(page('<p class="byline">By The Daily Example</p>'), SITE)).toBeUndefined();
  });
});
