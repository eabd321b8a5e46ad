import { inTitleCase } from '../language/title-case';
import { comparableText } from '../language/comparable-text';
import { tokensOf, type Sentence } from '../language/analysis';
import { tokenise } from '../language/tokenise';
import { wordsOfTokens, type TokenSpan, type Word } from './certainty/event-factuality';
import {
  classifyMentionAt,
  meetsMinimum,
  storyCertainty,
  type CertaintyJudgement,
} from './certainty/match-certainty';
import type { Certainty, Delivery } from '../../contracts/vocabulary';
import type { Topic } from './topic-schema';
import {
  compileActor,
  compilePair,
  findNames,
  mayNameActor,
  readActor,
  type ActorReading,
  type CompiledActor,
  type NameMention,
} from './actor-mentions';
import {
  compileEvent,
  findTriggers,
  mayNameEvent,
  namesLookAlikeOnly,
  type CompiledEvent,
} from './event-mentions';
import { eventWordsOf } from './event-words';
import { backgroundOf, placedBy, readAsNews } from './news-grammar';
import { participantsOf, referenceKind } from './participation';
import { articleWords, buildTopicIndex, candidateTopics, type TopicIndex } from './topic-index';
import {
  evaluateTopicQuery,
  parseTopicQuery,
  tokeniseForQuery,
  type QueryTokens,
  type TopicQuery,
} from './topic-query';

/**
 * Where in the article a mention is: the headline and the lede (the first sentence of the text)
 * say what the article reports; the body gives context.
 */
export type MentionSite = 'headline' | 'lede' | 'body';

export interface Evidence {
  sentence: string;
  /** Index of the sentence in the article (AnalysedArticle.sentences); -1 for a headline of its own. */
  index: number;
  certainty: Certainty;
  cues: string[];
  site: MentionSite;
  /** The actors found taking part in the event, by canonical name. */
  participants: string[];
  /** How the event was recognised: its trigger as written, or the earlier mention it refers to. */
  trigger: string;
}

export interface TopicMatch {
  topicId: string;
  topicName: string;
  certainty: Certainty;
  /** True when the certainty reaches the topic's minimum, i.e. subscribers should hear of it. */
  alerts: boolean;
  /**
   * The event is what the article reports (its headline or lede), not a side mention in the body.
   * A side mention is recorded but never alerts, so it cannot start or escalate a story.
   */
  reported: boolean;
  /** Evidence sentences, those that decided first, at most three. */
  evidence: Evidence[];
  /** The topic's delivery, so the alert use case can send at once or queue for the digest. */
  delivery: Delivery;
}

export interface CompiledTopic {
  topic: Topic;
  actors: CompiledActor[];
  /** Both actors at once ("the American and Chinese leaders"), for a pair of leaders. */
  pair: RegExp | null;
  event: CompiledEvent;
  /** The topic's query, parsed once; topics were validated, so parsing cannot fail here. */
  query: TopicQuery | null;
}

/**
 * Compiled event vocabularies by definition: building one (every inflection, the trie of its
 * phrases) is most of compiling a topic, and a topic list re-read with one topic changed keeps
 * the others'. Bounded: cleared past MAX_CACHED_EVENTS definitions.
 */
const compiledEvents = new Map<string, CompiledEvent>();
const MAX_CACHED_EVENTS = 256;

const compileEventOf = (event: Topic['event']): CompiledEvent => {
  const key = JSON.stringify([event.type, event.triggers, event.excludes]);
  let compiled = compiledEvents.get(key);
  if (!compiled) {
    if (compiledEvents.size >= MAX_CACHED_EVENTS) compiledEvents.clear();
    compiled = compileEvent(eventWordsOf(event));
    compiledEvents.set(key, compiled);
  }
  return compiled;
};

/**
 * The index of each compiled list (see topic-index.ts), built with it: callers keep passing the
 * plain array, and a list compiled once (per cold start, per topic change) is indexed once.
 */
const indexes = new WeakMap<readonly CompiledTopic[], TopicIndex>();

