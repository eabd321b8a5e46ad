import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../../../../functions/domain/documents/html/html-format';
import { htmlFragmentBlocks } from '../../../../../../functions/domain/documents/html/html-blocks';
import { htmlPage, PROSE } from '../format-fixtures';

/**
 * linkedom builds `childNodes` and `children` afresh on every read by walking the node's list of
 * children, so a walk that indexes them in a loop is quadratic (a 4 MB page once took 23 s). Not
 * a timed test: the number of nodes those getters hand out is counted, and must grow with the
 * page as the page grows, not with its square.
 */

const LIST_GETTERS = ['childNodes', 'children'] as const;
const restores: (() => void)[] = [];

afterEach(() => {
  for (const restore of restores.splice(0)) restore();
});

/** From now on, counts every node the linkedom list getters return; read the count with the result. */
const countListedNodes = (): (() => number) => {
  let listed = 0;
  const { document } = parseHTML('<html><body><p>x</p></body></html>');
  const samples: object[] = [document, document.body, document.body.firstChild as object];
  const owners = new Set<object>();
  for (const sample of samples) {
    for (let proto = Object.getPrototypeOf(sample); proto; proto = Object.getPrototypeOf(proto)) {
      for (const name of LIST_GETTERS) {
        if (Object.getOwnPropertyDescriptor(proto, name)?.get) owners.add(proto);
      }
    }
  }
  for (const owner of owners) {
    for (const name of LIST_GETTERS) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, name);
      const get = descriptor?.get;
      if (!descriptor || !get) continue;
      Object.defineProperty(owner, name, {
        ...descriptor,
        get(this: unknown) {
          const list = get.call(this) as ArrayLike<unknown>;
          listed += list.length;
          return list;
        },
      });
      restores.push(() => Object.defineProperty(owner, name, descriptor));
    }
  }
  expect(owners.size).toBeGreaterThan(0);
  return () => listed;
};

const paragraphs = (count: number) =>
  Array.from({ length: count }, (_, i) => `<p>${PROSE[i % PROSE.length]} <a href="/${i}">More</a> here.</p>`);

/** Work of the list getters for a page of `count` paragraphs, laid out by `layout`. */
const listedFor = (count: number, layout: (ps: string[]) => string, parse: (html: string) => unknown) => {
  const listed = countListedNodes();
  parse(layout(paragraphs(count)));
  const n = listed();
  for (const restore of restores.splice(0)) restore();
  return n;
};

const LAYOUTS: Record<string, (ps: string[]) => string> = {
  'paragraphs in one article': (ps) => htmlPage({ title: 'T', article: ps.join('\n'), chrome: true }),
  'paragraphs straight in <body>': (ps) => htmlPage({ title: 'T', article: ps.join('') }),
  'paragraphs in sections of ten': (ps) =>
    htmlPage({
      title: 'T',
      article: Array.from(
        { length: ps.length / 10 },
        (_, i) => `<section>${ps.slice(i * 10, i * 10 + 10).join('')}</section>`,
      ).join(''),
    }),
  'text lines split by <br>': (ps) =>
    htmlPage({ title: 'T', article: `<div>${ps.map((p) => p.slice(3, -4)).join('<br><br>')}</div>` }),
};

describe('HTML extraction does work linear in the page', () => {
  it.each(Object.entries(LAYOUTS))(
    '%s: 8 times the paragraphs, at most 16 times the list work',
    (_, layout) => {
      const small = listedFor(500, layout, parseHtmlDocument);
      const large = listedFor(4_000, layout, parseHtmlDocument);
      // Linear work gives about 8; the quadratic walk gave about 64.
      expect(large / Math.max(small, 1)).toBeLessThan(16);
    },
  );

  it('walks a fragment without building child lists at all', () => {
    const listed = countListedNodes();
    const blocks = htmlFragmentBlocks(paragraphs(2_000).join(''));
    expect(blocks).toHaveLength(2_000);
    expect(listed()).toBe(0);
  });
});
