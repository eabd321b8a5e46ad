import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INDEX_KEYS,
  JOIN_THRESHOLD,
  MAX_ORIGINALS,
  decideStory,
  joinedStory,
  newStory,
  rankCandidates,
  searchMonths,
  storyIdFor,
  type ArticleForStory,
} from '../../../../../functions/domain/stories/story-grouping';
import { SEED_ARTICLES } from '../../../../support/article-factories';
import { storyArticle, storyArticleOf } from '../../../../support/story-articles';

const wire = storyArticleOf('chileQuakeWire');
const otherOutlet = storyArticleOf('chileQuakeOtherOutlet');
const otherQuake = storyArticleOf('turkeyQuakeWire');

/** Another original of the wire's event: its terms, under another id and content. */
const originalLike = (article: ArticleForStory, n: number, date = article.date): ArticleForStory => ({
  ...article,
  articleId: `articles/original-${n}.txt`,
  contentHash: `hash-${n}`,
  date,
  profile: { ...article.profile, signature: new Uint32Array(article.profile.signature.length).fill(n) },
});

describe('search months', () => {
  it('are the article month and the one before, across a year boundary', () => {
    expect(searchMonths('2026-01-10')).toEqual(['2026-01', '2025-12']);
    expect(searchMonths('2026-03-31')).toEqual(['2026-03', '2026-02']);
    expect(searchMonths('2026-10-01')).toEqual(['2026-10', '2026-09']);
    expect(searchMonths('2026-12-15')).toEqual(['2026-12', '2026-11']);
  });
});

describe('story ids', () => {
  it('are the founding month and a hash of the founding content, the same on every call', () => {
    const id = storyIdFor({ contentHash: 'a'.repeat(64), date: '2026-03-04' });
    expect(id).toMatch(/^2026-03-[0-9a-f]{10}$/);
    expect(storyIdFor({ contentHash: 'a'.repeat(64), date: '2026-03-04' })).toBe(id);
    // The day within the month does not matter; the month and the content do.
    expect(storyIdFor({ contentHash: 'a'.repeat(64), date: '2026-03-28' })).toBe(id);
    expect(storyIdFor({ contentHash: 'a'.repeat(64), date: '2026-04-01' })).toMatch(/^2026-04-/);
    expect(storyIdFor({ contentHash: 'b'.repeat(64), date: '2026-03-04' })).not.toBe(id);
    expect(newStory(wire).storyId).toBe(storyIdFor(wire));
  });
});

describe('candidates', () => {
  const profile = {
    terms: new Map([
      ['e:a', 0.5],
      ['e:b', 0.25],
      ['w:c', 0.25],
    ]),
  };
  const listed = [
    { key: 'e:a', storyIds: ['s1', 's2'] },
    { key: 'e:b', storyIds: ['s2', 's3'] },
    { key: 'w:c', storyIds: ['s3'] },
    { key: 'w:unknown', storyIds: ['s4'] },
  ];

  it('ranks by the summed weights of the keys that list a story, ties by id', () => {
    // s2: 0.75; s1: 0.5; s3: 0.25 + 0.25 = 0.5; s4: 0.
    expect(rankCandidates(profile, listed)).toEqual(['s2', 's1', 's3', 's4']);
    expect(rankCandidates(profile, [...listed].reverse())).toEqual(['s2', 's1', 's3', 's4']);
  });

  it('keeps the best `limit`, and none of nothing', () => {
    expect(rankCandidates(profile, listed, 2)).toEqual(['s2', 's1']);
    expect(rankCandidates(profile, [])).toEqual([]);
    expect(rankCandidates(profile, [{ key: 'e:a', storyIds: [] }])).toEqual([]);
  });

  it('counts a story listed under a key in two months twice', () => {
    expect(
      rankCandidates(profile, [
        { key: 'w:c', storyIds: ['s9'] },
        { key: 'w:c', storyIds: ['s9'] },
        { key: 'e:b', storyIds: ['s1'] },
      ]),
    ).toEqual(['s9', 's1']);
  });
});

describe('deciding a story', () => {
  it('founds a story when there is no candidate', () => {
    expect(decideStory(wire, [])).toEqual({ kind: 'new' });
  });

  it('takes a replay of an original back to its story as that original, score 1', () => {
    const story = newStory(wire);
    expect(decideStory(wire, [story])).toEqual({ kind: 'join', story, role: 'original', score: 1 });
  });

  it('makes the same content under another article id a copy of the original', () => {
    const story = newStory(wire);
    const reupload = { ...wire, articleId: 'articles/again.txt' };
    expect(decideStory(reupload, [newStory(otherQuake), story])).toEqual({
      kind: 'join',
      story,
      role: 'copy',
      score: 1,
      copyOf: wire.articleId,
    });
  });

  it('makes a near-copy (another headline) a copy of the original it resembles', () => {
    const text = readFileSync(join(SEED_ARTICLES, '006-storm-fenna.txt'), 'utf8');
    const header = /^ date \S+ /.exec(text)?.[0] ?? '';
    const original = storyArticle(text, 'articles/storm.txt');
    const copy = storyArticle(
      `${header}Storm batters the coast\n\n${text.slice(header.length)}`,
      'articles/storm-copy.txt',
    );
    expect(copy.contentHash).not.toBe(original.contentHash);
    const story = newStory(original);
    expect(decideStory(copy, [newStory(otherQuake), story])).toMatchObject({
      kind: 'join',
      story: { storyId: story.storyId },
      role: 'copy',
      score: 1,
      copyOf: 'articles/storm.txt',
    });
  });

  it('joins another outlet on the same event as an original, by cosine', () => {
    const story = newStory(wire);
    const decision = decideStory(otherOutlet, [newStory(otherQuake), story]);
    expect(decision).toMatchObject({ kind: 'join', role: 'original', story: { storyId: story.storyId } });
    if (decision.kind !== 'join') throw new Error('unreachable');
    expect(decision.score).toBeGreaterThanOrEqual(JOIN_THRESHOLD);
    expect(decision.score).toBeLessThan(1);
    expect(decision.copyOf).toBeUndefined();
  });

  it('founds a new story for another event of the same kind, other people and places', () => {
    expect(decideStory(otherQuake, [newStory(wire)])).toEqual({ kind: 'new' });
    expect(decideStory(storyArticleOf('turkeyQuakeOtherOutlet'), [newStory(wire)])).toEqual({
      kind: 'new',
    });
  });

  it('chooses among equal candidates by story id, whatever their order', () => {
    const a = { ...newStory(wire), storyId: '2026-03-aaaaaaaaaa' };
    const b = { ...newStory(wire), storyId: '2026-03-bbbbbbbbbb' };
    const other = { ...otherOutlet, profile: { ...otherOutlet.profile, signature: new Uint32Array(32) } };
    expect(decideStory(other, [b, a])).toMatchObject({ kind: 'join', story: { storyId: a.storyId } });
    expect(decideStory(other, [a, b])).toMatchObject({ kind: 'join', story: { storyId: a.storyId } });
  });
});