/** The list's index; built here for a list compileTopics did not return, or one changed since. */
const indexOf = (topics: readonly CompiledTopic[]): TopicIndex => {
  const index = indexes.get(topics);
  if (index && index.topics.length === topics.length && topics.every((c, i) => c.topic === index.topics[i]))
    return index;
  const built = buildTopicIndex(topics.map((compiled) => compiled.topic));
  indexes.set(topics, built);
  return built;
};

/**
 * Compiled actors by definition, for the same reasons: a leader tracked in fifty topics is one
 * compiled actor, whose readings an article then works out once (matchTopics). Bounded likewise.
 */
const compiledActors = new Map<string, CompiledActor>();
const MAX_CACHED_ACTORS = 4096;

const compileActorOf = (actor: Topic['actors'][number]): CompiledActor => {
  const key = JSON.stringify([actor.name, actor.aliases, actor.shortNames, actor.descriptions]);
  let compiled = compiledActors.get(key);
  if (!compiled) {
    if (compiledActors.size >= MAX_CACHED_ACTORS) compiledActors.clear();
    compiled = compileActor(actor);
    compiledActors.set(key, compiled);
  }
  return compiled;
};

export const compileTopics = (topics: Topic[]): CompiledTopic[] => {
  const compiled = topics.map((topic) => ({
    topic,
    actors: topic.actors.map(compileActorOf),
    pair: compilePair(topic.actors),
    event: compileEventOf(topic.event),
    query: topic.query === undefined ? null : parseTopicQuery(topic.query),
  }));
  indexes.set(compiled, buildTopicIndex(topics));
  return compiled;
};

const MAX_EVIDENCE = 3;

/** The most body sentences parsed for one topic in one article (see matchTopics). */
const MAX_BODY_CANDIDATES = 12;

/** The most trigger words of one sentence looked at: the first ones name its event. */
const MAX_TRIGGERS = 8;

/**
 * The opening of the text: a body mention this early tells what an article whose headline names
 * the actors but no event is about.
 */
const OPENING_SENTENCES = 4;

/** How many sentences open the text as its lede. */
const LEDE_SENTENCES = 1;

export interface MatchContext {
  /** The article's title: read for a topic's query, and as the headline unless `headline` says otherwise. */
  title?: string;
  /**
   * The article's own headline, when it differs from `title`: null for a title made from the
   * lead (a plain-text article has no headline of its own).
   */
  headline?: string | null;
  /**
   * The article is a short item (a headline and at most a line, its headline already its first
   * sentence): short names count without the article introducing the actor in full, as headlines
   * name people ("Trump to meet Kim").
   */
  shortNames?: boolean;
}

/** One place a mention can be: a prose sentence, or the headline when it is not one. */
interface Site {
  text: string;
  index: number;
  site: MentionSite;
  /** Position among the article's prose sentences (the headline is 0 when it is its own site). */
  order: number;
  /** The sentence's words, tagged once; a headline's names (`keep`) stay capitalised for the tagger. */
  words: (keep?: readonly { start: number; end: number }[]) => Word[];
  /** Its trigger spans by event, found once: the topics of one event type share them. */
  triggers: Map<CompiledEvent, TokenSpan[]>;
}

