import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createProcessArticleChange,
  type ArticleChange,
  type ProcessArticleChange,
} from '../../../../functions/alert/process-article-change';
import { MalformedEventError, toArticleChange } from '../../../../functions/alert/stream-record';
import type { Certainty } from '../../../../functions/contracts/vocabulary';
import { streamRecord, type StreamRecordInput } from '../../../support/dynamodb-stream-event-factory';
import {
  analysedArticleImage,
  plainTextArticle,
  SPECULATIVE_SUMMIT,
} from '../../../support/article-factories';
import {
  InMemoryAlertPublisher,
  InMemoryDigestLedger,
  InMemoryMatchRepository,
  InMemoryStoryLedger,
  recordingLogger,
} from '../../../support/in-memory/in-memory-ports';

const TOPIC = 'trump-kim-summit';
const STORY = 'trump-kim-summit#2025-11';
const NOW = new Date('2025-11-02T10:00:00.000Z');

const SUMMIT = SPECULATIVE_SUMMIT;
const UNRELATED = plainTextArticle({
  date: '2025-11-02',
  paragraphs: ['The city council approved a new tram line on Monday. Work starts in spring.'],
});

/** The Article item of SUMMIT as ingest writes it, with its one match (speculative, alerts). */
let summit: Record<string, unknown>;
let unrelated: Record<string, unknown>;

let ledger: InMemoryStoryLedger;
let publisher: InMemoryAlertPublisher;
let matches: InMemoryMatchRepository;
let digests: InMemoryDigestLedger;
let clock: Date;
let processChange: ProcessArticleChange;

/** The same story reported by another article, its matches changed as a test says. */
const report = (
  key: string,
  match: {
    certainty?: Certainty;
    alerts?: boolean;
    reported?: boolean;
    delivery?: 'instant' | 'digest';
  } = {},
  image: Record<string, unknown> = summit,
): Record<string, unknown> => ({
  ...image,
  key,
  contentHash: key.padEnd(64, '#'),
  matches: (image.matches as Record<string, unknown>[]).map((m) => ({ ...m, ...match })),
});

/** A change as the alert function's edge decodes it from a stream record with these images. */
const change = (input: StreamRecordInput): ArticleChange => toArticleChange(streamRecord(input));
const inserted = (newImage: Record<string, unknown>): ArticleChange =>
  change({ eventName: 'INSERT', newImage });

beforeAll(async () => {
  summit = await analysedArticleImage(SUMMIT);
  unrelated = await analysedArticleImage(UNRELATED);
});

beforeEach(() => {
  ledger = new InMemoryStoryLedger();
  publisher = new InMemoryAlertPublisher();
  matches = new InMemoryMatchRepository();
  digests = new InMemoryDigestLedger();
  clock = NOW;
  processChange = createProcessArticleChange({
    ledger,
    publisher,
    matches,
    digests,
    logger: recordingLogger(),
    now: () => clock,
  });
});

describe('process article change: a new story', () => {
  it('the article item under test matches one topic, speculatively, in November', () => {
    expect(summit.storyId).toBe('2025-11');
    expect(summit.matches).toEqual([
      expect.objectContaining({
        topicId: TOPIC,
        certainty: 'speculative',
        alerts: true,
        delivery: 'instant',
      }),
    ]);
  });

  it('reads each evidence sentence back from the stream with its site, participants and trigger', () => {
    const decoded = inserted(summit);
    const stored = (summit.matches as { evidence: unknown[] }[])[0]?.evidence;
    expect(stored?.[0]).toEqual(
      expect.objectContaining({
        site: expect.any(String),
        participants: expect.any(Array),
        trigger: expect.any(String),
      }),
    );
    expect(decoded.eventName !== 'REMOVE' && decoded.article.matches[0]?.evidence).toEqual(stored);
  });

  it('claims the story, publishes one alert and records the match with its message id', async () => {
    const outcome = await processChange(inserted(summit));

    expect(outcome).toEqual({
      status: 'processed',
      matches: summit.matches,
      sent: [TOPIC],
      duplicates: [],
      belowMinimum: [],
      queued: [],
    });
    expect(publisher.messages).toHaveLength(1);
    const [message] = publisher.messages;
    expect(message?.attributes).toEqual({
      topic: TOPIC,
      certainty: 'speculative',
      articleKey: 'articles/summit.txt',
      storyId: STORY,
      change: 'new',
    });
    expect(message?.body).toContain('Donald Trump [could] meet Kim Jong Un');
    expect(ledger.story(TOPIC, '2025-11')).toMatchObject({
      certainty: 'speculative',
      status: 'sent',
      messageId: 'message-1',
      alertCount: 1,
      articleKey: 'articles/summit.txt',
    });
    expect(matches.match('articles/summit.txt', TOPIC)).toMatchObject({
      storyId: STORY,
      certainty: 'speculative',
      outcome: 'sent',
      delivery: 'instant',
      messageId: 'message-1',
      matchedAt: NOW.toISOString(),
      summaryLine: summit.summaryLine,
      publishedAt: '2025-11-02',
    });
  });

  it('processes a modification that changed the content like a new article', async () => {
    const outcome = await processChange(
      change({
        eventName: 'MODIFY',
        newImage: summit,
        oldImage: { ...summit, contentHash: 'f'.repeat(64) },
      }),
    );

    expect(outcome).toMatchObject({ status: 'processed', sent: [TOPIC] });
    expect(publisher.messages).toHaveLength(1);
  });

  it('records a feed entry’s match under its entry', async () => {
    await processChange(inserted({ ...summit, key: 'articles/wire.xml', entryId: 'wire-2' }));

    expect(matches.match('articles/wire.xml', TOPIC, 'wire-2')).toMatchObject({ entryId: 'wire-2' });
    expect(matches.match('articles/wire.xml', TOPIC)).toBeUndefined();
  });
});

