import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { runLocalPipeline, type PipelineLogger, type PipelineReport } from '../../infra/local/pipeline';
import { scanTable } from '../../infra/local/report';
import { plainTextArticle } from '../support/article-factories';
import { alertIdentities, copySeedArticles } from '../support/pipeline-fixtures';
import { FaultInjector, totalFaults, type FaultCounts, type FaultPlan } from '../support/fault-injection';
import { PROSE, rssFeed } from '../unit/functions/domain/documents/format-fixtures';

/**
 * 20 % of the handlers' DynamoDB and SNS attempts fail (throttling, 5xx, or a response lost after
 * the service did the work), injected as SDK middleware on the clients the handlers build. The
 * SDK's retries, Lambda's retries and the conditional writes must together lose nothing and
 * duplicate nothing: the table and the alerts equal a clean run's.
 */
const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

// Registered before any handler module is loaded: their clients are built at module load.
const faults = new FaultInjector();
faults.install();

const REMOVED = ['articles/own-deleted.txt'];
const STORY_MONTHS = 12;

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
/** Attributes that hold a time or an id minted at run time, not an outcome. */
const TIME_ATTRIBUTES = new Set([
  'ingestedAt',
  'rejectedAt',
  'deletedAt',
  'matchedAt',
  'claimedAt',
  'claimId',
  'sentAt',
  'updatedAt',
  'expiresAt',
  'messageId',
  'sequencer',
  'gsi1sk',
]);

const logLines: string[] = [];
const logger: PipelineLogger = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

interface RunResult {
  report: PipelineReport;
  items: string[];
  /** Story ids with a state, and those some story slot lists. */
  stories: { states: string[]; listed: Set<string> };
}

