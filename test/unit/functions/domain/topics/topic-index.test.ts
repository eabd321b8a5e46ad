import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../../../../functions/domain/analyse-article';
import type { AnalysedArticle } from '../../../../../functions/domain/language/analysis';
import { compileActor, mayNameActors } from '../../../../../functions/domain/topics/actor-mentions';
import {
  compileTopics,
  matchTopics,
  matchTopicsLinearly,
  type CompiledTopic,
} from '../../../../../functions/domain/topics/match-topics';
import {
  articleWords,
  buildTopicIndex,
  candidateTopics,
} from '../../../../../functions/domain/topics/topic-index';
import { parseTopic, parseTopics, type Topic } from '../../../../../functions/domain/topics/topic-schema';
import { REPO_ROOT } from '../../../../../infra/paths';
import { topicsOfCount, WORLD_ACTORS } from '../../../../support/generated-topics';

const pairTopic = (id: string, actors: unknown[], extra: Record<string, unknown> = {}): Topic =>
  parseTopic({ id, name: id, actors, event: { type: 'meeting' }, ...extra });

const putin = {
  name: 'Vladimir Putin',
  aliases: ['Russian President Vladimir Putin'],
  shortNames: ['Putin'],
};
const xi = { name: 'Xi Jinping', aliases: ['Chinese President Xi Jinping'], shortNames: ['Xi'] };
const erdogan = { name: 'Recep Tayyip Erdoğan', aliases: [], shortNames: ['Erdoğan'] };
const kim = {
  name: 'Kim Jong Un',
  aliases: ['Kim Jong-un', 'North Korean leader Kim'],
  shortNames: ['Kim'],
  descriptions: ['supreme leader'],
};

const candidatesFor = (topics: Topic[], text: string, shortItem = false) =>
  candidateTopics(buildTopicIndex(topics), articleWords(text), shortItem).map(
    (position) => topics[position]?.id,
  );

/** What the matcher's first test (every actor named in some form that could count) says. */
const namesEveryActor = (topic: Topic, text: string) => mayNameActors(topic.actors.map(compileActor), text);