describe('process article change: once per story', () => {
  it('records the match as sent when the record is retried after its alert went out', async () => {
    // The first try published and marked the story sent, then failed to record the match.
    matches.failNext(new Error('throttled'));
    await expect(processChange(inserted(summit))).rejects.toThrow('throttled');
    expect(publisher.messages).toHaveLength(1);

    const retried = await processChange(inserted(summit));

    expect(retried).toMatchObject({ sent: [], duplicates: [TOPIC] });
    expect(publisher.messages).toHaveLength(1);
    expect(matches.match('articles/summit.txt', TOPIC)).toMatchObject({
      outcome: 'sent',
      messageId: 'message-1',
    });
  });

  it('records a digest match as queued when the record is retried after it was queued', async () => {
    // The first try queued the match and marked the story, then lost the response of the mark.
    const digest = report('articles/summit.txt', { delivery: 'digest' });
    await processChange(inserted(digest));

    const retried = await processChange(inserted(digest));

    expect(retried).toMatchObject({ queued: [], duplicates: [TOPIC] });
    expect(digests.queued(TOPIC)).toHaveLength(1);
    expect(matches.match('articles/summit.txt', TOPIC)).toMatchObject({ outcome: 'digest' });
    expect(matches.match('articles/summit.txt', TOPIC)?.messageId).toBeUndefined();
  });

  it('sends nothing for a redelivered record, and its match stays the sent one', async () => {
    await processChange(inserted(summit));

    const again = await processChange(inserted(summit));

    expect(again).toMatchObject({ status: 'processed', sent: [], duplicates: [TOPIC] });
    expect(publisher.messages).toHaveLength(1);
    // What subscribers were told is the record: a retry never turns it into a duplicate.
    expect(matches.match('articles/summit.txt', TOPIC)).toMatchObject({
      outcome: 'sent',
      messageId: 'message-1',
    });
    expect(ledger.story(TOPIC, '2025-11')).toMatchObject({ alertCount: 1, messageId: 'message-1' });
  });

  it.each(['speculative', 'conditional'] as const)(
    'suppresses another outlet’s report of the story at the same level (%s)',
    async (certainty) => {
      await processChange(inserted(summit));

      const other = await processChange(inserted(report('articles/other.txt', { certainty })));

      expect(other).toMatchObject({ sent: [], duplicates: [TOPIC] });
      expect(publisher.messages).toHaveLength(1);
      expect(matches.match('articles/other.txt', TOPIC)).toMatchObject({
        outcome: 'duplicate',
        storyId: STORY,
      });
    },
  );

  it('alerts again when the story escalates, saying what it was, and not when it steps down', async () => {
    await processChange(inserted(summit));

    const planned = await processChange(inserted(report('articles/planned.txt', { certainty: 'planned' })));
    const confirmed = await processChange(
      inserted(report('articles/confirmed.txt', { certainty: 'confirmed' })),
    );
    const backDown = await processChange(inserted(report('articles/rumour.txt', { certainty: 'planned' })));

    expect([planned.status, confirmed.status, backDown.status]).toEqual([
      'processed',
      'processed',
      'processed',
    ]);
    expect(planned).toMatchObject({ sent: [TOPIC] });
    expect(confirmed).toMatchObject({ sent: [TOPIC] });
    expect(backDown).toMatchObject({ sent: [], duplicates: [TOPIC] });
    expect(publisher.messages.map((m) => [m.attributes.certainty, m.attributes.change])).toEqual([
      ['speculative', 'new'],
      ['planned', 'escalated'],
      ['confirmed', 'escalated'],
    ]);
    expect(publisher.messages[1]?.subject).toContain('now planned, was speculative');
    expect(ledger.story(TOPIC, '2025-11')).toMatchObject({
      certainty: 'confirmed',
      alertCount: 3,
      messageId: 'message-3',
    });
  });

  it('alerts on a denial and on the story coming back after it, once each', async () => {
    await processChange(inserted(report('articles/confirmed.txt', { certainty: 'confirmed' })));

    const denied = await processChange(inserted(report('articles/off.txt', { certainty: 'denied' })));
    const deniedAgain = await processChange(
      inserted(report('articles/still-off.txt', { certainty: 'denied' })),
    );
    const revived = await processChange(
      inserted(report('articles/on-again.txt', { certainty: 'speculative' })),
    );

    expect(denied).toMatchObject({ sent: [TOPIC] });
    expect(deniedAgain).toMatchObject({ sent: [], duplicates: [TOPIC] });
    expect(revived).toMatchObject({ sent: [TOPIC] });
    expect(publisher.messages.map((m) => [m.attributes.certainty, m.attributes.change])).toEqual([
      ['confirmed', 'new'],
      ['denied', 'flipped'],
      ['speculative', 'flipped'],
    ]);
    expect(publisher.messages[1]?.body).toContain('Certainty: denied (was confirmed)');
  });

  it('takes over a claim whose holder crashed before publishing, once the lease is over', async () => {
    const crashed = await ledger.claim(
      {
        topicId: TOPIC,
        story: { period: '2025-11' },
        certainty: 'speculative',
        level: 1,
        articleKey: 'articles/crashed.txt',
        contentHash: 'c'.repeat(64),
        claimedAt: NOW.toISOString(),
      },
      300,
    );
    expect(crashed).not.toBeNull();

    clock = new Date(NOW.getTime() + 60_000);
    expect(await processChange(inserted(summit))).toMatchObject({ sent: [], duplicates: [TOPIC] });

    clock = new Date(NOW.getTime() + 600_000);
    expect(await processChange(inserted(summit))).toMatchObject({ sent: [TOPIC] });
    // Nobody heard of the story: it is still news to subscribers.
    expect(publisher.messages.map((m) => m.attributes.change)).toEqual(['new']);
  });
});