describe('a new story', () => {
  it('is its founder: centroid, one original, its month, its first INDEX_KEYS keys, revision 0', () => {
    const story = newStory(wire);
    expect(story).toMatchObject({
      title: wire.title,
      firstSeen: '2026-03-04',
      months: ['2026-03'],
      keys: wire.profile.keys.slice(0, INDEX_KEYS),
      revision: 0,
    });
    expect(story.centroid).toBe(wire.profile.terms);
    expect(story.originals).toEqual([
      { articleId: wire.articleId, contentHash: wire.contentHash, signature: wire.profile.signature },
    ]);
  });
});

describe('joining a story', () => {
  it('learns from its first MAX_ORIGINALS originals, bumping the revision, then stops changing', () => {
    let story = newStory(wire);
    for (let n = 2; n <= MAX_ORIGINALS; n += 1) {
      const joined = joinedStory(story, originalLike(otherOutlet, n), 'original');
      expect(joined).not.toBeNull();
      expect(joined!.story.originals).toHaveLength(n);
      expect(joined!.story.revision).toBe(story.revision + 1);
      // The centroid is the sum, not the mean: the wire's president counts once per original.
      expect(joined!.story.centroid.get('e:gabriel boric')).toBeGreaterThan(
        story.centroid.get('e:gabriel boric')!,
      );
      story = joined!.story;
    }
    expect(joinedStory(story, originalLike(otherOutlet, MAX_ORIGINALS + 1), 'original')).toBeNull();
  });

  it('learns nothing from a copy, nor from an original it already has', () => {
    const story = newStory(wire);
    expect(joinedStory(story, { ...wire, articleId: 'articles/copy.txt' }, 'copy')).toBeNull();
    expect(joinedStory(story, wire, 'original')).toBeNull();
  });

  it('lists the story under its keys in a new month it goes on into', () => {
    let story = newStory(wire);
    for (let n = 2; n <= MAX_ORIGINALS; n += 1)
      story = joinedStory(story, originalLike(otherOutlet, n), 'original')!.story;
    const april = originalLike(otherOutlet, 99, '2026-04-02');
    const joined = joinedStory(story, april, 'original');
    expect(joined).not.toBeNull();
    const keys = [...story.centroid.keys()].slice(0, INDEX_KEYS);
    expect(joined!.listUnder).toEqual(keys.map((key) => ({ key, month: '2026-04' })));
    expect(joined!.story.months).toEqual(['2026-03', '2026-04']);
    expect(joined!.story.revision).toBe(story.revision + 1);
    // Full: it learnt nothing, it only went on.
    expect(joined!.story.originals).toHaveLength(MAX_ORIGINALS);
    expect(joined!.story.centroid).toBe(story.centroid);
    // A copy in a new month lists the story there too.
    expect(
      joinedStory(story, { ...april, articleId: 'articles/april-copy.txt' }, 'copy')?.listUnder,
    ).toHaveLength(keys.length);
  });

  it('keeps the months in order when a late article of an earlier month joins', () => {
    const april = { ...newStory(wire), months: ['2026-04'] };
    const joined = joinedStory(april, originalLike(otherOutlet, 2, '2026-03-30'), 'original');
    expect(joined!.story.months).toEqual(['2026-03', '2026-04']);
  });

  it('lists the story anew under a key its centroid learnt as one of its strongest', () => {
    const story = newStory(wire);
    const loud: ArticleForStory = {
      ...originalLike(otherOutlet, 2),
      profile: {
        ...otherOutlet.profile,
        terms: new Map([['e:new name', 10], ...otherOutlet.profile.terms]),
      },
    };
    const joined = joinedStory(story, loud, 'original')!;
    expect(joined.listUnder).toContainEqual({ key: 'e:new name', month: '2026-03' });
    for (const { key } of joined.listUnder) expect(story.keys).not.toContain(key);
    expect(joined.story.keys).toEqual(expect.arrayContaining([...story.keys, 'e:new name']));
    expect(new Set(joined.story.keys).size).toBe(joined.story.keys.length);
  });

  it('lists nothing anew when its strongest keys stay the same', () => {
    const story = newStory(wire);
    const joined = joinedStory(story, originalLike(wire, 2), 'original')!;
    // The same terms again: the centroid doubles, its order and keys stay.
    expect(joined.listUnder).toEqual([]);
    expect(joined.story.keys).toEqual(story.keys);
    expect(joined.story.originals).toHaveLength(2);
  });
});
