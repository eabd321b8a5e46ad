import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import { extractEntities } from '../../../../../../functions/domain/language/entities/entities';
import type { EntityKind } from '../../../../../../functions/domain/language/entities/entity-lexicon';
import { splitParagraph } from '../../../../../../functions/domain/language/sentences';
import { scriptedTagger } from '../../../../../support/scripted-tagger';
import {
  plainTextArticle,
  readSharedSeed,
  sharedSeedAvailable,
  SHARED_SEED,
} from '../../../../../support/article-factories';

const entitiesOf = (...paragraphs: string[]) =>
  analyseArticle(plainTextArticle({ date: '2025-10-20', paragraphs })).entities;

const sourcesOf = (text: string) =>
  splitParagraph(text, 0).map((draft) => ({
    tokens: draft.tokens,
    creditStart: draft.creditStart,
    role: 'body' as const,
  }));

/** The naming layer alone, over a stand-in tagger that finds exactly the names given. */
const scriptedEntitiesOf = (names: Record<string, EntityKind>, text: string) =>
  extractEntities(sourcesOf(text), scriptedTagger(names)).entities;

if (!sharedSeedAvailable)
  console.warn(`Seed entity tests skipped: ${SHARED_SEED} not found (../shared beside the repo).`);

describe.skipIf(!sharedSeedAvailable)('entities of the seed article', () => {
  const entities = sharedSeedAvailable
    ? analyseArticle(readSharedSeed()).entities
    : { people: [], organizations: [], places: [] };

  it('names the people once each, canonically, most mentioned first', () => {
    expect(entities.people).toEqual(
      expect.arrayContaining(['Donald Trump', 'Kim Jong Un', 'Xi Jinping', 'Lee Jae Myung']),
    );
    expect(entities.people.slice(0, 2)).toEqual(['Donald Trump', 'Kim Jong Un']);
    // "President Donald Trump", "Trump", "Trump's", "Kim", "Lee" are aliases, not people of their own.
    for (const alias of ['Trump', 'President Donald Trump', 'Kim', 'Lee', 'Xi'])
      expect(entities.people).not.toContain(alias);
  });

  it('finds the places, with nationality words mapped only where they stand for the state', () => {
    expect(entities.places).toEqual(
      expect.arrayContaining(['North Korea', 'South Korea', 'Asia', 'Washington', 'Pyongyang']),
    );
    expect(entities.places).not.toContain('Korean');
    expect(entities.places).not.toContain('Korea');
  });

  it('finds the organisations, and not the photo agency in the caption credit', () => {
    expect(entities.organizations).toEqual(expect.arrayContaining(['CNN', 'White House']));
    expect(entities.organizations).not.toContain('AP');
    expect(entities.organizations).not.toContain('Associated Press');
  });

  it('tags no months, weekdays or capitalised common words', () => {
    const all = [...entities.people, ...entities.organizations, ...entities.places];
    for (const word of ['June', 'August', 'Saturday', 'However', 'Personally', 'Republican', 'President']) {
      expect(all).not.toContain(word);
    }
  });
});

