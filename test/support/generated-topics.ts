import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/paths';
import { parseTopics, type Topic, type TopicDefinition } from '../../functions/domain/topics/topic-schema';

/**
 * Many realistic topics for the topic index's equality test and the bench: events between pairs
 * of world leaders and organisations, written as a user would (names, aliases with a role before
 * the name, ambiguous short names, a few role descriptions, diacritics and hyphens), after the
 * seed topics. Deterministic, so a figure or a failure can be reproduced.
 */

type ActorDefinition = TopicDefinition['actors'][number];

const person = (
  name: string,
  aliases: string[],
  shortNames: string[],
  descriptions: string[] = [],
): ActorDefinition => ({ name, aliases, shortNames, descriptions });

/** Leaders of two decades (the BBC corpus is from 2004–05, the news-events set from 2016 on). */
export const WORLD_ACTORS: readonly ActorDefinition[] = [
  person('Donald Trump', ['President Trump', 'US President Donald Trump', 'Donald J. Trump'], ['Trump']),
  person(
    'Vladimir Putin',
    ['President Putin', 'Russian President Vladimir Putin', 'Vladimir V. Putin'],
    ['Putin'],
  ),
  person('Xi Jinping', ['President Xi', 'Chinese President Xi Jinping'], ['Xi']),
  person('Joe Biden', ['President Biden', 'US President Joe Biden', 'Joseph R. Biden'], ['Biden']),
  person('Emmanuel Macron', ['President Macron', 'French President Emmanuel Macron'], ['Macron']),
  person('Olaf Scholz', ['Chancellor Scholz', 'German Chancellor Olaf Scholz'], ['Scholz']),
  person('Angela Merkel', ['Chancellor Merkel', 'German Chancellor Angela Merkel'], ['Merkel']),
  person('Narendra Modi', ['Prime Minister Modi', 'Indian Prime Minister Narendra Modi'], ['Modi']),
  person(
    'Recep Tayyip Erdoğan',
    ['President Erdoğan', 'Turkish President Recep Tayyip Erdoğan'],
    ['Erdoğan'],
  ),
  person(
    'Luiz Inácio Lula da Silva',
    ['President Lula', 'Brazilian President Luiz Inácio Lula da Silva'],
    ['Lula'],
  ),
  person(
    'Volodymyr Zelensky',
    ['President Zelensky', 'Ukrainian President Volodymyr Zelensky', 'Volodymyr Zelenskyy'],
    ['Zelensky'],
  ),
  person('Fumio Kishida', ['Prime Minister Kishida', 'Japanese Prime Minister Fumio Kishida'], ['Kishida']),
  person(
    'Yoon Suk Yeol',
    ['President Yoon', 'South Korean President Yoon Suk Yeol', 'Yoon Suk-yeol'],
    ['Yoon'],
  ),
  person(
    'Benjamin Netanyahu',
    ['Prime Minister Netanyahu', 'Israeli Prime Minister Benjamin Netanyahu'],
    ['Netanyahu'],
  ),
  person(
    'Mohammed bin Salman',
    ['Crown Prince Mohammed bin Salman', 'Saudi Crown Prince Mohammed bin Salman'],
    ['MBS'],
    ['Saudi crown prince'],
  ),
  person('Justin Trudeau', ['Prime Minister Trudeau', 'Canadian Prime Minister Justin Trudeau'], ['Trudeau']),
  person('Rishi Sunak', ['Prime Minister Sunak', 'British Prime Minister Rishi Sunak'], ['Sunak']),
  person(
    'Keir Starmer',
    ['Prime Minister Starmer', 'British Prime Minister Keir Starmer', 'Sir Keir Starmer'],
    ['Starmer'],
  ),
  person('Giorgia Meloni', ['Prime Minister Meloni', 'Italian Prime Minister Giorgia Meloni'], ['Meloni']),
  person('Pedro Sánchez', ['Prime Minister Sánchez', 'Spanish Prime Minister Pedro Sánchez'], ['Sánchez']),
  person(
    'Anthony Albanese',
    ['Prime Minister Albanese', 'Australian Prime Minister Anthony Albanese'],
    ['Albanese'],
  ),
  person(
    'Cyril Ramaphosa',
    ['President Ramaphosa', 'South African President Cyril Ramaphosa'],
    ['Ramaphosa'],
  ),
  person(
    'Andrés Manuel López Obrador',
    ['President López Obrador', 'Mexican President Andrés Manuel López Obrador'],
    ['AMLO', 'López Obrador'],
  ),
  person(
    'Ali Khamenei',
    ['Ayatollah Ali Khamenei', 'Supreme Leader Ali Khamenei'],
    ['Khamenei'],
    ['Iranian supreme leader'],
  ),
  person('Kim Jong Un', ['Kim Jong-un', 'North Korean leader Kim'], ['Kim']),
  person(
    'Alexander Lukashenko',
    ['President Lukashenko', 'Belarusian President Alexander Lukashenko'],
    ['Lukashenko'],
  ),
  person('Viktor Orbán', ['Prime Minister Orbán', 'Hungarian Prime Minister Viktor Orbán'], ['Orbán']),
  person('Ursula von der Leyen', ['Commission President Ursula von der Leyen'], ['von der Leyen']),
  person(
    'António Guterres',
    ['Secretary-General António Guterres', 'UN Secretary-General António Guterres'],
    ['Guterres'],
  ),
  person('Jens Stoltenberg', ['Nato Secretary General Jens Stoltenberg'], ['Stoltenberg']),
  person(
    'Tony Blair',
    ['Prime Minister Tony Blair', 'British Prime Minister Tony Blair', 'Mr Blair'],
    ['Blair'],
  ),
  person('George W. Bush', ['President Bush', 'US President George W. Bush', 'George W Bush'], ['Bush']),
  person('Gordon Brown', ['Chancellor Gordon Brown', 'Mr Brown'], ['Brown']),
  person('Jacques Chirac', ['President Chirac', 'French President Jacques Chirac'], ['Chirac']),
  person(
    'Gerhard Schröder',
    ['Chancellor Schröder', 'German Chancellor Gerhard Schröder', 'Gerhard Schroeder'],
    ['Schröder', 'Schroeder'],
  ),
  person('Kofi Annan', ['Secretary-General Kofi Annan', 'UN Secretary-General Kofi Annan'], ['Annan']),
  person(
    'Silvio Berlusconi',
    ['Prime Minister Berlusconi', 'Italian Prime Minister Silvio Berlusconi'],
    ['Berlusconi'],
  ),
  person('Ariel Sharon', ['Prime Minister Sharon', 'Israeli Prime Minister Ariel Sharon'], ['Sharon']),
  person('Mahmoud Abbas', ['President Abbas', 'Palestinian leader Mahmoud Abbas'], ['Abbas']),
  person('Hu Jintao', ['President Hu', 'Chinese President Hu Jintao'], ['Hu']),
  person(
    'Junichiro Koizumi',
    ['Prime Minister Koizumi', 'Japanese Prime Minister Junichiro Koizumi'],
    ['Koizumi'],
  ),
  person('Hamid Karzai', ['President Karzai', 'Afghan President Hamid Karzai'], ['Karzai']),
  person(
    'Pervez Musharraf',
    ['President Musharraf', 'Pakistani President Pervez Musharraf', 'General Musharraf'],
    ['Musharraf'],
  ),
  person(
    'Manmohan Singh',
    ['Prime Minister Manmohan Singh', 'Indian Prime Minister Manmohan Singh'],
    ['Singh'],
  ),
  person('Thabo Mbeki', ['President Mbeki', 'South African President Thabo Mbeki'], ['Mbeki']),
  person('Robert Mugabe', ['President Mugabe', 'Zimbabwean President Robert Mugabe'], ['Mugabe']),
  person(
    'Hugo Chávez',
    ['President Chávez', 'Venezuelan President Hugo Chávez', 'Hugo Chavez'],
    ['Chávez', 'Chavez'],
  ),
  person(
    'Viktor Yushchenko',
    ['President Yushchenko', 'Ukrainian President Viktor Yushchenko'],
    ['Yushchenko'],
  ),
  person(
    'Mahmoud Ahmadinejad',
    ['President Ahmadinejad', 'Iranian President Mahmoud Ahmadinejad'],
    ['Ahmadinejad'],
  ),
  person('European Union', ['the EU', 'European Commission'], ['EU', 'Brussels']),
  person('Nato', ['NATO', 'North Atlantic Treaty Organization'], []),
  person('United Nations', ['the UN', 'UN Security Council'], ['UN']),
  person('World Trade Organization', ['WTO', 'World Trade Organisation'], []),
  person('International Monetary Fund', ['IMF'], ['the Fund']),
];

