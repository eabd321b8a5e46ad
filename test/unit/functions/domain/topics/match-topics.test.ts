import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../../../../functions/domain/analyse-article';
import { tokensOf, type Sentence } from '../../../../../functions/domain/language/analysis';
import { compileTopics, matchTopics } from '../../../../../functions/domain/topics/match-topics';
import {
  classifyCertainty,
  meetsMinimum,
  storyCertainty,
} from '../../../../../functions/domain/topics/certainty/match-certainty';
import {
  InvalidTopicsError,
  parseTopic,
  parseTopics,
  type Topic,
} from '../../../../../functions/domain/topics/topic-schema';

const sentences = (...texts: (string | [string, Sentence['role']])[]): Sentence[] =>
  texts.map((t, index) => {
    const [text, role] = typeof t === 'string' ? [t, 'body' as const] : t;
    return { text, role, paragraph: 0, index };
  });

const seedTopics = parseTopics(JSON.parse(readFileSync('seeds/topics.json', 'utf8')));
const compiled = compileTopics(seedTopics);
const seedTopic = (id: string) => {
  const topic = seedTopics.find((t) => t.id === id);
  if (!topic) throw new Error(`seeds/topics.json has no topic ${id}`);
  return topic;
};
/** The seed summit topic with some fields changed, validated as a stored definition would be. */
const summitWith = (overrides: Partial<Topic>) =>
  parseTopic({ ...seedTopic('trump-kim-summit'), ...overrides });

describe('topic definitions', () => {
  it('accepts the shipped seeds/topics.json', () => {
    expect(seedTopics.map((t) => t.id)).toContain('trump-kim-summit');
  });

  it('rejects bad definitions with every problem and its path', () => {
    const bad = {
      topics: [{ id: 'Bad Id', name: '', actors: [], event: { type: 'parley', triggers: [] } }],
    };
    expect(() => parseTopics(bad)).toThrow(InvalidTopicsError);
    try {
      parseTopics(bad);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/topics\[0\]\.id/);
      expect(message).toMatch(/topics\[0\]\.actors/);
      expect(message).toMatch(/topics\[0\]\.event\.triggers/);
      expect(message).toMatch(
        /event type "parley" is not built in, so it needs triggers; built-in types: meeting, /,
      );
    }
  });

  it('gives a built-in event type its vocabulary, so a topic may name the type alone', () => {
    const [bare] = compileTopics([summitWith({ event: { type: 'meeting', triggers: [], excludes: [] } })]);
    const matched = (text: string) => matchTopics(sentences(text), bare ? [bare] : [], '2025-10-18').length;
    expect(matched('Donald Trump held talks with Kim Jong Un in Hanoi.')).toBe(1);
    expect(matched('Donald Trump shook hands with Kim Jong Un at the border.')).toBe(1);
    // A phone call is not a meeting, whatever its wording.
    expect(matched('Donald Trump and Kim Jong Un held phone talks on Sunday.')).toBe(0);
  });

  it('rejects duplicate topic ids', () => {
    const topic = seedTopics[0] as Topic;
    expect(() => parseTopics({ topics: [topic, topic] })).toThrow(/duplicate topic id/);
  });
});