const WORD = /[\p{L}][\p{L}\p{M}'’.-]*/gu;

/**
 * A Title Case headline ("Biden Plans To Meet China's Xi") in sentence case for the tagger, which
 * otherwise reads every capitalised word as a name: each word lowered but the actors' names
 * (`keep`, character ranges), the first word and acronyms. Same length, so offsets hold.
 */
const sentenceCase = (text: string, keep: readonly { start: number; end: number }[]): string => {
  const words = [...text.matchAll(WORD)];
  const capitalised = words.filter((m) => /^\p{Lu}/u.test(m[0])).length;
  if (!inTitleCase(words.length, capitalised)) return text;
  let out = '';
  let at = 0;
  words.forEach((m, i) => {
    const start = m.index;
    const kept =
      i === 0 ||
      /^\p{Lu}[\p{Lu}.]+$/u.test(m[0]) ||
      keep.some((k) => k.start < start + m[0].length && start < k.end);
    out += text.slice(at, start) + (kept ? m[0] : m[0].charAt(0).toLowerCase() + m[0].slice(1));
    at = start + m[0].length;
  });
  return out + text.slice(at);
};

/** A section label before a headline ("Live Updates:", "OPINION:", "Photos:"): up to three words. */
const LABEL = /^\s*(?:[\p{L}]+\s+){0,2}[\p{L}]+\s*:\s+/u;

/**
 * A headline with its section label blanked out (same length, so offsets hold): the label is the
 * page's, not the sentence's, and the parser would take it for the subject. A label that names an
 * actor ("Trump Putin: Russian leader attacks critics") is kept.
 */
const withoutLabel = (text: string, keep: readonly { start: number; end: number }[]): string => {
  const label = LABEL.exec(text);
  if (!label || keep.some((k) => k.start < label[0].length)) return text;
  return ' '.repeat(label[0].length) + text.slice(label[0].length);
};

const lazyWords = (
  text: string,
  sentence?: Sentence,
  headline = false,
): ((keep?: readonly { start: number; end: number }[]) => Word[]) => {
  let words: Word[] | undefined;
  return (keep = []) => {
    if (!words) {
      const tokens = sentence && !headline ? tokensOf(sentence) : undefined;
      if (tokens?.[0]) words = wordsOfTokens(text, tokens, tokens[0].start);
      else {
        const tagged = withoutLabel(sentenceCase(text, keep), keep);
        // Tagged in sentence case, read as written.
        words = wordsOfTokens(tagged, tokenise(tagged).tokens).map((w) => ({
          ...w,
          text: text.slice(w.start, w.end),
        }));
      }
    }
    return words;
  };
};

/**
 * The headline (its own site unless it is already the first sentence), the lede, the body. The
 * lede is the first sentence of the text that is not the headline again; LEDE_SENTENCES of them.
 */
const sitesOf = (prose: readonly Sentence[], title: string | undefined): Site[] => {
  const headline = title !== undefined && title.trim() !== '' ? comparableText(title) : null;
  const sites: Site[] = [];
  const first = prose[0];
  const headlineIsFirst = headline !== null && first !== undefined && comparableText(first.text) === headline;
  if (title !== undefined && headline !== null && !headlineIsFirst)
    sites.push({
      text: title,
      index: -1,
      site: 'headline',
      order: 0,
      words: lazyWords(title),
      triggers: new Map(),
    });
  let lede = 0;
  prose.forEach((sentence, position) => {
    const repeatsHeadline = headline !== null && comparableText(sentence.text) === headline;
    const site: MentionSite =
      position === 0 && headlineIsFirst
        ? 'headline'
        : !repeatsHeadline && lede < LEDE_SENTENCES
          ? 'lede'
          : 'body';
    if (site === 'lede') lede += 1;
    sites.push({
      text: sentence.text,
      index: sentence.index,
      site,
      order: position + 1,
      words: lazyWords(sentence.text, sentence, site === 'headline'),
      triggers: new Map(),
    });
  });
  return sites;
};

interface Mention extends CertaintyJudgement {
  site: Site;
  /** The mention is background to the sentence's own news ("ahead of their summit"). */
  background: boolean;
  participants: number[];
  trigger: string;
}

/** The word indices a name covers. */
const wordsOfName = (words: readonly Word[], name: NameMention): number[] => {
  const indices: number[] = [];
  words.forEach((w, i) => {
    if (w.start < name.end && name.start < w.end) indices.push(i);
  });
  return indices;
};

/**
 * The event mentions of one topic in one sentence: each trigger whose participants are every
 * actor, or that refers back to the event once an earlier sentence established it ("The meeting
 * lasted fifty minutes", "the two leaders met").
 */
const mentionsIn = (
  compiled: CompiledTopic,
  site: Site,
  names: NameMention[],
  established: boolean,
  articleYear: number | undefined,
): Mention[] => {
  const words = site.words(names);
  const actorCount = compiled.actors.length;
  // One mention a sentence: the one it is about, its first that is not background to other news.
  // Certainty is judged for that one only, and at most MAX_TRIGGERS are looked at: a sentence of
  // nothing but "Trump met Kim and …" costs what one of a few triggers does.
  let fallback: Mention | undefined;
  // A sentence that does not name every actor can only refer back to the event ("The meeting
  // lasted an hour"): found from the words alone, before any parsing.
  const namesEveryActor = new Set(names.map((n) => n.actor)).size === actorCount;
  let triggers = site.triggers.get(compiled.event);
  if (!triggers) {
    triggers = findTriggers(compiled.event, site.text, words).slice(0, MAX_TRIGGERS);
    site.triggers.set(compiled.event, triggers);
  }
  for (const span of triggers) {
    if (!namesEveryActor && !(established && referenceKind(words, span) !== null)) continue;
    const participants = participantsOf(
      words,
      span,
      names.flatMap((name) => {
        const at = wordsOfName(words, name);
        return at.length > 1 ? [{ start: at[0] as number, end: (at[at.length - 1] as number) + 1 }] : [];
      }),
    );
    const taking = new Set<number>();
    for (const name of names) {
      const at = wordsOfName(words, name);
      if (at.some((i) => participants.has(i) || (i >= span.start && i < span.end))) taking.add(name.actor);
    }
    const reference = taking.size < actorCount && established ? referenceKind(words, span) : null;
    if (taking.size < actorCount && reference === null) continue;
    const background = backgroundOf(words, span);
    // "Asian shares fall ahead of the Biden–Xi meeting" is about shares; "Xi arrives ahead of his
    // summit with Biden" is about the summit: an actor leads the sentence.
    const cueStart = background ? (words[background.at]?.start ?? 0) : 0;
    const actorLeads = names.some((n) => n.start < cueStart);
    const isBackground = background !== null && !actorLeads;
    if (isBackground && fallback) continue;
    const judged = formerly(
      site.text,
      names,
      classifyMentionAt(site.text, words, span as TokenSpan, articleYear),
    );
    const judgement = site.site === 'body' ? judged : readAsNews(words, span, judged);
    const mention: Mention = {
      site,
      background: isBackground,
      participants: [...taking].sort((x, y) => x - y),
      trigger: reference ?? site.text.slice(words[span.start]?.start ?? 0, words[span.end - 1]?.end ?? 0),
      ...(background && actorLeads ? placedBy(background, judgement) : judgement),
    };
    if (!isBackground) return [mention];
    fallback = mention;
  }
  return fallback ? [fallback] : [];
};

/**
 * "former President Trump's Helsinki summit": an event a participant held in a role they have left
 * lies before the news, whatever its grammar.
 */
const formerly = (
  text: string,
  names: readonly NameMention[],
  judgement: CertaintyJudgement,
): CertaintyJudgement => {
  if (judgement.certainty !== 'confirmed') return judgement;
  const former = names.find((n) =>
    /\b(?:former|ex-)\s*$/i.test(text.slice(Math.max(0, n.start - 8), n.start)),
  );
  return former ? { ...judgement, certainty: 'past', cues: ['former'] } : judgement;
};

/** Which sites decide the story: what the article reports, else what it mentions. */
const decide = (
  mentions: Mention[],
  headlineLookAlike: boolean,
  /** The headline or lede names every actor: the article is about them. */
  aboutActors: boolean,
): { reported: boolean; certainty: Certainty; deciding: Mention[] } => {
  const headline = mentions.filter((m) => m.site.site === 'headline' && !m.background);
  // A headline about a look-alike ("Biden and Xi to meet virtually") is what its lede is about.
  const lede = headlineLookAlike ? [] : mentions.filter((m) => m.site.site === 'lede' && !m.background);
  // The headline is the news as the outlet tells it; the lede decides when the headline is silent.
  const reportedMentions = headline.length > 0 ? headline : lede;
  if (reportedMentions.length > 0) {
    const certainty = storyCertainty(reportedMentions.map((m) => m.certainty));
    return { reported: true, certainty, deciding: reportedMentions };
  }
  // A headline about the actors that names no event ("Xi tells Biden Taiwan is the most dangerous
  // issue") is about the event its opening paragraphs describe.
  const opening =
    aboutActors && !headlineLookAlike
      ? mentions.find((m) => m.site.site === 'body' && !m.background && m.site.order <= OPENING_SENTENCES)
      : undefined;
  if (opening) return { reported: true, certainty: opening.certainty, deciding: [opening] };
  return { reported: false, certainty: storyCertainty(mentions.map((m) => m.certainty)), deciding: mentions };
};

/**
 * Event-level matching: a topic matches an article when a sentence (headline included) names an
 * event of the topic's type in which every actor takes part. The headline and lede decide what
 * the article reports and its certainty; body mentions are context, recorded but never alerting.
 * A topic with a query matches only if, in addition, the title and prose satisfy the query.
 *
 * Only the topics the index finds for the article's words are evaluated (see topic-index.ts), so
 * a thousand topics cost little more than the few an article can match; the result is the one
 * evaluating every topic gives (matchTopicsLinearly), in the same order.
 */
/**
 * Below this many topics the index's fixed cost (the article's words, once) outweighs trying each
 * topic's actors on the text: a short list is scanned. Either way gives the same matches.
 */
const INDEX_FROM_TOPICS = 16;

export const matchTopics = (
  sentences: Sentence[],
  topics: readonly CompiledTopic[],
  publishedAt: string | null,
  context: MatchContext = {},
): TopicMatch[] =>
  matchAmong(sentences, topics, publishedAt, context, (wholeText) =>
    topics.length < INDEX_FROM_TOPICS
      ? topics
      : candidateTopics(indexOf(topics), articleWords(wholeText), context.shortNames === true).map(
          (position) => topics[position] as CompiledTopic,
        ),
  );

/**
 * matchTopics evaluating every topic, the index unused: the reference the index must agree with
 * (test/unit/.../topic-index.test.ts) and the bench's baseline (test/bench/topic-scaling.ts).
 */
export const matchTopicsLinearly = (
  sentences: Sentence[],
  topics: readonly CompiledTopic[],
  publishedAt: string | null,
  context: MatchContext = {},
): TopicMatch[] => matchAmong(sentences, topics, publishedAt, context, () => topics);

const matchAmong = (
  sentences: Sentence[],
  topics: readonly CompiledTopic[],
  publishedAt: string | null,
  context: MatchContext,
  /** The topics to evaluate, in list order, from the text the sites make up. */
  candidatesOf: (wholeText: string) => readonly CompiledTopic[],
): TopicMatch[] => {
  // Photo captions, headings, bylines and datelines describe the page, not the news. Quotes stay:
  // "I will meet him next month" is evidence.
  const prose = sentences.filter((s) => s.role === 'body' || s.role === 'quote');
  const sites = sitesOf(
    prose,
    context.headline === undefined ? context.title : (context.headline ?? undefined),
  );
  const articleYear = publishedAt ? Number(publishedAt.slice(0, 4)) : undefined;
  const article = {
    headline: sites[0]?.site === 'headline' ? sites[0].text : null,
    sentences: sites.filter((s) => s.site !== 'headline').map((s) => s.text),
  };
  const wholeText = sites.map((site) => site.text).join('\n');
  const matches: TopicMatch[] = [];
  // A query reads the same text as the event matching (the prose, never captions) plus the title;
  // tokenised at most once per article, and only if some topic has a query.
  let queryText: QueryTokens | undefined;
  const satisfies = (query: TopicQuery) => {
    queryText ??= tokeniseForQuery([...(context.title ? [context.title] : []), ...prose.map((s) => s.text)]);
    return evaluateTopicQuery(query, queryText);
  };

  // What depends on the event alone, not the actors, is read once per article per event: topics
  // of one type share their compiled event (compileEventOf), so a thousand meeting topics test
  // the meeting vocabulary on the text once, not a thousand times.
  const eventSites = new Map<CompiledEvent, Site[] | null>();
  const candidateSites = (event: CompiledEvent): Site[] | null => {
    let found = eventSites.get(event);
    if (found === undefined) {
      // Body mentions are context: the first MAX_BODY_CANDIDATES that may name the event are
      // enough for evidence, and bound the parsing a long document full of them costs.
      let body = 0;
      found = mayNameEvent(event, wholeText)
        ? sites.filter(
            (site) =>
              mayNameEvent(event, site.text) && (site.site !== 'body' || (body += 1) <= MAX_BODY_CANDIDATES),
          )
        : null;
      eventSites.set(event, found);
    }
    return found;
  };
  const position = new Map(sites.map((site, index) => [site, index]));
  const headlineSite = sites.find((site) => site.site === 'headline');
  const ledeSite = sites.find((site) => site.site === 'lede');
  const headlineLookAlike = new Map<CompiledEvent, boolean>();
  const looksAlikeOnly = (event: CompiledEvent) => {
    let lookAlike = headlineLookAlike.get(event);
    if (lookAlike === undefined) {
      lookAlike = headlineSite !== undefined && namesLookAlikeOnly(event, headlineSite.text);
      headlineLookAlike.set(event, lookAlike);
    }
    return lookAlike;
  };

  // Likewise what depends on one actor alone: topics share compiled actors (compileActorOf).
  const actorNamed = new Map<CompiledActor, boolean>();
  const mayName = (actor: CompiledActor) => {
    let named = actorNamed.get(actor);
    if (named === undefined) {
      named = mayNameActor(actor, wholeText);
      actorNamed.set(actor, named);
    }
    return named;
  };
  const actorReadings = new Map<CompiledActor, ActorReading>();
  const reading = (actor: CompiledActor) => {
    let read = actorReadings.get(actor);
    if (read === undefined) {
      read = readActor(actor, article, context.shortNames === true);
      actorReadings.set(actor, read);
    }
    return read;
  };

  for (const compiled of candidatesOf(wholeText)) {
    const { topic, actors, event, query } = compiled;
    // Cheapest first, on the whole text at once: most articles name no actor of most topics.
    if (!actors.every(mayName)) continue;
    const candidates = candidateSites(event);
    if (candidates === null || candidates.length === 0) continue;
    const readings = actors.map(reading);
    const mentions: Mention[] = [];
    // Who each site names, for the group references of the next ("the two leaders").
    const namedIn = new Map<Site, Set<number>>();
    const named = (site: Site | undefined) => {
      if (!site) return new Set<number>();
      let actorsNamed = namedIn.get(site);
      if (!actorsNamed) {
        actorsNamed = new Set(findNames(actors, readings, site.text).map((n) => n.actor));
        namedIn.set(site, actorsNamed);
      }
      return actorsNamed;
    };
    for (const site of candidates) {
      // Past the opening, body mentions only add evidence: enough once there are MAX_EVIDENCE.
      if (site.site === 'body' && site.order > OPENING_SENTENCES && mentions.length >= MAX_EVIDENCE) break;
      const before = named(sites[(position.get(site) ?? 0) - 1]);
      const names = findNames(actors, readings, site.text, compiled.pair, before);
      // An event noun refers back to an event established before, or to the actors the sentence
      // before named together: "Biden and Xi seek to set terms. Their first meeting will show …".
      const established = mentions.length > 0 || (actors.length > 1 && actors.every((_, i) => before.has(i)));
      if (names.length === 0 && !established) continue;
      mentions.push(...mentionsIn(compiled, site, names, established, articleYear));
    }
    // Checked after the event: the query narrows a topic, it never makes a match on its own.
    if (mentions.length === 0 || (query && !satisfies(query))) continue;

    const namesAll = (site: Site | undefined) => actors.every((_, i) => named(site).has(i));
    const { reported, certainty, deciding } = decide(
      mentions,
      looksAlikeOnly(event),
      actors.length > 1 && (namesAll(headlineSite) || namesAll(ledeSite)),
    );
    // Evidence leads with the mentions that decided, those of the story's certainty and with
    // explicit cues first; then the rest; each group in article order.
    const rank = (m: Mention) =>
      (deciding.includes(m) ? 0 : 4) + (m.certainty === certainty ? 0 : 2) + (m.cues.length > 0 ? 0 : 1);
    const ordered = mentions
      .map((m, position) => ({ m, position }))
      .sort((a, b) => rank(a.m) - rank(b.m) || a.position - b.position)
      .map(({ m }) => m)
      .slice(0, MAX_EVIDENCE);
    matches.push({
      topicId: topic.id,
      topicName: topic.name,
      certainty,
      alerts: reported && meetsMinimum(certainty, topic.minimumCertainty),
      reported,
      evidence: ordered.map((m) => ({
        sentence: m.site.text,
        index: m.site.index,
        certainty: m.certainty,
        cues: m.cues,
        site: m.site.site,
        participants: m.participants.map((i) => actors[i]?.name ?? ''),
        trigger: m.trigger,
      })),
      delivery: topic.delivery,
    });
  }
  return matches;
};