/** Events two actors take part in, built-in vocabularies all (see events/event-types.ts). */
const EVENT_TYPES = ['meeting', 'call', 'visit'] as const;

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * `count` topics, each on its own pair of actors: pairs taken in an order that spreads every
 * actor over the list (distance 1 between indices first, then 2, …), event types in turn, and
 * every seventh topic narrowed by a query, as users narrow broad topics.
 */
export const generatedTopicDefinitions = (count: number): TopicDefinition[] => {
  const n = WORLD_ACTORS.length;
  const pairs: [number, number][] = [];
  for (let distance = 1; distance < n && pairs.length < count; distance += 1)
    for (let i = 0; i + distance < n && pairs.length < count; i += 1) pairs.push([i, i + distance]);
  if (pairs.length < count) throw new Error(`only ${pairs.length} pairs of ${n} actors, ${count} asked`);
  return pairs.map(([a, b], k) => {
    const first = WORLD_ACTORS[a] as ActorDefinition;
    const second = WORLD_ACTORS[b] as ActorDefinition;
    const type = EVENT_TYPES[k % EVENT_TYPES.length] as string;
    return {
      id: `${slug(first.name)}-${slug(second.name)}-${slug(type)}`.slice(0, 63).replace(/-$/, ''),
      name: `${first.name}–${second.name} ${type}`.slice(0, 80),
      actors: [first, second],
      event: { type },
      ...(k % 7 === 6 ? { query: 'trade OR security OR war* OR "climate change" OR talks' } : {}),
    };
  });
};

export const seedTopics = (): Topic[] =>
  parseTopics(JSON.parse(readFileSync(path.join(REPO_ROOT, 'seeds/topics.json'), 'utf8')) as unknown);

/** The seed topics, then generated ones up to `count` in all (the first `count` seeds when fewer). */
export const topicsOfCount = (count: number): Topic[] => {
  const seeds = seedTopics();
  if (count <= seeds.length) return seeds.slice(0, count);
  return [...seeds, ...parseTopics({ topics: generatedTopicDefinitions(count - seeds.length) })];
};