describe('the topic index', () => {
  const topics = [
    pairTopic('putin-xi', [putin, xi]),
    pairTopic('putin-erdogan', [putin, erdogan]),
    pairTopic('kim-xi', [kim, xi]),
  ];

  it('finds the topics whose every actor the article names, and no others', () => {
    expect(candidatesFor(topics, 'Putin met Xi Jinping in Beijing.')).toEqual(['putin-xi']);
    expect(candidatesFor(topics, 'Xi hosted Kim Jong-un and Putin.')).toEqual(['putin-xi', 'kim-xi']);
    expect(candidatesFor(topics, 'The council met on Monday.')).toEqual([]);
    // One actor is not enough: every actor is required.
    expect(candidatesFor(topics, 'Putin spoke on Monday.')).toEqual([]);
  });

  it('files a topic under one actor, the rarest-looking, and checks the others by their words', () => {
    const index = buildTopicIndex(topics).ordinary;
    const filed = [...index.postings.entries()].filter(([, positions]) => positions.includes(2));
    // Kim (kim, jong, korean, supreme… words) or Xi (xi, jinping, chinese): one of them only.
    const words = filed.map(([word]) => word).sort();
    // Kim's names (kim, jong, korean of an alias) rather than Xi's shorter "xi": longer looks rarer.
    expect(words).toEqual(['jong', 'kim', 'korean']);
    // And Xi is checked by its own words before the topic is evaluated.
    expect(index.required[2]).toContainEqual(expect.arrayContaining(['xi', 'jinping']));
    expect(index.always).toEqual([]);
  });

  it('always evaluates a topic with no indexable word, and anchors on another actor when it can', () => {
    // A name without a letter or digit: no word any article must contain.
    const odd = { name: '—', aliases: [], shortNames: [] };
    const unindexable = pairTopic('dash-only', [odd]);
    const half = pairTopic('dash-and-xi', [odd, xi]);
    const index = buildTopicIndex([unindexable, half]);
    expect(index.ordinary.always).toEqual([0]);
    expect(index.shortItem.always).toEqual([0]);
    expect(candidatesFor([unindexable, half], 'Nothing of interest — at all.')).toEqual(['dash-only']);
    expect(candidatesFor([unindexable, half], 'Xi — spoke.')).toEqual(['dash-only', 'dash-and-xi']);
    // And matching evaluates it like any other.
    const compiled = compileTopics([unindexable]);
    const article = analyseDocument('A — meeting was held on Monday in Rome, officials said.')[0];
    expect(article).toBeDefined();
    const sentences = (article as AnalysedArticle).sentences;
    expect(matchTopics(sentences, compiled, null)).toEqual(matchTopicsLinearly(sentences, compiled, null));
  });

  it('finds a topic named only by aliases, short names or descriptions', () => {
    expect(
      candidatesFor(topics, 'Russian President Vladimir Putin and Chinese President Xi Jinping'),
    ).toEqual(['putin-xi']);
    expect(candidatesFor(topics, 'Putin to meet Xi')).toEqual(['putin-xi']);
    expect(candidatesFor(topics, 'Xi and the North Korean leader Kim')).toEqual(['kim-xi']);
  });

  it('requires the name behind a description, except in a short item, as the matcher reads them', () => {
    // A description resolves only to an actor the article names (readActors): alone, it is no one.
    expect(candidatesFor(topics, 'Xi met the supreme leader.')).toEqual([]);
    expect(candidatesFor(topics, 'Kim Jong Un flew in. Xi met the supreme leader.')).toEqual(['kim-xi']);
    // In a short item the description of an actor with short names counts on its own, in either
    // case on a word's first letter, as its pattern reads it.
    expect(candidatesFor(topics, 'Xi met the supreme leader.', true)).toEqual(['kim-xi']);
    expect(candidatesFor(topics, 'Xi met the Supreme Leader.', true)).toEqual(['kim-xi']);
    expect(candidatesFor(topics, 'Xi met the leader.', true)).toEqual([]);
  });

  it('reads case and diacritics as the matcher does', () => {
    const compiledCases = compileTopics(topics);
    const cases = [
      'Putin met Erdoğan in Sochi.',
      'Putin met Erdogan in Sochi.', // no diacritic: not the name the topic gives
      'Putin met Erdog\u0306an in Sochi.', // decomposed: neither reads it as the name
      'PUTIN met ERDOĞAN.',
      'Putin’s talks with Erdoğan’s envoy.',
      'Putin-Erdoğan summit.',
      'Putin and Recep Tayyip-Erdoğan.',
    ];
    for (const text of cases) {
      const expected = topics.filter((topic) => namesEveryActor(topic, text)).map((topic) => topic.id);
      const found = candidatesFor(topics, text);
      // Never a topic the matcher would take missing from the candidates.
      expect(
        expected.filter((id) => !found.includes(id)),
        text,
      ).toEqual([]);
      // And matching through the index gives what evaluating every topic gives.
      const sentences = analyseDocument(`${text} The two leaders met for talks.`)[0]?.sentences ?? [];
      expect(matchTopics(sentences, compiledCases, null), text).toEqual(
        matchTopicsLinearly(sentences, compiledCases, null),
      );
    }
    expect(candidatesFor(topics, 'Putin met Erdoğan in Sochi.')).toEqual(['putin-erdogan']);
    expect(candidatesFor(topics, 'Putin met Erdogan in Sochi.')).toEqual([]);
    // Lower-cased words on both sides: the index may let through what the case-sensitive names
    // then reject, never the reverse.
    expect(candidatesFor(topics, 'putin met erdoğan')).toEqual(['putin-erdogan']);
    expect(namesEveryActor(topics[1] as Topic, 'putin met erdoğan')).toBe(false);
  });

  it('files a description under each case the first letter may take, "İ" included', () => {
    const mayor = {
      name: 'Ekrem İmamoğlu',
      aliases: [],
      shortNames: ['İmamoğlu'],
      descriptions: ['İstanbul mayor'],
    };
    const topic = pairTopic('mayor-xi', [mayor, xi]);
    for (const text of ['Xi met the İstanbul mayor.', 'Xi met the istanbul mayor.']) {
      expect(namesEveryActor(topic, text), text).toBe(true);
      expect(candidatesFor([topic], text, true), text).toEqual(['mayor-xi']);
    }
  });
});

