import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDigestLedger } from '../../functions/adapters/dynamo-digest-ledger';
import { DynamoMatchRepository } from '../../functions/adapters/dynamo-match-repository';
import { DynamoTopicStore } from '../../functions/adapters/dynamo-topic-store';
import { SnsAlertPublisher } from '../../functions/adapters/sns-alert-publisher';
import { createSendDigests, DigestFailedError } from '../../functions/digest/send-digests';
import { parseTopics, type Topic } from '../../functions/domain/topics/topic-schema';
import type { AlertMessage, AlertPublisher } from '../../functions/ports/ports';
import { createTopicSource } from '../../functions/adapters/cached-topic-source';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { matchRecord } from '../support/match-factories';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

const silent = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

const topicDefinition = (id: string, delivery: 'instant' | 'digest') => ({
  id,
  name: `Topic ${id}`,
  actors: [{ name: 'Central Bank' }],
  event: { type: 'decision', triggers: ['cut', 'raise'] },
  delivery,
});

const [DIGEST_TOPIC, OTHER_DIGEST_TOPIC, INSTANT_TOPIC] = parseTopics({
  topics: [
    topicDefinition('rate-decision', 'digest'),
    topicDefinition('quiet-topic', 'digest'),
    topicDefinition('instant-topic', 'instant'),
  ],
}) as [Topic, Topic, Topic];

