import { describe, expect, it } from 'vitest';
import {
  compileActor,
  compilePair,
  findNames,
  readActors,
} from '../../../../../functions/domain/topics/actor-mentions';
import { parseTopic } from '../../../../../functions/domain/topics/topic-schema';

const topic = parseTopic({
  id: 'biden-xi-meeting',
  name: 'Biden–Xi meeting',
  actors: [
    { name: 'Joe Biden', aliases: ['President Biden', 'US President Joe Biden'], shortNames: ['Biden'] },
    { name: 'Xi Jinping', aliases: ['Chinese President Xi Jinping'], shortNames: ['Xi'] },
  ],
  event: { type: 'meeting' },
});
const actors = topic.actors.map(compileActor);
const pair = compilePair(topic.actors);

const namesIn = (
  sentences: string[],
  text: string,
  headline: string | null = null,
  before = new Set<number>(),
) =>
  findNames(actors, readActors(actors, { headline, sentences }), text, pair, before).map((n) => [
    text.slice(n.start, n.end),
    n.actor,
    n.kind,
  ]);

describe('actor names as news writes them', () => {
  it('counts a full name or alias always, and not inside another person’s name', () => {
    const text = 'US President Joe Biden met Xi Jinping, and Joe Biden Jr. was not there.';
    expect(namesIn([text], text)).toEqual([
      ['US President Joe Biden', 0, 'full'],
      ['Xi Jinping', 1, 'full'],
    ]);
  });

  it('counts a short name alone when no other bearer of it is named', () => {
    const text = 'Biden to meet Xi next month';
    expect(namesIn([], text, text)).toEqual([
      ['Biden', 0, 'short'],
      ['Xi', 1, 'short'],
    ]);
    // Another Biden in the body: "Biden" alone may be him, until Joe Biden is named in full.
    const body = ['Hunter Biden spoke on Monday.', 'Biden said he would meet Xi.'];
    expect(namesIn(body, body[1] as string).map(([, actor]) => actor)).toEqual([1]);
    expect(namesIn([...body, 'Joe Biden agreed.'], body[1] as string).map(([, actor]) => actor)).toEqual([
      0, 1,
    ]);
  });

  it('resolves a role description within an article that names the actor, never on its own', () => {
    const text = 'The US president arrived in Bali, where the Chinese President was waiting.';
    expect(namesIn([text], text)).toEqual([]);
    const named = ['Joe Biden and Xi Jinping will meet on Monday.', text];
    expect(namesIn(named, text)).toEqual([
      ['The US president', 0, 'description'],
      ['the Chinese President', 1, 'description'],
    ]);
    // A description followed by a name is someone's title: "the US president Donald Trump".
    expect(namesIn(named, 'the US president Donald Trump said')).toEqual([]);
  });

  it('reads a pair description as both actors, and the pair as a group only when just named', () => {
    const article = [
      'Joe Biden and Xi Jinping spoke.',
      'The American and Chinese leaders met before the G20.',
    ];
    expect(namesIn(article, article[1] as string).map(([text, actor]) => [text, actor])).toEqual([
      ['The American and Chinese leaders', 0],
      ['The American and Chinese leaders', 1],
    ]);
    const group = 'The two leaders met for three hours.';
    expect(namesIn([...article, group], group)).toEqual([]);
    expect(namesIn([...article, group], group, null, new Set([0, 1])).map(([, actor]) => actor)).toEqual([
      0, 1,
    ]);
  });
});