describe('process article change: below the minimum and digests', () => {
  it('records a match below its topic’s minimum without claiming the story or sending', async () => {
    const outcome = await processChange(inserted(report('articles/summit.txt', { alerts: false })));

    expect(outcome).toMatchObject({ sent: [], duplicates: [], belowMinimum: [TOPIC], queued: [] });
    expect(publisher.messages).toEqual([]);
    expect(ledger.story(TOPIC, '2025-11')).toBeUndefined();
    expect(matches.match('articles/summit.txt', TOPIC)?.outcome).toBe('below-minimum');
    // The story stays unclaimed: the first report that reaches the minimum alerts.
    expect(await processChange(inserted(summit))).toMatchObject({ sent: [TOPIC] });
  });

  it('records a side mention as such, never claiming, escalating or sending, whatever its certainty', async () => {
    // A confirmed meeting in an article about something else ("… after Trump met Kim last week").
    const outcome = await processChange(
      inserted(report('articles/sanctions.txt', { certainty: 'confirmed', alerts: false, reported: false })),
    );

    expect(outcome).toMatchObject({ sent: [], duplicates: [], queued: [] });
    expect(publisher.messages).toEqual([]);
    expect(ledger.story(TOPIC, '2025-11')).toBeUndefined();
    expect(matches.match('articles/sanctions.txt', TOPIC)?.outcome).toBe('side-mention');
    // An item stored before side mentions were told apart reads as reported, as it alerted then.
    expect(await processChange(inserted(report('articles/summit.txt')))).toMatchObject({ sent: [TOPIC] });
  });

  it('queues a digest-mode match for the daily digest instead of sending it, claiming the story', async () => {
    const outcome = await processChange(inserted(report('articles/summit.txt', { delivery: 'digest' })));

    expect(outcome).toMatchObject({ sent: [], queued: [TOPIC] });
    expect(publisher.messages).toEqual([]);
    expect(digests.queued(TOPIC)).toEqual([
      expect.objectContaining({
        articleKey: 'articles/summit.txt',
        storyId: STORY,
        outcome: 'digest',
        delivery: 'digest',
        matchedAt: NOW.toISOString(),
      }),
    ]);
    expect(matches.match('articles/summit.txt', TOPIC)?.outcome).toBe('digest');
    expect(ledger.story(TOPIC, '2025-11')).toMatchObject({
      status: 'sent',
      messageId: `digest:${NOW.toISOString()}`,
    });
  });

  it('queues a digest story once, and again when its certainty climbs', async () => {
    await processChange(inserted(report('articles/a.txt', { delivery: 'digest' })));
    clock = new Date(NOW.getTime() + 1000);
    const duplicate = await processChange(inserted(report('articles/b.txt', { delivery: 'digest' })));
    clock = new Date(NOW.getTime() + 2000);
    const climbed = await processChange(
      inserted(report('articles/c.txt', { delivery: 'digest', certainty: 'planned' })),
    );

    expect(duplicate).toMatchObject({ queued: [], duplicates: [TOPIC] });
    expect(climbed).toMatchObject({ queued: [TOPIC] });
    expect(digests.queued(TOPIC).map((m) => [m.articleKey, m.certainty])).toEqual([
      ['articles/a.txt', 'speculative'],
      ['articles/c.txt', 'planned'],
    ]);
  });
});