describe('event-level topic matching', () => {
  it('matches a sentence naming both actors and a meeting trigger, with its certainty and cues', () => {
    const [match, ...rest] = matchTopics(
      sentences('Donald Trump is likely to meet Kim Jong Un in Seoul next month, officials said.'),
      compiled,
      '2025-10-18',
    );
    expect(rest).toHaveLength(0);
    expect(match).toMatchObject({ topicId: 'trump-kim-summit', certainty: 'speculative', alerts: true });
    expect(match?.evidence[0]?.cues).toContain('likely');
  });

  it('does not match when the actors and the trigger are in different sentences (a near miss)', () => {
    const matches = matchTopics(
      sentences(
        'Donald Trump met Xi Jinping in Busan on Thursday.',
        'Separately, Kim Jong Un oversaw a missile test, state media said.',
      ),
      compiled,
      '2025-10-30',
    );
    expect(matches).toEqual([]);
  });

  it('ignores captions and headings, which describe photos and sections rather than news', () => {
    const matches = matchTopics(
      sentences(
        ['President Donald Trump meets Kim Jong Un at Panmunjom on June 30, 2019.(AP File)', 'caption'],
        ['Donald Trump’s interest in meeting Kim Jong Un', 'heading'],
      ),
      compiled,
      '2025-10-18',
    );
    expect(matches).toEqual([]);
  });

  it('counts a short name alone when the article names no other bearer of it', () => {
    expect(matchTopics(sentences('Trump said he would meet Kim soon.'), compiled, '2025-10-18')).toHaveLength(
      1,
    );
    // Another Kim in the article: "Kim" alone may be her, so it counts only once Kim Jong Un is named.
    const otherKim = sentences('Kim Yo Jong spoke for the government.', 'Trump said he would meet Kim soon.');
    expect(matchTopics(otherKim, compiled, '2025-10-18')).toEqual([]);
    const introduced = sentences(
      'Kim Yo Jong spoke for her brother, Kim Jong Un.',
      'Trump said he would meet Kim soon, Donald Trump added.',
    );
    expect(matchTopics(introduced, compiled, '2025-10-18')).toHaveLength(1);
  });

  it('reads a headline that names people as headlines do, short names and all', () => {
    const headline = sentences('Trump to meet Kim in Hanoi next month');
    expect(
      matchTopics(headline, compiled, '2019-02-04', { shortNames: true }).map((m) => [
        m.topicId,
        m.certainty,
      ]),
    ).toEqual([['trump-kim-summit', 'planned']]);
    // The title of a full article is read too, and decides what the article reports.
    const article = sentences(
      'Officials in Seoul said preparations had begun.',
      'The two men last met in 2019.',
    );
    const [match] = matchTopics(article, compiled, '2019-02-04', {
      title: 'Trump to meet Kim in Hanoi next month',
    });
    expect(match).toMatchObject({ certainty: 'planned', alerts: true, reported: true });
    expect(match?.evidence[0]).toMatchObject({ site: 'headline', index: -1 });
  });

  it('classifies a story whose only mention is an earlier meeting as past, which does not alert', () => {
    const [match] = matchTopics(
      sentences('Donald Trump and Kim Jong Un last met in June 2019 at the border.'),
      compiled,
      '2025-10-18',
    );
    expect(match).toMatchObject({ certainty: 'past', alerts: false });
  });
});

describe('certainty of one mention', () => {
  it.each([
    ['Trump is likely to meet Kim.', 'speculative'],
    ['Trump will meet Kim in Hanoi on 27 February.', 'planned'],
    ['The summit is scheduled for March.', 'planned'],
    ['Trump met Kim in Hanoi on Wednesday.', 'confirmed'],
    ['The White House called off the summit.', 'denied'],
    ['Officials ruled out a possible meeting.', 'denied'],
    ['The two leaders last met in June 2019.', 'past'],
    ['If the US drops its demands, Kim will sit down with Trump.', 'conditional'],
    ['They met in May 2024 for talks.', 'past'],
  ])('%s → %s', (sentence, expected) => {
    expect(classifyCertainty(sentence, 2025).certainty).toBe(expected);
  });

  it('does not read the month May as the modal "may"', () => {
    expect(classifyCertainty('Trump met Kim on May 3.', 2025).certainty).toBe('confirmed');
  });

  it('decides a story from its most decisive current mention', () => {
    expect(storyCertainty(['speculative', 'past', 'planned'])).toBe('planned');
    expect(storyCertainty(['past', 'past'])).toBe('past');
    expect(storyCertainty(['confirmed', 'denied'])).toBe('denied');
  });

  it('applies a topic minimum: denials always alert, past never does', () => {
    expect(meetsMinimum('speculative', 'planned')).toBe(false);
    expect(meetsMinimum('confirmed', 'planned')).toBe(true);
    expect(meetsMinimum('denied', 'confirmed')).toBe(true);
    expect(meetsMinimum('past', 'speculative')).toBe(false);
  });
});

describe('certainty without cue words', () => {
  it('reads a finite meeting verb as confirmed and a bare noun as mere talk of a meeting', () => {
    expect(classifyCertainty('Trump meets Kim in Hanoi.', 2025).certainty).toBe('confirmed');
    expect(
      classifyCertainty('Apart from a meeting with Kim, aides are busy with a sit-down with Xi.', 2025)
        .certainty,
    ).toBe('speculative');
  });
});

