import { describe, expect, it } from 'vitest';
import { sniffDocument } from '../../../../../functions/domain/documents/detect-format';
import { plainTextArticle, proseParagraphs } from '../../../../support/article-factories';
import {
  atomFeed,
  htmlPage,
  markdownDocument,
  paragraphsHtml,
  PROSE,
  rssFeed,
  typicalNewsPage,
} from './format-fixtures';

const detectFormat = (text: string, fileName?: string) => sniffDocument(text, fileName).format;

const page = htmlPage({ title: 'T', article: paragraphsHtml(PROSE) });
const plain = plainTextArticle({ date: '2025-10-18', paragraphs: proseParagraphs(3) });

describe('detectFormat: content first', () => {
  it.each([
    ['an RSS feed with an XML declaration', rssFeed([{ title: 'A', description: 'Text.' }]), 'rss'],
    ['an RSS feed without one', '<rss version="2.0"><channel></channel></rss>', 'rss'],
    ['an RSS 1.0 (RDF) feed', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', 'rss'],
    ['an Atom feed', atomFeed([{ title: 'A', summary: 'Text.' }]), 'atom'],
    [
      'an RDF feed after a DOCTYPE with an internal subset',
      '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY % lat1 PUBLIC "-//x" "lat1.ent">\n%lat1;\n<!ENTITY a "<b>">\n]>\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>',
      'rss',
    ],
    ['an Atom feed under a prefix', '<a:feed xmlns:a="http://www.w3.org/2005/Atom"></a:feed>', 'atom'],
    ['a feed after a byte-order mark and white space', `\ufeff \n ${rssFeed([{ title: 'A' }])}`, 'rss'],
    ['an HTML page with a doctype', page, 'html'],
    ['an HTML page without a doctype', '<html><body><p>Text.</p></body></html>', 'html'],
    [
      'an XHTML page with an XML declaration',
      '<?xml version="1.0"?>\n<html xmlns="x"><p>Hi.</p></html>',
      'html',
    ],
    ['a typical news page', typicalNewsPage(30), 'html'],
    ['a fragment of markup', '<p>One.</p>\n<p>Two.</p>', 'html'],
    ['a JSON object', JSON.stringify({ title: 'A', body: 'Text.' }), 'json'],
    ['a JSON array', JSON.stringify([{ title: 'A', body: 'Text.' }]), 'json'],
    ['broken JSON that still looks like JSON', '{"title": "A", "body": }', 'json'],
    ['Markdown with front matter', markdownDocument('Text.', 'title: A'), 'markdown'],
    ['Markdown with a heading and a link', '# Title\n\nSee [the report](https://example.com).', 'markdown'],
    ['the plain-text format with its date header', plain, 'plain-text'],
    ['plain prose without a header', proseParagraphs(3).join('\n\n'), 'plain-text'],
  ])('%s', (_, text, format) => {
    expect(detectFormat(text)).toBe(format);
  });

  it('reads past a byte-order mark and leading blank lines', () => {
    expect(detectFormat(`\ufeff\n\n  ${page}`)).toBe('html');
    expect(detectFormat(`\ufeff${plain}`)).toBe('plain-text');
  });

  it('does not take plain prose with the odd list or quote for Markdown', () => {
    const prose = `${PROSE[0]}\n\n1. The first point is made here.\n\n${PROSE[1]}`;
    expect(detectFormat(prose)).toBe('plain-text');
    expect(detectFormat('[Updated] The council met on Monday.\n\nIt agreed the budget.')).toBe('plain-text');
    expect(detectFormat('#MeToo campaigners marched on Monday.')).toBe('plain-text');
  });

  it('does not take Markdown with an inline <br> for HTML', () => {
    expect(detectFormat('# Title\n\nLine one<br>\nLine two with a [link](https://x.example).')).toBe(
      'markdown',
    );
  });
});

describe('detectFormat: the extension breaks ties only', () => {
  it('reads a .txt file that is actually HTML as HTML', () => {
    expect(detectFormat(page, 'uploads/story.txt')).toBe('html');
  });

  it('reads a .html file that is actually plain text as plain text', () => {
    expect(detectFormat(plain, 'story.html')).toBe('plain-text');
    expect(detectFormat(proseParagraphs(2).join('\n\n'), 'story.html')).toBe('plain-text');
  });

  it('reads a .json file that is not JSON at all as text, and one that is broken as JSON', () => {
    expect(detectFormat(proseParagraphs(2).join('\n\n'), 'story.json')).toBe('plain-text');
    expect(detectFormat('{ title: "A" }', 'story.json')).toBe('json');
  });

  it('lets .md decide for text that fits Markdown as well as plain text', () => {
    expect(detectFormat(proseParagraphs(2).join('\n\n'), 'notes.md')).toBe('markdown');
    expect(detectFormat(proseParagraphs(2).join('\n\n'), 'notes.txt')).toBe('plain-text');
  });

  it('lets .md choose Markdown for Markdown full of inline HTML', () => {
    const text = '# Title\n\n<p>One <b>two</b> <i>three</i>.</p>\n\n[link](https://x.example)';
    expect(detectFormat(text, 'a.md')).toBe('markdown');
  });

  it('treats some other XML as a feed only under a feed extension', () => {
    const xml = '<?xml version="1.0"?><note><to>Tove</to></note>';
    expect(detectFormat(xml, 'news.rss')).toBe('rss');
    expect(detectFormat(xml, 'news.xml')).toBe('rss');
    expect(detectFormat(xml)).toBe('html');
  });

  it('ignores unknown extensions and case', () => {
    expect(detectFormat(page, 'STORY.HTM')).toBe('html');
    expect(detectFormat(plain, 'story.docx')).toBe('plain-text');
  });
});