describe('process article change: failures', () => {
  it('gives the claim back when publishing fails, so the retried record sends the alert', async () => {
    publisher.failNext(new Error('SNS throttled'));

    await expect(processChange(inserted(summit))).rejects.toThrow('SNS throttled');
    expect(ledger.story(TOPIC, '2025-11')).toBeUndefined();
    expect(matches.all()).toEqual([]);

    expect(await processChange(inserted(summit))).toMatchObject({ sent: [TOPIC] });
    expect(publisher.messages).toHaveLength(1);
  });

  it('restores the story as it was when publishing an escalation fails', async () => {
    await processChange(inserted(summit));
    publisher.failNext(new Error('SNS throttled'));

    await expect(
      processChange(inserted(report('articles/planned.txt', { certainty: 'planned' }))),
    ).rejects.toThrow('SNS throttled');

    expect(ledger.story(TOPIC, '2025-11')).toMatchObject({
      certainty: 'speculative',
      status: 'sent',
      alertCount: 1,
    });
    expect(
      await processChange(inserted(report('articles/planned.txt', { certainty: 'planned' }))),
    ).toMatchObject({
      sent: [TOPIC],
    });
  });

  it('gives the claim back when queuing a digest match fails', async () => {
    digests.failNext(new Error('DynamoDB throttled'));
    const digest = report('articles/summit.txt', { delivery: 'digest' });

    await expect(processChange(inserted(digest))).rejects.toThrow('DynamoDB throttled');
    expect(ledger.story(TOPIC, '2025-11')).toBeUndefined();

    expect(await processChange(inserted(digest))).toMatchObject({ queued: [TOPIC] });
    expect(digests.queued(TOPIC)).toHaveLength(1);
  });

  it('never sees a record with no new image, or a stored match it cannot read: the edge refuses them', async () => {
    expect(() => change({ eventName: 'INSERT' })).toThrow(MalformedEventError);
    expect(() => inserted({ pk: 'x', sk: 'y', type: 'Article' })).toThrow(MalformedEventError);
    expect(() => inserted({ ...summit, matches: [{ topicId: TOPIC }] })).toThrow(MalformedEventError);
    expect(publisher.messages).toEqual([]);
    expect(matches.all()).toEqual([]);
  });
});

describe('process article change: ignored', () => {
  it('ignores the removal of an article', async () => {
    expect(await processChange(change({ eventName: 'REMOVE', oldImage: summit }))).toEqual({
      status: 'ignored',
      reason: 'article removed',
    });
    expect(matches.all()).toEqual([]);
  });

  it('ignores a modification that did not change the content', async () => {
    const outcome = await processChange(
      change({
        eventName: 'MODIFY',
        newImage: summit,
        oldImage: { ...summit, ingestedAt: 'earlier' },
      }),
    );

    expect(outcome).toEqual({ status: 'ignored', reason: 'content unchanged' });
    expect(publisher.messages).toEqual([]);
  });

  it('does nothing for an article that matches no topic', async () => {
    expect(unrelated.matches).toEqual([]);

    const outcome = await processChange(inserted(unrelated));

    expect(outcome).toEqual({
      status: 'processed',
      matches: [],
      sent: [],
      duplicates: [],
      belowMinimum: [],
      queued: [],
    });
    expect(matches.all()).toEqual([]);
    expect(publisher.messages).toEqual([]);
  });
});
