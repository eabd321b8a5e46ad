import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Sentence } from '../../../../../functions/domain/language/analysis';
import { compileTopics, matchTopics } from '../../../../../functions/domain/topics/match-topics';
import { parseTopics } from '../../../../../functions/domain/topics/topic-schema';

const topics = compileTopics(
  parseTopics(JSON.parse(readFileSync('seeds/topics.json', 'utf8'))).filter(
    (t) => t.id === 'trump-kim-summit',
  ),
);
const body = (...texts: string[]): Sentence[] =>
  texts.map((text, index) => ({ text, role: 'body', paragraph: index, index }));
/** What an article with this headline (and an unrelated first sentence) reports. */
const headline = (title: string) => {
  const [match] = matchTopics(body('Officials in Seoul gave no details on Monday.'), topics, '2018-05-01', {
    title,
  });
  return match && { certainty: match.certainty, reported: match.reported, alerts: match.alerts };
};

describe('headline grammar', () => {
  it.each([
    ['Trump to meet Kim in Singapore', 'planned'],
    ['Trump and Kim to meet in June', 'planned'],
    ['Trump and Kim meet today - but can the thaw last?', 'confirmed'],
    ['Trump, Kim meet in Singapore', 'confirmed'],
    ['Trump cancels summit with Kim', 'denied'],
    ['Kim rejects an offer of talks with Trump', 'denied'],
    ['Summit with Kim is off, Trump says', 'denied'],
    ['Trump has yet to meet Kim', 'speculative'],
    ['Trump-Kim talks: what was agreed on denuclearisation', 'confirmed'],
    ['Kim arrives in Singapore for summit with Trump', 'planned'],
    ['Trump to meet Kim?', 'speculative'],
    ['Trump and Kim agree to a summit in June', 'planned'],
    ['Trump raises the possibility of a meeting with Kim', 'speculative'],
    ['What to watch when Trump and Kim meet', 'planned'],
  ])('reads "%s" as %s news', (title, certainty) => {
    expect(headline(title)).toEqual({ certainty, reported: true, alerts: true });
  });

  it('reads an event that is background to other news as a side mention', () => {
    expect(headline('Asian shares fall ahead of Trump-Kim summit')).toMatchObject({
      reported: false,
      alerts: false,
    });
    // An actor leading the sentence makes the event its news: "ahead of" places it ahead.
    expect(headline('Kim lands in Singapore ahead of summit with Trump')).toEqual({
      certainty: 'planned',
      reported: true,
      alerts: true,
    });
  });

  it('reads a headline about the actors that names no event by the event its opening describes', () => {
    const opening = body(
      'The warning came on Tuesday.',
      'Donald Trump met Kim Jong Un for two hours in Hanoi, officials said.',
    );
    const [match] = matchTopics(opening, topics, '2019-02-27', {
      title: 'Kim tells Trump sanctions must go',
    });
    expect(match).toMatchObject({ certainty: 'confirmed', reported: true, alerts: true });
    // Without the actors in the headline, the same sentence is context.
    const [side] = matchTopics(opening, topics, '2019-02-27', { title: 'Markets fall on trade fears' });
    expect(side).toMatchObject({ reported: false, alerts: false });
  });

  it('leaves a body mention as context: it never alerts on its own', () => {
    const [match] = matchTopics(
      body('Markets were calm on Monday.', 'Donald Trump will meet Kim Jong Un in June, officials said.'),
      topics,
      '2018-05-01',
    );
    expect(match).toMatchObject({ certainty: 'planned', reported: false, alerts: false });
  });
});
