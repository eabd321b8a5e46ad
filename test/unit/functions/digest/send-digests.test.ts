import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTopicSource } from '../../../../functions/adapters/cached-topic-source';
import { createSendDigests, DigestFailedError } from '../../../../functions/digest/send-digests';
import type { Topic } from '../../../../functions/domain/topics/topic-schema';
import { seedTopics } from '../../../support/article-factories';
import {
  InMemoryAlertPublisher,
  InMemoryDigestLedger,
  InMemoryTopicStore,
  recordingLogger,
} from '../../../support/in-memory/in-memory-ports';
import { matchRecord } from '../../../support/match-factories';

/** A digest-mode topic added at run time (matchRecord's topic); seeds/topics.json ships fed-rate-decision. */
const RATE_DECISION = {
  id: 'rate-decision',
  name: 'Central bank rate decision',
  actors: [{ name: 'Central Bank' }],
  event: { type: 'decision', triggers: ['cut'] },
  delivery: 'digest',
};
const SEED_DIGEST_TOPIC = 'fed-rate-decision';
const DAY = '2025-11-02';
const NOW = new Date(`${DAY}T18:00:00.000Z`);

let defaults: Topic[];
let ledger: InMemoryDigestLedger;
let publisher: InMemoryAlertPublisher;
let clock: Date;
let sendDigests: ReturnType<typeof createSendDigests>;

beforeAll(async () => {
  defaults = await seedTopics();
});

beforeEach(async () => {
  const topics = new InMemoryTopicStore();
  await topics.put(RATE_DECISION.id, RATE_DECISION, NOW.toISOString());
  ledger = new InMemoryDigestLedger();
  publisher = new InMemoryAlertPublisher();
  clock = NOW;
  sendDigests = createSendDigests({
    topics: createTopicSource({ defaults, store: topics, logger: recordingLogger(), ttlSeconds: 0 }),
    ledger,
    publisher,
    logger: recordingLogger(),
    now: () => clock,
  });
});