describe('fault injection at the SDK client layer (DynamoDB and SNS)', () => {
  let stack: LocalStack;
  let dir: string;
  let clean: RunResult;

  const run = async (): Promise<RunResult> => {
    logLines.length = 0;
    const report = await runLocalPipeline({
      inputDir: dir,
      stack,
      logger,
      remove: REMOVED,
      handlerOutput: (text) => logLines.push(text.trimEnd()),
    });
    // Times (claims, ingestion, digest keys, expiry) differ between runs; everything else must match.
    // Story slots are an index: a retried write can leave one listing fewer or more than a clean
    // run (see the note on lost responses in the README), so they are compared by what matters:
    // every story can be found through some slot.
    const scanned = await scanTable(stack.clients.dynamodb, stack.tableName);
    const stories = {
      states: scanned.filter((item) => item.type === 'StoryState').map((item) => String(item.storyId)),
      listed: new Set(
        scanned
          .filter((item) => item.type === 'StorySlot')
          .flatMap((item) =>
            Object.entries(item)
              .filter(([name, value]) => /^s\d{6}$/.test(name) && value instanceof Set)
              .flatMap(([, value]) => [...(value as Set<string>)]),
          ),
      ),
    };
    const items = scanned
      .filter((item) => item.type !== 'StorySlot')
      .map((item) => {
        // A state's revision counts its writes, a retried one included: a concurrency token, not
        // content. Sets are compared by their members.
        const stable = Object.fromEntries(
          Object.entries(item)
            .filter(([name]) => !TIME_ATTRIBUTES.has(name))
            .filter(([name]) => !(item.type === 'StoryState' && name === 'revision'))
            .map(([name, value]) => [name, value instanceof Set ? [...value].sort() : value]),
        );
        return JSON.stringify(stable, Object.keys(stable).sort()).replace(ISO_TIME, '<time>');
      })
      .sort();
    return { report, items, stories };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-faults-'));
    await copySeedArticles(dir);
    await writeFile(
      join(dir, 'own-wire.xml'),
      rssFeed([
        {
          guid: 'f-1',
          title: 'Council budget',
          pubDate: 'Mon, 20 Oct 2025 09:00:00 GMT',
          description: PROSE[0],
        },
        {
          guid: 'f-2',
          title: 'Flooded streets',
          pubDate: 'Mon, 20 Oct 2025 10:00:00 GMT',
          description: PROSE[1],
        },
      ]),
    );
    await writeFile(
      join(dir, 'own-deleted.txt'),
      plainTextArticle({ date: '2025-10-21', paragraphs: [PROSE[2], PROSE[3]] }),
    );
    // Volume for the faults to hit: one summit story every other month (each alerts once: claim,
    // publish, mark sent, match; a month apart, the same rumour would be one story going on) and
    // as many articles that match nothing.
    for (let month = 0; month < STORY_MONTHS; month++) {
      const date = new Date(Date.UTC(2026, 2 * month, 12)).toISOString().slice(0, 10);
      await writeFile(
        join(dir, `own-story-${String(month).padStart(2, '0')}.txt`),
        plainTextArticle({
          date,
          paragraphs: [
            `Donald Trump could meet North Korean leader Kim Jong Un next month, officials in Seoul said on ${date}, although no date has been confirmed.`,
            PROSE[month % PROSE.length] ?? PROSE[0],
          ],
        }),
      );
      await writeFile(
        join(dir, `own-other-${String(month).padStart(2, '0')}.txt`),
        plainTextArticle({
          date,
          paragraphs: [
            PROSE[(month + 1) % PROSE.length] ?? PROSE[0],
            PROSE[(month + 2) % PROSE.length] ?? PROSE[1],
          ],
        }),
      );
    }
    await writeFile(
      join(dir, 'own-binary.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    stack = await startLocalStack({ alertsFile: null });
    clean = await run();
  });

  afterAll(async () => {
    faults.disable();
    faults.uninstall();
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the clean run has articles, a rejection, a deletion and alerts to compare with', () => {
    expect(clean.report.failures, logLines.join('\n')).toEqual([]);
    expect(clean.report.articles.length).toBeGreaterThanOrEqual(9);
    expect(clean.report.rejected.map((rejection) => rejection.reason)).toEqual(['binary']);
    expect(clean.report.deleted?.map((deletion) => deletion.key)).toEqual(REMOVED);
    expect(clean.report.alerts.length).toBeGreaterThan(0);
  });

  const plans: { label: string; plan: Omit<FaultPlan, 'seed'>; seed: number }[] = [
    // Before the request: nothing happened at the service, a plain retry is always safe.
    {
      label: 'throttling and 5xx',
      plan: { rate: 0.2, services: ['dynamodb', 'sns'], kinds: ['throttle', 'server-error'] },
      seed: 3,
    },
    // After the request succeeded: the retried conditional write finds its own earlier write.
    {
      label: 'throttling, 5xx and lost responses',
      plan: {
        rate: 0.2,
        services: ['dynamodb', 'sns'],
        // The one known gap (its throttling and 5xx faults stay): an SNS standard topic cannot
        // deduplicate, so a Publish whose response is lost and that is retried is delivered
        // twice, whatever the function does (FIFO topics, which could, do not deliver to email
        // or SMS). Story claims recognise their own write after a lost response (claimId).
        noResponseLost: (command) => command === 'sns.Publish',
      },
      seed: 5,
    },
  ];

  it.each(plans)(
    '$label on 20 % of attempts: nothing lost, nothing duplicated',
    async ({ label, plan, seed }) => {
      faults.enable({ ...plan, seed });
      let counts: FaultCounts;
      let faulty: RunResult;
      try {
        faulty = await run();
      } finally {
        counts = faults.disable();
      }
      console.info(
        `fault injection (${label}): ${counts.attempts} attempts, ${totalFaults(counts)} faults ${JSON.stringify(counts.faults)} by command ${JSON.stringify(counts.byCommand)}`,
      );
      // Enough faults to mean something, on both services.
      expect(totalFaults(counts)).toBeGreaterThanOrEqual(20);
      for (const kind of plan.kinds ?? ['throttle', 'server-error', 'response-lost'])
        expect(counts.faults[kind as keyof FaultCounts['faults']], kind).toBeGreaterThan(0);
      expect(Object.keys(counts.byCommand).some((command) => command.startsWith('dynamodb.'))).toBe(true);
      expect(Object.keys(counts.byCommand).some((command) => command.startsWith('sns.'))).toBe(true);
      expect(faulty.report.failures, logLines.join('\n')).toEqual([]);
      // Zero lost, zero duplicated: the same items and the same alerts as the clean run.
      expect(faulty.report.articles).toEqual(clean.report.articles);
      expect(faulty.report.rejected).toEqual(clean.report.rejected);
      expect(faulty.report.deleted?.map((deletion) => deletion.key)).toEqual(REMOVED);
      expect(faulty.items).toEqual(clean.items);
      for (const storyId of faulty.stories.states)
        expect(faulty.stories.listed.has(storyId), storyId).toBe(true);
      expect(alertIdentities(faulty.report)).toEqual(alertIdentities(clean.report));
    },
  );
});
