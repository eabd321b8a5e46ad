import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Topic } from '../../../../functions/domain/topics/topic-schema';
import { seedTopics } from '../../../support/article-factories';
import { hostileUploads, ingestsToADefinedOutcome } from '../../../support/ingest-properties';

let topics: Topic[];
beforeAll(async () => {
  topics = await seedTopics();
});

// A fixed seed keeps `npm test` reproducible; `npx tsx test/fuzz/fuzz-ingest.ts` runs more, with
// fresh seeds, and prints the seed of any failure to replay it here.
describe('ingest on hostile input (fast-check)', () => {
  it('ends every upload as articles within budget or one rejection with a reason, never a throw', async () => {
    const outcomes: string[] = [];
    await fc.assert(
      fc.asyncProperty(hostileUploads(), async (upload) => {
        const outcome = await ingestsToADefinedOutcome(topics, upload);
        outcomes.push(outcome.status === 'stored' ? 'stored' : outcome.reason);
      }),
      { numRuns: 120, seed: 20261201 },
    );
    // The generators reach both ends: some inputs store, some are rejected.
    expect(outcomes).toContain('stored');
    expect(outcomes.some((o) => o !== 'stored')).toBe(true);
  });
});