// Topics, matches and digests against DynamoDB Local and the local SNS endpoint: the conditional
// writes and key ranges are what make these correct, so DynamoDB itself evaluates them.
describe('topic store, match queries and digests (DynamoDB Local + local SNS)', () => {
  let stack: LocalStack;
  let topics: DynamoTopicStore;
  let matches: DynamoMatchRepository;
  let digests: DynamoDigestLedger;
  let sns: SnsAlertPublisher;

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
    topics = new DynamoTopicStore(stack.clients.dynamodb, stack.tableName);
    matches = new DynamoMatchRepository(stack.clients.dynamodb, stack.tableName);
    digests = new DynamoDigestLedger(stack.clients.dynamodb, stack.tableName);
    sns = new SnsAlertPublisher(new SNSClient({}), stack.topicArn);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  beforeEach(async () => {
    await stack.reset();
  });

  describe('topic store', () => {
    it('adds, overrides and removes topics at run time, on top of the defaults', async () => {
      const source = createTopicSource({
        defaults: [INSTANT_TOPIC],
        store: topics,
        logger: silent,
        ttlSeconds: 0,
      });
      expect((await source()).map((t) => t.id)).toEqual(['instant-topic']);

      await topics.put('rate-decision', topicDefinition('rate-decision', 'digest'), '2025-11-02T00:00:00Z');
      await topics.put(
        'instant-topic',
        { ...topicDefinition('instant-topic', 'instant'), name: 'Renamed' },
        'now',
      );
      const after = await source();
      expect(after.map((t) => [t.id, t.name, t.delivery])).toEqual([
        ['instant-topic', 'Renamed', 'instant'],
        ['rate-decision', 'Topic rate-decision', 'digest'],
      ]);

      await topics.remove('instant-topic', 'later');
      await topics.remove('rate-decision', 'later');
      expect(await source()).toEqual([]);
      expect(await topics.list()).toEqual([
        { id: 'instant-topic', removed: true },
        { id: 'rate-decision', removed: true },
      ]);
    });

    it('skips a stored definition that fails validation and reports it', async () => {
      const errors: unknown[] = [];
      await topics.put('broken', { id: 'broken', name: 'Broken', actors: [] }, 'now');
      await topics.put('rate-decision', topicDefinition('rate-decision', 'digest'), 'now');
      const source = createTopicSource({
        defaults: [],
        store: topics,
        logger: { ...silent, error: (_message: unknown, ...extra: unknown[]) => void errors.push(extra[0]) },
      });

      expect((await source()).map((t) => t.id)).toEqual(['rate-decision']);
      expect(errors).toMatchObject([{ topicId: 'broken' }]);
    });
  });

  describe('match queries', () => {
    it('lists a topic’s matches by day, newest first, within an inclusive range', async () => {
      for (const [key, day] of [
        ['articles/a.txt', '2025-10-30'],
        ['articles/b.txt', '2025-11-01'],
        ['articles/c.txt', '2025-11-02'],
        ['articles/d.txt', '2025-11-05'],
      ] as const) {
        await matches.saveMatch(matchRecord({ articleKey: key, publishedAt: day }));
      }
      await matches.saveMatch(matchRecord({ topicId: 'other', articleKey: 'articles/x.txt' }));

      const inRange = await matches.queryMatches({
        topicId: 'rate-decision',
        from: '2025-11-01',
        to: '2025-11-02',
      });
      expect(inRange.map((m) => m.articleKey)).toEqual(['articles/c.txt', 'articles/b.txt']);
      expect(inRange[0]).toEqual(matchRecord({ articleKey: 'articles/c.txt', publishedAt: '2025-11-02' }));

      const all = await matches.queryMatches({ topicId: 'rate-decision' });
      expect(all.map((m) => m.articleKey)).toEqual([
        'articles/d.txt',
        'articles/c.txt',
        'articles/b.txt',
        'articles/a.txt',
      ]);
      expect(await matches.queryMatches({ topicId: 'rate-decision', limit: 2 })).toHaveLength(2);
    });

    it('files an undated article under the day it matched, and a re-analysed article replaces its match', async () => {
      await matches.saveMatch(matchRecord({ publishedAt: null, matchedAt: '2025-11-03T10:00:00.000Z' }));
      await matches.saveMatch(
        matchRecord({ publishedAt: null, matchedAt: '2025-11-03T11:00:00.000Z', certainty: 'planned' }),
      );

      const found = await matches.queryMatches({
        topicId: 'rate-decision',
        from: '2025-11-03',
        to: '2025-11-03',
      });
      expect(found.map((m) => m.certainty)).toEqual(['planned']);
    });
  });

  describe('daily digest', () => {
    const at = (iso: string) => () => new Date(iso);
    const sendDigestsAt = (iso: string, publisher: AlertPublisher = sns) =>
      createSendDigests({
        topics: async () => [DIGEST_TOPIC, OTHER_DIGEST_TOPIC, INSTANT_TOPIC],
        ledger: digests,
        publisher,
        logger: silent,
        now: at(iso),
      });

    it('sends one message per topic with queued matches and nothing for the others', async () => {
      await digests.addPending(
        matchRecord({ articleKey: 'articles/a.txt', matchedAt: '2025-11-01T09:00:00.000Z' }),
      );
      await digests.addPending(
        matchRecord({
          articleKey: 'articles/b.txt',
          matchedAt: '2025-11-01T10:00:00.000Z',
          certainty: 'planned',
        }),
      );
      await digests.addPending(
        matchRecord({
          articleKey: 'articles/c.txt',
          storyId: 'rate-decision#2025-12',
          matchedAt: '2025-11-01T11:00:00.000Z',
        }),
      );

      const run = await sendDigestsAt('2025-11-02T07:00:00.000Z')();

      expect(run.sent).toMatchObject([{ topicId: 'rate-decision', stories: 2, matches: 3 }]);
      expect(run.skipped).toEqual([{ topicId: 'quiet-topic', reason: 'nothing-matched' }]);
      expect(stack.sns.messages).toHaveLength(1);
      const [message] = stack.sns.messages;
      expect(message?.messageAttributes.topic?.stringValue).toBe('rate-decision');
      expect(message?.messageAttributes.certainty?.stringValue).toBe('planned');
      expect(message?.subject).toContain('2 stories');
      // The queue is empty afterwards: tomorrow's digest starts afresh.
      expect(await digests.pending('rate-decision', '2025-11-03T00:00:00.000Z')).toEqual([]);
    });

    it('sends nothing at all when nothing matched', async () => {
      const run = await sendDigestsAt('2025-11-02T07:00:00.000Z')();
      expect(run.sent).toEqual([]);
      expect(run.skipped).toContainEqual({ topicId: 'rate-decision', reason: 'nothing-matched' });
      expect(stack.sns.messages).toHaveLength(0);
    });

    it('says a digest already went out when run again the same day with nothing new', async () => {
      await digests.addPending(matchRecord({ matchedAt: '2025-11-01T20:00:00.000Z' }));
      await sendDigestsAt('2025-11-02T07:00:00.000Z')();
      const again = await sendDigestsAt('2025-11-02T09:00:00.000Z')();
      expect(again.skipped).toContainEqual({ topicId: 'rate-decision', reason: 'already-sent' });
      expect(stack.sns.messages).toHaveLength(1);
    });

    it('sends a day once, whether the schedule fires twice in a row or at the same time', async () => {
      await digests.addPending(matchRecord({ matchedAt: '2025-11-01T20:00:00.000Z' }));
      const [first, second] = await Promise.all([
        sendDigestsAt('2025-11-02T07:00:00.000Z')(),
        sendDigestsAt('2025-11-02T07:00:01.000Z')(),
      ]);
      expect(first.sent.length + second.sent.length).toBe(1);
      expect(stack.sns.messages).toHaveLength(1);

      // A match that arrives after the day was sent waits for the next day.
      await digests.addPending(
        matchRecord({ articleKey: 'articles/late.txt', matchedAt: '2025-11-02T12:00:00.000Z' }),
      );
      const again = await sendDigestsAt('2025-11-02T13:00:00.000Z')();
      expect(again.skipped).toContainEqual({ topicId: 'rate-decision', reason: 'already-sent' });
      const tomorrow = await sendDigestsAt('2025-11-03T07:00:00.000Z')();
      expect(tomorrow.sent).toMatchObject([{ topicId: 'rate-decision', matches: 1 }]);
      expect(stack.sns.messages).toHaveLength(2);
    });

    it('gives the day back when publishing fails, so the retry sends it exactly once', async () => {
      await digests.addPending(matchRecord({ matchedAt: '2025-11-01T20:00:00.000Z' }));
      const failing: AlertPublisher = {
        publish: async (_message: AlertMessage) => {
          throw Object.assign(new Error('SNS is throttling'), { name: 'Throttling' });
        },
      };

      await expect(sendDigestsAt('2025-11-02T07:00:00.000Z', failing)()).rejects.toBeInstanceOf(
        DigestFailedError,
      );
      expect(stack.sns.messages).toHaveLength(0);

      const retry = await sendDigestsAt('2025-11-02T07:01:00.000Z')();
      expect(retry.sent).toMatchObject([{ topicId: 'rate-decision', matches: 1 }]);
      expect(stack.sns.messages).toHaveLength(1);
    });
  });
});
