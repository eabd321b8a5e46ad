import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORY_TEXTS, STORY_TEXT_EVENT, type StoryTextName } from '../support/story-articles';
import {
  DEFAULT_FILE,
  evaluateStories,
  formatStoriesReport,
  groupArticles,
  readStoryDocs,
  storyArticlesOf,
  type StoryDoc,
} from './eval-stories';

// Our own texts in the ECB+ layout: the two earthquakes share a topic, as ECB+ puts two events of
// a kind under one topic; the rest have one each.
const OWN_DOCS: StoryDoc[] = (Object.keys(STORY_TEXTS) as StoryTextName[]).map((name) => ({
  doc_name: name,
  topic: STORY_TEXT_EVENT[name].endsWith('quake') ? 'quakes' : STORY_TEXT_EVENT[name],
  story_id: STORY_TEXT_EVENT[name],
  text: STORY_TEXTS[name],
}));

describe('eval:stories on our own texts', () => {
  it('reads each text as ingest does, placed by the ingest day', () => {
    const articles = storyArticlesOf(OWN_DOCS.slice(0, 2));
    expect(articles.map((article) => article.articleId)).toEqual([
      'articles/ecbplus/chileQuakeWire.txt',
      'articles/ecbplus/chileQuakeOtherOutlet.txt',
    ]);
    // Our texts are dated; ECB+ texts are not and take the ingest day.
    expect(articles[0]!.date).toBe('2026-03-04');
    expect(
      storyArticlesOf([{ ...OWN_DOCS[0]!, text: OWN_DOCS[0]!.text.replace(/^ date \S+ /, '') }])[0]!.date,
    ).toBe('2026-01-15');
  });

  it('groups them as told, beating one story per topic and one per text', async () => {
    const report = await evaluateStories(OWN_DOCS, 2);
    expect(report.texts).toBe(10);
    expect(report.goldStories).toBe(5);
    expect(report.fileOrder.bcubed.f1).toBe(1);
    expect(report.shuffles).toEqual({ runs: 2, meanBcubedF1: 1, worstBcubedF1: 1 });
    expect(report.onePerTopic.bcubed.f1).toBeLessThan(1);
    expect(report.singletons.bcubed.f1).toBeLessThan(1);
    expect(report.perText.keyReads).toBeGreaterThan(0);
    const text = formatStoriesReport(report);
    expect(text).toMatch(/^10 texts, 5 gold stories/);
    expect(text).toMatch(/product over 2 shuffled orders: B-cubed F1 mean 1\.000, worst 1\.000/);
  });

  it('gives one story id per article, in the order given', async () => {
    const articles = storyArticlesOf(OWN_DOCS);
    const { stories } = await groupArticles(articles, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(stories).toHaveLength(10);
    expect(new Set(stories).size).toBe(5);
    expect(stories[0]).toBe(stories[1]);
    expect(stories[0]).not.toBe(stories[2]);
  });
});

const shared = existsSync(DEFAULT_FILE);
if (!shared)
  console.log(
    `eval:stories: ${DEFAULT_FILE} absent (../shared not beside the checkout); skipping the ECB+ test`,
  );

describe.skipIf(!shared)('eval:stories on ECB+ (four topics)', () => {
  it('beats both one story per topic and one per text on B-cubed F1', async () => {
    const docs = readStoryDocs(DEFAULT_FILE);
    const topics = [...new Set(docs.map((doc) => String(doc.topic)))].slice(0, 4);
    const subset = docs.filter((doc) => topics.includes(String(doc.topic)));
    const report = await evaluateStories(subset, 1);
    expect(report.texts).toBe(subset.length);
    // Each ECB+ topic holds two events of one kind: one story per topic is a strong baseline.
    expect(report.goldStories).toBe(2 * topics.length);
    for (const run of [report.fileOrder.bcubed.f1, report.shuffles.worstBcubedF1]) {
      expect(run).toBeGreaterThan(report.onePerTopic.bcubed.f1);
      expect(run).toBeGreaterThan(report.singletons.bcubed.f1);
    }
  });
});
