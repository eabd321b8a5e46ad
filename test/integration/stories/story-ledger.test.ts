import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoStoryLedger } from '../../../functions/adapters/dynamo-story-ledger';
import { certaintyLevel } from '../../../functions/domain/stories/story-identity';
import type { Certainty } from '../../../functions/contracts/vocabulary';
import type { StoryClaim } from '../../../functions/ports/ports';
import { storyKey } from '../../../functions/contracts/table-schema';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../../infra/local/local-stack';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

// The story ledger against DynamoDB Local: the conditional writes are the de-duplication, so they
// are tested where DynamoDB itself evaluates them.
describe('story ledger (DynamoDB Local)', () => {
  let stack: LocalStack;
  let ledger: DynamoStoryLedger;
  let clock = 0;

  const claim = (certainty: Certainty, overrides: Partial<StoryClaim> = {}): StoryClaim => ({
    topicId: 'trump-kim-summit',
    story: { storyId: '2025-11-0a1b2c3d4e' },
    certainty,
    level: certaintyLevel(certainty),
    articleKey: `articles/${certainty}-${clock}.txt`,
    contentHash: `hash-${clock}`,
    claimedAt: new Date(Date.UTC(2025, 10, 1, 0, 0, clock++)).toISOString(),
    ...overrides,
  });

  const stored = async () => {
    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({
        TableName: stack.tableName,
        Key: marshall(storyKey('trump-kim-summit', { storyId: '2025-11-0a1b2c3d4e' })),
      }),
    );
    return Item ? unmarshall(Item) : undefined;
  };

  const send = async (certainty: Certainty, overrides: Partial<StoryClaim> = {}) => {
    const claimed = await ledger.claim(claim(certainty, overrides), 300);
    if (claimed) await ledger.markSent(claimed, `message-${clock}`);
    return claimed;
  };

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
    ledger = new DynamoStoryLedger(stack.clients.dynamodb, stack.tableName);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  beforeEach(async () => {
    await stack.reset();
  });

  it('alerts once per story: another outlet at the same certainty is a duplicate', async () => {
    expect(await send('speculative')).not.toBeNull();
    expect(await send('speculative')).toBeNull();
    expect(await send('conditional')).toBeNull();
    expect(await stored()).toMatchObject({ certainty: 'speculative', status: 'sent', alertCount: 1 });
  });

  it('tells a retried record of the article that sent the alert from another outlet', async () => {
    const first = claim('speculative', { articleKey: 'articles/first.txt', contentHash: 'hash-first' });
    const claimed = await ledger.claim(first, 300);
    expect(claimed).not.toBeNull();
    expect(await ledger.sentBy(first)).toBeUndefined(); // claimed, not yet sent
    await ledger.markSent(claimed!, 'message-first');
    expect(await ledger.sentBy({ ...first, claimedAt: new Date().toISOString() })).toBe('message-first');
    expect(await ledger.sentBy({ ...first, articleKey: 'articles/other.txt' })).toBeUndefined();
    expect(await ledger.sentBy({ ...first, contentHash: 'hash-edited' })).toBeUndefined();
  });

  it('lets a rise in certainty through once, saying what it was before', async () => {
    await send('speculative');
    const escalation = await send('planned');
    expect(escalation?.previous?.certainty).toBe('speculative');
    expect(await send('planned')).toBeNull();
    expect(await send('speculative')).toBeNull();
    expect(await stored()).toMatchObject({
      certainty: 'planned',
      previousCertainty: 'speculative',
      alertCount: 2,
    });
  });

  it('lets a denial through, and a revival after it', async () => {
    await send('confirmed');
    expect((await send('denied'))?.previous?.certainty).toBe('confirmed');
    expect(await send('denied')).toBeNull();
    expect((await send('planned'))?.previous?.certainty).toBe('denied');
  });

  it('lets exactly one of many concurrent deliveries of the same news win', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => ledger.claim(claim('speculative'), 300)),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it('gives the story back as it was when publishing fails, so a retry can send', async () => {
    await send('speculative');
    const failed = await ledger.claim(claim('planned'), 300);
    expect(failed).not.toBeNull();
    await ledger.release(failed!);
    expect(await stored()).toMatchObject({ certainty: 'speculative', status: 'sent' });
    expect(await send('planned')).not.toBeNull();
  });

  it('lets a claim whose holder crashed be taken over after the lease, not before', async () => {
    const crashed = await ledger.claim(claim('speculative'), 300);
    expect(crashed).not.toBeNull();
    const soon = new Date(Date.parse(crashed!.claim.claimedAt) + 60_000).toISOString();
    expect(await ledger.claim(claim('speculative', { claimedAt: soon }), 300)).toBeNull();
    const later = new Date(Date.parse(crashed!.claim.claimedAt) + 600_000).toISOString();
    expect(await ledger.claim(claim('speculative', { claimedAt: later }), 300)).not.toBeNull();
  });

  it('recognises its own claim when DynamoDB applied the write but the response was lost', async () => {
    await send('speculative');
    // A client whose first story PutItem reaches DynamoDB and succeeds, then loses its response
    // (a dropped connection): the SDK retries, and the retry fails the claim's own condition.
    const flaky = new DynamoDBClient({
      endpoint: stack.env.AWS_ENDPOINT_URL_DYNAMODB,
      region: stack.region,
      maxAttempts: 3,
    });
    let lost = 0;
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'PutItemCommand' && lost === 0) {
          lost += 1;
          throw Object.assign(new Error('socket hang up (after the write)'), {
            code: 'ECONNRESET',
            $metadata: {},
          });
        }
        return result;
      },
      { step: 'deserialize', name: 'loseFirstPutResponse' },
    );

    const claimed = await new DynamoStoryLedger(flaky, stack.tableName).claim(claim('planned'), 300);

    expect(lost).toBe(1);
    // The claim won (its write landed) and still knows what the story was before.
    expect(claimed?.previous?.certainty).toBe('speculative');
    expect(await stored()).toMatchObject({
      certainty: 'planned',
      status: 'pending',
      claimId: claimed?.claimId,
    });
    // Nobody else can claim the same news meanwhile.
    expect(await ledger.claim(claim('planned'), 300)).toBeNull();
  });
});