/** Headline, blank line, text: as the news-events set and the bench write articles. */
const SYNTHETIC = [
  'Putin and Xi meet in Moscow\n\nRussian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday for talks on trade and security.',
  'Erdoğan to visit Putin\n\nTurkish President Recep Tayyip Erdoğan will visit Russia next week, his office said. Erdoğan and President Putin are expected to discuss the war in Ukraine.',
  'Macron calls Scholz\n\nFrench President Emmanuel Macron spoke by phone with German Chancellor Olaf Scholz on Tuesday about the war.',
  'Modi hosts Albanese in Delhi\n\nIndian Prime Minister Narendra Modi hosted Australian Prime Minister Anthony Albanese for talks on trade.',
  'Blair meets Bush at White House\n\nPrime Minister Tony Blair met President Bush in Washington on Thursday. The two leaders discussed Iraq.',
  'Chirac and Schröder hold talks\n\nFrench President Jacques Chirac held talks with German Chancellor Gerhard Schröder in Paris.',
  'Kim Jong-un could meet Xi\n\nNorth Korean leader Kim could meet Chinese President Xi Jinping next month, officials in Seoul said. The meeting has not been confirmed.',
  'Lula visits Sánchez in Madrid\n\nBrazilian President Luiz Inácio Lula da Silva visited Spanish Prime Minister Pedro Sánchez in Madrid on Wednesday.',
  'Zelensky and Meloni meet in Rome\n\nUkrainian President Volodymyr Zelensky met Italian Prime Minister Giorgia Meloni in Rome, where the two leaders discussed security.',
  'Guterres calls Netanyahu\n\nUN Secretary-General António Guterres called Israeli Prime Minister Benjamin Netanyahu on Sunday.',
  'Trump to meet Kim\n\nTrump will meet Kim in Singapore.',
  'Annan visits Mugabe\n\nUN Secretary-General Kofi Annan visited Zimbabwean President Robert Mugabe in Harare. Annan and Mugabe spoke for an hour.',
  'Orbán meets von der Leyen\n\nHungarian Prime Minister Viktor Orbán met Commission President Ursula von der Leyen in Brussels. The talks were tense.',
];

const NEWS_EVENTS = path.resolve(REPO_ROOT, '../shared/eval/news-events/other-pairs.dev.jsonl');
/** Real articles about leaders, when the shared data is there: a sample, to keep the test quick. */
const newsEvents = (count: number): string[] =>
  existsSync(NEWS_EVENTS)
    ? readFileSync(NEWS_EVENTS, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(0, count)
        .map((line) => {
          const record = JSON.parse(line) as { headline?: string; text?: string };
          return `${record.headline ?? ''}\n\n${record.text ?? ''}`;
        })
    : [];

const seedArticles = (): AnalysedArticle[] => {
  const dir = path.join(REPO_ROOT, 'seeds/articles');
  return readdirSync(dir).flatMap((file) =>
    analyseDocument(readFileSync(path.join(dir, file), 'utf8'), { fileName: file }),
  );
};

const both = (article: AnalysedArticle, compiled: CompiledTopic[]) => {
  const context = {
    title: article.title,
    headline: article.titleGenerated ? null : article.title,
    shortNames: article.shortItem,
  };
  return {
    indexed: matchTopics(article.sentences, compiled, article.publishedAt, context),
    linear: matchTopicsLinearly(article.sentences, compiled, article.publishedAt, context),
  };
};

describe('matching through the index', () => {
  const articles = [
    ...seedArticles(),
    ...[...SYNTHETIC, ...newsEvents(40)].flatMap((text) => analyseDocument(text)),
  ];

  it('gives exactly what evaluating every topic gives: seed topics and 1,000 generated', () => {
    const compiled = compileTopics(topicsOfCount(1000));
    let matched = 0;
    const generated = new Set<string>();
    for (const article of articles) {
      const { indexed, linear } = both(article, compiled);
      expect(indexed, article.title).toEqual(linear);
      matched += linear.length;
      for (const match of linear)
        if (!['trump-kim-summit', 'fed-rate-decision'].includes(match.topicId)) generated.add(match.topicId);
    }
    // Not vacuous: the seeds match, and so do several of the generated topics.
    expect(matched).toBeGreaterThan(10);
    expect(generated.size).toBeGreaterThanOrEqual(8);
  });

  it('gives the same for a list it did not compile, and for a list short enough to scan', () => {
    const hundred = compileTopics(topicsOfCount(100));
    // A list compileTopics did not return (here reordered) is indexed when first used.
    const reordered = [...hundred].reverse();
    const seeds = compileTopics(topicsOfCount(2));
    for (const article of articles.slice(0, 30)) {
      for (const list of [hundred, reordered, seeds])
        expect(both(article, list).indexed).toEqual(both(article, list).linear);
    }
  });

  it('has an actor list wide enough for the bench', () => {
    expect((WORLD_ACTORS.length * (WORLD_ACTORS.length - 1)) / 2).toBeGreaterThanOrEqual(1000);
    expect(parseTopics({ topics: topicsOfCount(1000) }).length).toBe(1000);
  });
});
