import { analyseDocument } from '../../functions/domain/analyse-article';
import { articleForStory, type ArticleForStory } from '../../functions/domain/stories/story-grouping';
import { contentHashOf } from '../../functions/ingest/ingest-article';
import { plainTextArticle } from './article-factories';

/**
 * An article as story grouping sees it, made as ingest makes it of a `.txt` upload: the real
 * analysis, the content hash and articleForStory.
 */
export const storyArticle = (
  text: string,
  articleId = 'articles/story.txt',
  ingestedAt = '2026-03-04T09:00:00.000Z',
): ArticleForStory => {
  const [article] = analyseDocument(text, { fileName: articleId });
  if (!article) throw new Error(`${articleId}: the text analyses to no article`);
  return articleForStory(article, { articleId, contentHash: contentHashOf(article), ingestedAt });
};

/**
 * Our own short texts: five events, each told by two outlets in their own words with the same
 * people and places. Two are earthquakes on the same day, told apart only by who and where.
 */
export const STORY_TEXTS = {
  chileQuakeWire: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Earthquake strikes northern Chile',
      'A magnitude 7.1 earthquake struck near the city of Iquique in northern Chile on Tuesday, the national seismology office said. President Gabriel Boric said rescue teams had been sent to the region.',
      'At least four people were killed when buildings collapsed in Iquique, officials said. The quake was felt as far away as La Paz in Bolivia.',
      'The Chilean navy briefly issued a tsunami warning for the coast before lifting it two hours later.',
    ],
  }),
  chileQuakeOtherOutlet: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Deadly quake hits Iquique as Boric sends rescuers',
      "Gabriel Boric, Chile's president, dispatched emergency crews to Iquique after a powerful earthquake shook the northern coast on Tuesday evening. Four people died under collapsed buildings, local authorities reported.",
      'Residents of Iquique fled to higher ground as the navy warned of a possible tsunami. The warning was lifted later.',
    ],
  }),
  turkeyQuakeWire: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Earthquake shakes western Turkey',
      'A magnitude 6.2 earthquake hit the province of Izmir in western Turkey on Tuesday, the disaster agency AFAD said. Interior Minister Ali Yerlikaya said two villages near Bergama were damaged.',
      'No deaths were reported, but dozens of families spent the night in tents, the agency said.',
    ],
  }),
  turkeyQuakeOtherOutlet: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Villages near Bergama damaged by Izmir quake',
      'Ali Yerlikaya, the Turkish interior minister, said homes in two villages close to Bergama were damaged when a strong earthquake struck Izmir province on Tuesday. AFAD sent tents and blankets to the families.',
      'Nobody was killed, according to AFAD.',
    ],
  }),
  bankMergerWire: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Nordbank agrees to buy Baltic lender Vilnia',
      'Nordbank, the Swedish lender, agreed on Wednesday to buy Vilnia Bank of Lithuania for 2.4 billion euros, its chief executive Maria Lindqvist said in Stockholm.',
      'Shareholders of Vilnia will be paid in cash. The deal still needs the approval of regulators in Vilnius and Brussels.',
    ],
  }),
  bankMergerOtherOutlet: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Lindqvist bets on the Baltics with Vilnia takeover',
      'Maria Lindqvist, who runs Nordbank, said the purchase of Vilnia Bank would make the group the largest lender in Lithuania. Nordbank will pay 2.4 billion euros in cash for the bank.',
      'Regulators in Vilnius must still approve the takeover, Lindqvist told reporters in Stockholm.',
    ],
  }),
  cupFinalWire: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Porto beat Ajax to win the cup in Vienna',
      'Porto won the European cup final on Wednesday, beating Ajax 2-1 in Vienna after a late goal by striker Samu Omorodion. Ajax had led through a header by Brian Brobbey.',
      'Porto coach Francesco Farioli said his players had never stopped believing.',
    ],
  }),
  cupFinalOtherOutlet: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Omorodion strikes late as Porto lift the cup',
      'Samu Omorodion scored in the last minute to give Porto a 2-1 win over Ajax in the final in Vienna. Brian Brobbey had put Ajax ahead before the break.',
      'Francesco Farioli, the Porto coach, praised the spirit of his team.',
    ],
  }),
  petrolBanWire: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Norway votes to ban sales of new petrol cars',
      'The Norwegian parliament in Oslo voted on Wednesday to ban sales of new petrol and diesel cars from 2028. Prime Minister Jonas Gahr Store said Norway would lead Europe on clean transport.',
      'The opposition Progress Party voted against the ban, which its leader Sylvi Listhaug called a tax on families.',
    ],
  }),
  petrolBanOtherOutlet: plainTextArticle({
    date: '2026-03-04',
    paragraphs: [
      'Oslo lawmakers end the petrol car',
      'Sylvi Listhaug of the Progress Party failed to stop a ban on new petrol and diesel cars, which the parliament in Oslo passed by a wide margin. Jonas Gahr Store welcomed the vote.',
      'Dealers in Norway must stop selling such cars in 2028.',
    ],
  }),
} as const;

export type StoryTextName = keyof typeof STORY_TEXTS;

/** The event each text tells: the gold partition of STORY_TEXTS. */
export const STORY_TEXT_EVENT: Record<StoryTextName, string> = {
  chileQuakeWire: 'chile-quake',
  chileQuakeOtherOutlet: 'chile-quake',
  turkeyQuakeWire: 'turkey-quake',
  turkeyQuakeOtherOutlet: 'turkey-quake',
  bankMergerWire: 'bank-merger',
  bankMergerOtherOutlet: 'bank-merger',
  cupFinalWire: 'cup-final',
  cupFinalOtherOutlet: 'cup-final',
  petrolBanWire: 'petrol-ban',
  petrolBanOtherOutlet: 'petrol-ban',
};

/** A text as an article of the story index: its id names it. */
export const storyArticleOf = (name: StoryTextName, ingestedAt?: string) =>
  storyArticle(STORY_TEXTS[name], `articles/${name}.txt`, ingestedAt);
