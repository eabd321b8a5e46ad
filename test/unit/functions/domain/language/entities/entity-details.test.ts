import { describe, expect, it } from 'vitest';
import type { EntityDetail } from '../../../../../../functions/domain/language/analysis';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import {
  extractEntities,
  MAX_ALIASES,
  MAX_ENTITY_DETAILS,
} from '../../../../../../functions/domain/language/entities/entities';
import { splitParagraph } from '../../../../../../functions/domain/language/sentences';
import type { EntityKind } from '../../../../../../functions/domain/language/entities/entity-lexicon';
import { plainTextArticle } from '../../../../../support/article-factories';
import { scriptedTagger } from '../../../../../support/scripted-tagger';

const analyse = (...paragraphs: string[]) =>
  analyseArticle(plainTextArticle({ date: '2025-10-20', paragraphs }));

const detailOf = (details: EntityDetail[], name: string) => details.find((d) => d.name === name);

/**
 * Entities of body sentences straight from extractEntities, without the rest of the analysis;
 * with a stand-in tagger when names are given (the naming layer alone).
 */
const entitiesOf = (text: string, names?: Record<string, EntityKind>) =>
  extractEntities(
    splitParagraph(text, 0).map((draft) => ({
      tokens: draft.tokens,
      creditStart: draft.creditStart,
      role: 'body',
    })),
    names ? scriptedTagger(names) : undefined,
  );

describe('entity details', () => {
  it('gathers a person’s aliases as written, titles included, and counts every mention', () => {
    const { entityDetails } = analyse(
      'Officials met in Geneva on Monday to prepare the talks.',
      'President Donald Trump said he was ready to meet Kim Jong Un.',
      'Trump added that the meeting could take place within weeks, and Kim did not reply.',
      'Donald Trump later repeated the offer.',
    );
    const trump = detailOf(entityDetails, 'Donald Trump');
    expect(trump).toMatchObject({ type: 'person', mentions: 3, firstSentence: 1 });
    expect(trump?.aliases).toEqual(expect.arrayContaining(['President Donald Trump', 'Trump']));
    // The canonical name is no alias of itself.
    expect(trump?.aliases).not.toContain('Donald Trump');
    expect(detailOf(entityDetails, 'Kim Jong Un')).toMatchObject({
      aliases: ['Kim'],
      mentions: 2,
      firstSentence: 1,
    });
  });

  it('links a lone family name only to a person the article introduced', () => {
    const introduced = analyse(
      'North Korean leader Kim Jong Un inspected a missile factory on Monday.',
      'Kim praised the workers, state media said.',
    );
    expect(detailOf(introduced.entityDetails, 'Kim Jong Un')?.aliases).toEqual(['Kim']);

    const stranger = analyse(
      'Officials in Seoul said the talks had stalled on Monday.',
      'Kim praised the workers at the factory, according to the report.',
    );
    expect(stranger.entityDetails.some((d) => d.name === 'Kim Jong Un')).toBe(false);
    expect(stranger.entityDetails.some((d) => d.aliases.includes('Kim'))).toBe(false);
  });

  it('lists an acronym and a gazetteer short form as aliases of organisations and places', () => {
    const { details: entityDetails } = entitiesOf(
      'Ministers of the Asia-Pacific Economic Cooperation (APEC) met in South Korea. ' +
        'APEC members agreed to cut tariffs, and the US welcomed the move.',
      { 'Asia-Pacific Economic Cooperation': 'organization', APEC: 'organization', US: 'place' },
    );
    const apec = detailOf(entityDetails, 'Asia-Pacific Economic Cooperation');
    expect(apec).toMatchObject({ type: 'organization', firstSentence: 0 });
    expect(apec?.aliases).toContain('APEC');
    expect(detailOf(entityDetails, 'United States')).toMatchObject({ type: 'place', aliases: ['US'] });
  });

  it('describes exactly the entities of `entities`, under the same names, most mentioned first', () => {
    const analysed = analyse(
      'Chinese President Xi Jinping met South Korean President Lee Jae Myung in Seoul.',
      'Lee said the talks with Xi were useful, and Samsung Electronics welcomed them.',
      'Xi later left Seoul for Tokyo.',
    );
    const { entities, entityDetails } = analysed;
    const byType = (type: EntityDetail['type']) =>
      entityDetails
        .filter((d) => d.type === type)
        .map((d) => d.name)
        .sort();
    expect(byType('person')).toEqual([...entities.people].sort());
    expect(byType('organization')).toEqual([...entities.organizations].sort());
    expect(byType('place')).toEqual([...entities.places].sort());
    const mentions = entityDetails.map((d) => d.mentions);
    expect(mentions).toEqual([...mentions].sort((a, b) => b - a));
    expect(detailOf(entityDetails, 'Xi Jinping')).toMatchObject({
      mentions: 3,
      aliases: ['Xi', 'President Xi Jinping'],
    });
  });

  it(`keeps at most ${MAX_ENTITY_DETAILS} entities and ${MAX_ALIASES} aliases each (the DynamoDB item stays small)`, () => {
    const towns = Array.from({ length: 130 }, (_, i) => `Town${String.fromCharCode(65 + (i % 26))}${i}`);
    const crowd = entitiesOf(
      towns.map((town) => `Volunteers arrived in ${town} on Monday.`).join(' '),
      Object.fromEntries(towns.map((town) => [town, 'place' as const])),
    );
    expect(crowd.entities.places.length).toBeGreaterThan(MAX_ENTITY_DETAILS);
    expect(crowd.details).toHaveLength(MAX_ENTITY_DETAILS);

    const titles = [
      'Mr',
      'Dr',
      'Professor',
      'Sir',
      'Lord',
      'Minister',
      'Senator',
      'Governor',
      'Mayor',
      'Judge',
    ];
    const text = [
      'Jane Harrow opened the new bridge on Monday.',
      ...titles.map((title) => `${title} Jane Harrow said the bridge was safe.`),
      'Harrow left early.',
    ].join(' ');
    const harrow = detailOf(
      entitiesOf(text, { 'Jane Harrow': 'person', Harrow: 'person' }).details,
      'Jane Harrow',
    );
    expect(harrow?.mentions).toBe(12);
    expect(harrow?.aliases).toHaveLength(MAX_ALIASES);
  });
});