describe('entity extraction', () => {
  it('maps a surname alias to a full name only when the article introduces it', () => {
    expect(
      entitiesOf(
        'Rachel Reeves set out the budget on Wednesday.',
        'Reeves said the plan was fair. Critics disagreed with Reeves.',
      ).people,
    ).toEqual(['Rachel Reeves']);
    // Alone, a surname stays as written: no full name is made up for it.
    const alone = entitiesOf('Critics said the plan by Reeves was unfair.').people;
    expect(alone).toContain('Reeves');
    expect(alone).not.toContain('Rachel Reeves');
  });

  it('maps a Korean or Chinese family name, written first, to the full name', () => {
    expect(
      entitiesOf('Xi Jinping arrived in Busan on Thursday. Officials said Xi was tired.').people,
    ).toEqual(['Xi Jinping']);
  });

  it('strips titles and counts a titled lone surname as a person', () => {
    expect(
      entitiesOf('Prime Minister Keir Starmer spoke first.', 'Mr. Starmer said the deal was good.').people,
    ).toEqual(['Keir Starmer']);
    expect(entitiesOf('The plan was drawn up by Mr. Whitlock, who leads the council.').people).toEqual([
      'Whitlock',
    ]);
    expect(entitiesOf('Secretary of State Marco Rubio flew to Tokyo on Sunday.').people).toEqual([
      'Marco Rubio',
    ]);
  });

  it('orders by mentions and merges middle initials', () => {
    const { people } = entitiesOf(
      'Sarah Mbeki met John Smith in London on Monday.',
      'John F. Smith said the talks went well. Smith added that more were planned.',
    );
    expect(people).toEqual(['John Smith', 'Sarah Mbeki']);
  });

  it('peels nationality words and titles off the front of a name', () => {
    const entities = entitiesOf(
      'The talks in Busan included Chinese President Xi Jinping and US President Donald Trump.',
    );
    expect(entities.people).toEqual(['Xi Jinping', 'Donald Trump']);
    // "US" is the country's name; "Chinese" is a nationality, which names no place.
    expect(entities.places).toEqual(['Busan', 'United States']);
  });

  it('takes no nationality word for a place, even where a tagger calls it one', () => {
    expect(entitiesOf('The talks were reported by North Korean state media on Monday.').places).toEqual([]);
    expect(entitiesOf('The writer praised British spelling and French cooking at length.').places).toEqual(
      [],
    );
    const tagged = scriptedEntitiesOf(
      { 'North Korean': 'place', Seoul: 'place' },
      'North Korean media in Seoul said so.',
    );
    expect(tagged.places).toEqual(['Seoul']);
  });

  it('does not tag a capitalised common word at the start of a sentence', () => {
    const entities = entitiesOf(
      'Inflation rose sharply in the spring. Shares fell. Markets in Asia followed the fall.',
    );
    expect(entities.people).toEqual([]);
    expect(entities.organizations).toEqual([]);
    expect(entities.places).toEqual(['Asia']);
  });

  it('finds organisations and places named by their head words (the shipped model)', () => {
    const entities = entitiesOf(
      'Eastmoor District Council met the Local Government Association at Eastgate Park on Monday.',
      'The Bank of England kept rates on hold, and the Ministry of Defence ordered ships for the Gulf of Mexico.',
    );
    expect(entities.organizations).toEqual(
      expect.arrayContaining(['Local Government Association', 'Bank of England']),
    );
    expect(entities.places).toEqual(expect.arrayContaining(['Eastgate Park', 'Gulf of Mexico']));
    expect(entities.people).toEqual([]);
  });

  it('lets a name’s head word settle its kind, whatever the tagger said', () => {
    const entities = scriptedEntitiesOf(
      {
        'Eastmoor District Council': 'person',
        'Ministry of Defence': 'place',
        'Gulf of Mexico': 'organization',
        'Lumora Inc.': 'person',
      },
      'Eastmoor District Council and the Ministry of Defence sent ships to the Gulf of Mexico, as did Lumora Inc. yesterday.',
    );
    expect(entities.organizations).toEqual([
      'Eastmoor District Council',
      'Ministry of Defence',
      'Lumora Inc.',
    ]);
    expect(entities.places).toEqual(['Gulf of Mexico']);
    expect(entities.people).toEqual([]);
  });

  it('takes a city for its team in a sports report, where it is a side in a result', () => {
    const report = entitiesOf(
      'Leeds beat Chelsea 2-1 in the league on Saturday, and the manager praised the striker.',
      'Japan drew with Syria in the Asian Cup match in Abu Dhabi.',
    );
    expect(report.organizations).toEqual(expect.arrayContaining(['Leeds', 'Chelsea']));
    // National sides stay places, as CoNLL writes them; so does the city the match was played in.
    expect(report.places).toEqual(expect.arrayContaining(['Japan', 'Abu Dhabi']));
    // The same sides outside a sports report stay places.
    const travel = scriptedEntitiesOf(
      { Kelmford: 'place', Ashbury: 'place' },
      'Kelmford beat Ashbury 2-1 in the vote.',
    );
    expect(travel.places).toEqual(['Kelmford', 'Ashbury']);
  });

  it('finds a name the tagger passed by when its head word settles it', () => {
    const entities = scriptedEntitiesOf(
      {},
      'Members of Eastmoor District Council met the Kingsmere Athletic board near the Gulf of Mexico.',
    );
    expect(entities.organizations).toEqual(['Eastmoor District Council', 'Kingsmere Athletic']);
    expect(entities.places).toEqual(['Gulf of Mexico']);
  });

  it('reads a line in capitals as ordinary text: a wire headline’s names, not its slug', () => {
    const analysis = extractEntities(
      sourcesOf(
        'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT . ' +
          'Japan began the defence of their title with a lucky win against Syria on Friday. ' +
          'But China crashed to a surprise defeat to Uzbekistan.',
      ),
    );
    expect(analysis.entities.organizations).toEqual([]);
    expect(analysis.entities.people).toEqual([]);
    const headline = analysis.mentions.filter((m) => m.sentence === 0).map((m) => m.id);
    expect(headline).toEqual(['place:japan', 'place:china']);
  });

  it('links an acronym to the name it abbreviates', () => {
    const entities = scriptedEntitiesOf(
      { 'Asia-Pacific Economic Cooperation': 'organization', APEC: 'organization', Gyeongju: 'place' },
      'Ministers of the Asia-Pacific Economic Cooperation (APEC) met in Gyeongju. APEC leaders then issued a statement.',
    );
    expect(entities.organizations).toEqual(['Asia-Pacific Economic Cooperation']);
  });

  it('keeps one kind for a name across the article, the kind most of its mentions were given', () => {
    const tagged = scriptedEntitiesOf(
      { 'Fiji Water': 'organization' },
      'Fiji Water sells well. Fiji Water is bottled there.',
    );
    expect(tagged.organizations).toEqual(['Fiji Water']);
    const voted = extractEntities(
      sourcesOf('Rain fell on Fiji. Fiji expects more. Tourists left Fiji.'),
      (words) => {
        const i = words.findIndex((w) => w.text === 'Fiji');
        // The stand-in calls the second mention a person.
        return i < 0 ? [] : [{ start: i, end: i + 1, kind: words[0]?.text === 'Fiji' ? 'person' : 'place' }];
      },
    );
    expect(voted.entities).toEqual({ people: [], organizations: [], places: ['Fiji'] });
    expect(voted.mentions.map((m) => m.kind)).toEqual(['place', 'place', 'place']);
  });

  it('finds a name again where the tagger passed it by, and gives its characters', () => {
    const text = 'Xi Jinping met officials in Seoul. Xi later left for Tokyo.';
    const analysis = extractEntities(
      sourcesOf(text),
      scriptedTagger({ 'Xi Jinping': 'person', Seoul: 'place', Tokyo: 'place' }),
    );
    const xi = analysis.details.find((d) => d.name === 'Xi Jinping');
    expect(xi).toMatchObject({ mentions: 2, aliases: ['Xi'] });
    const second = analysis.mentions.filter((m) => m.id === 'person:xi jinping')[1];
    expect(second && text.slice(second.start, second.end)).toBe('Xi');
  });

  it('gives canonical names to gazetteer aliases and keeps "Un" apart from the UN', () => {
    const entities = entitiesOf('The U.S. and the UK backed the UN plan, and Kim Jong Un rejected it.');
    expect(entities.places).toEqual(['United States', 'United Kingdom']);
    expect(entities.organizations).toEqual(['United Nations']);
    expect(entities.people).toEqual(['Kim Jong Un']);
  });

  it('treats a brand with a product name as the company, not a person', () => {
    const entities = entitiesOf(
      'Lumora Inc. unveiled the Lumora Fold 2 on Tuesday. Lumora said sales would start soon.',
    );
    expect(entities.people).toEqual([]);
    expect(entities.organizations).toEqual(['Lumora Inc.']);
  });

  it('skips events and offices that look like names', () => {
    const entities = entitiesOf(
      'Storm Fenna closed the roads before the London Marathon, the Industry Secretary said.',
      'The World Cup final was moved to Cardiff.',
    );
    expect(entities.people).toEqual([]);
    // The event's name is left whole, place and all.
    expect(entities.places).toEqual(['Cardiff']);
  });

  it('takes an unknown name after "in", or listed with a place, for a place', () => {
    expect(entitiesOf('Rain fell in Porthcawl on Monday.').places).toEqual(['Porthcawl']);
    expect(entitiesOf('Trains between Cardiff and Swansea were suspended.').places).toEqual([
      'Cardiff',
      'Swansea',
    ]);
    // The stand-in calls Hull a person: listed between places, it is one.
    const listed = scriptedEntitiesOf(
      { Leeds: 'place', Hull: 'person', York: 'place', Smith: 'person' },
      'Floods hit Leeds, Hull and York, Smith said.',
    );
    expect(listed.places).toEqual(['Leeds', 'Hull', 'York']);
    expect(listed.people).toEqual(['Smith']);
  });
});
