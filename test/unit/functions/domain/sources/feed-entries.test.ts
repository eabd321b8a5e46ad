import { describe, expect, it } from 'vitest';
import type { ParsedArticle } from '../../../../../functions/domain/documents/document';
import {
  entryDocument,
  entryIdentity,
  sourceIdFor,
} from '../../../../../functions/domain/sources/feed-entries';

const article = (overrides: Partial<ParsedArticle>): ParsedArticle => ({
  format: 'rss',
  title: 'Title',
  publishedAt: '2026-12-01',
  blocks: [{ kind: 'paragraph', text: 'Body.' }],
  ...overrides,
});

describe('entryIdentity', () => {
  it('is the guid, else the link, else the content; never the position', () => {
    expect(entryIdentity(article({ entryId: 'urn:1', url: 'https://x/1' }))).toBe('id:urn:1');
    expect(entryIdentity(article({ entryId: '#2', url: 'https://x/1' }))).toBe('link:https://x/1');
    const a = entryIdentity(article({ entryId: '#2' }));
    const b = entryIdentity(article({ entryId: '#5' }));
    expect(a).toMatch(/^content:[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(entryIdentity(article({ entryId: '#2', title: 'Other' }))).not.toBe(a);
  });
});

describe('entryDocument', () => {
  it('is a JSON article with the fields ingest reads, the feed title as source by default', () => {
    const json = JSON.parse(
      entryDocument(
        article({
          entryId: 'g',
          url: 'https://x/1',
          blocks: [
            { kind: 'paragraph', text: 'One.' },
            { kind: 'paragraph', text: 'Two.' },
          ],
        }),
        {
          sourceName: 'Wire',
          feedUrl: 'https://x/feed',
        },
      ),
    ) as Record<string, unknown>;
    expect(json).toEqual({
      title: 'Title',
      body: 'One.\n\nTwo.',
      url: 'https://x/1',
      publishedAt: '2026-12-01',
      source: 'Wire',
      guid: 'g',
      feed: 'https://x/feed',
    });
  });
});

describe('sourceIdFor', () => {
  it('slugs the name or host and adds a short hash of the URL', () => {
    expect(sourceIdFor('https://www.Reuters.com/world/rss')).toMatch(/^reuters-com-[0-9a-f]{6}$/);
    expect(sourceIdFor('https://x/feed', 'BBC World — Top')).toMatch(/^bbc-world-top-[0-9a-f]{6}$/);
    expect(sourceIdFor('https://a/feed')).not.toBe(sourceIdFor('https://a/other'));
  });
});