describe('topics with a query', () => {
  const borderSummit = compileTopics([summitWith({ query: 'summit NEAR/4 (panmunjom OR border OR dmz)' })]);
  const atTheBorder = 'Donald Trump could meet Kim Jong Un at a summit at the Panmunjom border village.';
  const inSeoul = 'Donald Trump could meet Kim Jong Un at a summit in Seoul next month.';

  it('matches when the event matches and the text satisfies the query', () => {
    const [match, ...rest] = matchTopics(sentences(atTheBorder), borderSummit, '2025-10-27');
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ topicId: 'trump-kim-summit', certainty: 'speculative', alerts: true });
  });

  it('does not match when the event matches but the query does not', () => {
    expect(matchTopics(sentences(inSeoul), borderSummit, '2025-10-27')).toEqual([]);
  });

  it('does not match when the query is satisfied but no sentence has the event', () => {
    const matches = matchTopics(
      sentences('Donald Trump arrived in Seoul.', 'Kim Jong Un is said to favour a summit at the border.'),
      borderSummit,
      '2025-10-27',
    );
    expect(matches).toEqual([]);
  });

  it('reads the query on the title as well as the prose', () => {
    const article = sentences(inSeoul, 'A second session at the DMZ is possible.');
    expect(matchTopics(article, borderSummit, '2025-10-27')).toEqual([]);
    expect(
      matchTopics(sentences(inSeoul), borderSummit, '2025-10-27', { title: 'Summit at the border?' }),
    ).toHaveLength(1);
  });

  it('does not read the query on captions or headings', () => {
    const matches = matchTopics(
      sentences(
        inSeoul,
        ['The Panmunjom border summit of 2019.(AP File)', 'caption'],
        ['Summit at the border', 'heading'],
      ),
      borderSummit,
      '2025-10-27',
    );
    expect(matches).toEqual([]);
  });

  it('leaves topics without a query to the event alone', () => {
    const both = compileTopics([
      summitWith({ query: 'summit NEAR/4 border' }),
      summitWith({ id: 'any-summit', query: undefined }),
    ]);
    expect(matchTopics(sentences(inSeoul), both, '2025-10-27').map((m) => m.topicId)).toEqual(['any-summit']);
  });
});

describe('delivery', () => {
  it('copies the topic’s delivery to the match', () => {
    const text = sentences('Donald Trump is likely to meet Kim Jong Un in Seoul next month.');
    expect(matchTopics(text, compiled, '2025-10-18')[0]?.delivery).toBe('instant');
    const digest = compileTopics([summitWith({ delivery: 'digest' })]);
    expect(matchTopics(text, digest, '2025-10-18')[0]?.delivery).toBe('digest');
  });
});

describe('the seed interest-rate topic', () => {
  const rateTopic = compileTopics([seedTopic('fed-rate-decision')]);

  it('matches a rate decision by the Federal Reserve, for the daily digest', () => {
    const [match] = matchTopics(
      sentences('The Federal Reserve cut its benchmark interest rate by a quarter point on Wednesday.'),
      rateTopic,
      '2025-10-29',
    );
    expect(match).toMatchObject({ topicId: 'fed-rate-decision', delivery: 'digest' });
  });

  it('does not match the Fed keeping or cutting something other than rates', () => {
    const matches = matchTopics(
      sentences(
        'The Federal Reserve kept a close eye on the labour market.',
        'The Fed cut 300 jobs at its regional banks this year.',
        'Its chair did not talk about interest rates.',
      ),
      rateTopic,
      '2025-10-29',
    );
    expect(matches).toEqual([]);
  });

  it('matches only the seed article written for it, and as a digest', () => {
    const dir = 'seeds/articles';
    const matched = readdirSync(dir).flatMap((file) =>
      analyseDocument(readFileSync(`${dir}/${file}`, 'utf8'), { fileName: file }).flatMap((article) =>
        matchTopics(article.sentences, compiled, article.publishedAt, { title: article.title })
          .filter((match) => match.alerts)
          .map((match) => `${match.topicId} ${match.delivery} ${file}`),
      ),
    );
    expect(matched).toEqual([
      'trump-kim-summit instant 001-summit-preparations.txt',
      'trump-kim-summit instant 007-summit-date-announced.txt',
      'trump-kim-summit instant 008-summit-report-other-outlet.txt',
      'fed-rate-decision digest 009-fed-rate-cut-expected.txt',
    ]);
  });
});

describe('analysis once', () => {
  it('judges certainty on the tokens the analysis made, with the same result as tokenising again', () => {
    const text = [
      'date 2025-11-02',
      'Donald Trump could meet Kim Jong Un at the border next week, two diplomats said on Sunday.',
      'Trump and Kim last met in 2019 at Panmunjom, and the now-cancelled sit-down was never rescheduled.',
      'Officials said Trump will not meet Kim Jong Un before the spring.',
    ].join('\n\n');
    const [article] = analyseDocument(text);
    if (!article) throw new Error('no article');
    expect(article.sentences.every((s) => (tokensOf(s)?.length ?? 0) > 0)).toBe(true);
    const reused = matchTopics(article.sentences, compiled, article.publishedAt);
    // Copies carry no tokens: matching tokenises each candidate sentence afresh.
    const copies = article.sentences.map((s) => ({ ...s }));
    expect(copies.some((s) => tokensOf(s) !== undefined)).toBe(false);
    expect(reused).toEqual(matchTopics(copies, compiled, article.publishedAt));
    expect(reused.find((m) => m.topicId === 'trump-kim-summit')?.evidence.length).toBeGreaterThan(1);
  });
});