describe('send digests', () => {
  it('the seed topics include a digest topic of their own and instant ones', () => {
    expect(defaults.find((topic) => topic.id === SEED_DIGEST_TOPIC)?.delivery).toBe('digest');
    expect(defaults.some((topic) => topic.delivery === 'instant')).toBe(true);
  });

  it('sends one digest of the day’s stories per topic with queued matches, and empties its queue', async () => {
    await ledger.addPending(matchRecord({ articleKey: 'articles/a.txt', matchedAt: `${DAY}T08:00:00.000Z` }));
    await ledger.addPending(matchRecord({ articleKey: 'articles/b.txt', matchedAt: `${DAY}T09:00:00.000Z` }));
    await ledger.addPending(
      matchRecord({
        articleKey: 'articles/c.txt',
        storyId: 'rate-decision#2025-12',
        certainty: 'planned',
        title: 'Bank sets December rate meeting',
        matchedAt: `${DAY}T10:00:00.000Z`,
      }),
    );

    const run = await sendDigests();

    expect(run).toEqual({
      day: DAY,
      sent: [{ topicId: 'rate-decision', stories: 2, matches: 3, messageId: 'message-1' }],
      // Instant topics are no digest's business.
      skipped: [{ topicId: SEED_DIGEST_TOPIC, reason: 'nothing-matched' }],
    });
    expect(publisher.messages).toHaveLength(1);
    const [digest] = publisher.messages;
    // The most certain story leads and sets the certainty subscribers filter on.
    expect(digest?.attributes).toEqual({
      topic: 'rate-decision',
      certainty: 'planned',
      kind: 'digest',
      day: DAY,
    });
    expect(digest?.body.indexOf('Bank sets December rate meeting')).toBeLessThan(
      digest?.body.indexOf('Bank may cut rates next week') ?? -1,
    );
    expect(digest?.subject).toContain('2 stories');
    expect(ledger.queued('rate-decision')).toEqual([]);
    expect(ledger.day('rate-decision', DAY)).toMatchObject({
      status: 'sent',
      messageId: 'message-1',
      matchCount: 3,
    });
  });

  it('sends a day’s digest once: a second run that day skips the topic', async () => {
    await ledger.addPending(matchRecord());
    await sendDigests();

    clock = new Date(`${DAY}T18:05:00.000Z`);
    const again = await sendDigests();

    expect(again.sent).toEqual([]);
    expect(again.skipped).toContainEqual({ topicId: 'rate-decision', reason: 'already-sent' });
    expect(publisher.messages).toHaveLength(1);
  });

  it('keeps a match queued after the day’s digest for the next day’s', async () => {
    await ledger.addPending(matchRecord({ matchedAt: `${DAY}T08:00:00.000Z` }));
    await sendDigests();
    const late = matchRecord({ articleKey: 'articles/late.txt', matchedAt: `${DAY}T19:00:00.000Z` });
    await ledger.addPending(late);

    clock = new Date(`${DAY}T20:00:00.000Z`);
    const sameDay = await sendDigests();
    expect(sameDay.skipped).toContainEqual({ topicId: 'rate-decision', reason: 'already-sent' });
    expect(ledger.queued('rate-decision')).toEqual([late]);

    clock = new Date('2025-11-03T18:00:00.000Z');
    const nextDay = await sendDigests();
    expect(nextDay).toMatchObject({
      day: '2025-11-03',
      sent: [{ topicId: 'rate-decision', stories: 1, matches: 1, messageId: 'message-2' }],
    });
    expect(publisher.messages[1]?.body).toContain('articles/late.txt');
    expect(ledger.queued('rate-decision')).toEqual([]);
  });

  it('leaves a match queued after the run started for the next run', async () => {
    const future = matchRecord({ matchedAt: `${DAY}T18:00:01.000Z` });
    await ledger.addPending(future);

    const run = await sendDigests();

    expect(run.sent).toEqual([]);
    expect(ledger.queued('rate-decision')).toEqual([future]);
  });

  it('sends nothing, and claims no day, when nothing matched', async () => {
    const run = await sendDigests();

    expect(run).toEqual({
      day: DAY,
      sent: [],
      skipped: [
        { topicId: SEED_DIGEST_TOPIC, reason: 'nothing-matched' },
        { topicId: 'rate-decision', reason: 'nothing-matched' },
      ],
    });
    expect(publisher.messages).toEqual([]);
    expect(ledger.day('rate-decision', DAY)).toBeUndefined();
  });

  it('runs only the topics it is asked for', async () => {
    await ledger.addPending(matchRecord());

    const run = await sendDigests({ topicIds: [SEED_DIGEST_TOPIC] });

    expect(run).toEqual({
      day: DAY,
      sent: [],
      skipped: [{ topicId: SEED_DIGEST_TOPIC, reason: 'nothing-matched' }],
    });
    expect(ledger.queued('rate-decision')).toHaveLength(1);
  });

  it('sends the other topics when one fails, gives the failed day back, and a retry sends only it', async () => {
    await ledger.addPending(
      matchRecord({ topicId: SEED_DIGEST_TOPIC, storyId: `${SEED_DIGEST_TOPIC}#2025-11` }),
    );
    await ledger.addPending(matchRecord());
    // Topics run in id order: fed-rate-decision first.
    publisher.failNext(new Error('SNS unavailable'));

    const failed = await sendDigests().catch((error: unknown) => error);

    expect(failed).toBeInstanceOf(DigestFailedError);
    expect((failed as DigestFailedError).failures).toEqual([
      { topicId: SEED_DIGEST_TOPIC, error: expect.objectContaining({ message: 'SNS unavailable' }) },
    ]);
    expect(ledger.day(SEED_DIGEST_TOPIC, DAY)).toBeUndefined();
    expect(ledger.queued(SEED_DIGEST_TOPIC)).toHaveLength(1);
    expect(ledger.day('rate-decision', DAY)?.status).toBe('sent');

    const retry = await sendDigests();

    expect(retry.sent.map((sent) => sent.topicId)).toEqual([SEED_DIGEST_TOPIC]);
    expect(retry.skipped).toEqual([{ topicId: 'rate-decision', reason: 'already-sent' }]);
    expect(publisher.messages.map((m) => m.attributes.topic)).toEqual(['rate-decision', SEED_DIGEST_TOPIC]);
  });
});
