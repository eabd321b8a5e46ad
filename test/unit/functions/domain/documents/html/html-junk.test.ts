import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../../../../functions/domain/documents/html/html-format';
import { htmlFragmentBlocks } from '../../../../../../functions/domain/documents/html/html-blocks';
import { removeJunk } from '../../../../../../functions/domain/documents/html/html-junk';
import { parseHtmlFragment } from '../../../../../../functions/domain/documents/html/html-dom';
import { htmlPage, paragraphsHtml, PROSE } from '../format-fixtures';

const texts = (html: string) => parseHtmlDocument(html).blocks.map((block) => block.text);
const kept = (html: string, linkBlocks = true) => {
  const root = parseHtmlFragment(html);
  removeJunk(root, { linkBlocks });
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
};

const STORY = paragraphsHtml(PROSE);
const SIDEBAR =
  '<div class="ad-slot"><p>Buy the new Phone X today and save forty percent on accessories.</p></div>';

describe('removeJunk: a class name alone does not delete the story', () => {
  it.each(['ad_body', 'paywall', 'article-paywall', 'subscription', 'promo-wrapper', 'share-container'])(
    'keeps a story wrapped in class="%s" (it holds most of the prose)',
    (name) => {
      const page = htmlPage({
        title: 'T',
        article: `<div class="${name}">${STORY}${SIDEBAR}</div>`,
        chrome: true,
      });
      expect(texts(page)).toEqual([...PROSE]);
    },
  );

  it('still removes a small box of the same class beside the story', () => {
    const html = `<div>${STORY}<div class="paywall"><p>Subscribe to keep reading our journalism, from one pound a week.</p></div></div>`;
    expect(kept(html)).not.toContain('Subscribe');
    expect(kept(html)).toContain(PROSE[0]);
  });

  it('reads flags such as "no-share" or "has-comments" as what a wrapper has, not what it is', () => {
    const html = `<div class="post no-share has-comments with-ads">${STORY}</div>`;
    expect(kept(html)).toContain(PROSE[3]);
  });

  it('removes a comment section even when it holds most of the text', () => {
    const comments = Array.from({ length: 6 }, () => `<p>${PROSE.join(' ')}</p>`).join('');
    const html = `<div><p>${PROSE[0]}</p><section class="comments">${comments.replace(/council/g, 'commenter')}</section></div>`;
    expect(kept(html)).not.toContain('commenter');
  });

  it('removes galleries, author boxes and tag lists, unless they are the story', () => {
    const html = `<div>${STORY}<div class="hst-resgallery">Image 1 of 8 <p>Caption</p></div><div class="author-bio"><p>Jane writes about roads for the paper since 2009.</p></div><ul class="tags"><li>Roads</li></ul></div>`;
    const text = kept(html);
    for (const junk of ['Image 1 of 8', 'Jane writes', 'Roads']) expect(text).not.toContain(junk);
  });
});

describe('removeJunk: links to elsewhere', () => {
  it('removes share bars, read-more links and related headlines', () => {
    const article = [
      `<p>${PROSE[0]}</p>`,
      '<div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a></div>',
      `<p>${PROSE[1]}</p>`,
      '<p><strong>Read more:</strong> <a href="/b">Train strikes called off after late-night talks</a></p>',
      `<p>${PROSE[2]}</p>`,
      '<p><a href="/c">Mayor opens the new library in the city centre</a></p>',
      '<ul><li><a href="/d">Flood warnings issued for three rivers</a></li><li><a href="/e">Bus station to close for repairs</a></li></ul>',
      `<p>${PROSE[3]}</p>`,
    ].join('\n');
    expect(texts(htmlPage({ title: 'T', article }))).toEqual([...PROSE]);
  });

  it('keeps a paragraph with a link inside its prose', () => {
    const article = `<p>${PROSE[0]} The <a href="/r">full report</a> is online.</p>${paragraphsHtml(PROSE.slice(1))}`;
    expect(texts(htmlPage({ title: 'T', article }))[0]).toContain('full report');
  });

  it('leaves link-only content of a fragment (a feed item that is one link) alone', () => {
    expect(htmlFragmentBlocks('<p><a href="/story">Council approves the budget</a></p>')).toEqual([
      { kind: 'paragraph', text: 'Council approves the budget' },
    ]);
  });
});
