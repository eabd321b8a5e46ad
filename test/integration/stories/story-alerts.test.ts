import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTopicStore } from '../../../functions/adapters/dynamo-topic-store';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../../infra/local/local-stack';
import { runLocalPipeline, type PipelineLogger } from '../../../infra/local/pipeline';
import { plainTextArticle } from '../../support/article-factories';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

/**
 * Alerts follow content stories (local pipeline: real handlers, DynamoDB Local, s3rver, SNS
 * endpoint), with texts of our own: one event from several outlets, a copy and a re-upload is one
 * alert; a second event of the same topic months later is a new story and alerts; so is a second
 * undated event of a kind with other people and places, which a story made of topic and month
 * could not tell apart (both undated, one story, no second alert).
 */
const LAUNCH_TOPIC = {
  id: 'nasa-launch',
  name: 'NASA launch',
  description: 'A launch by NASA: plans, the launch itself, or a delay.',
  actors: [{ name: 'NASA', aliases: ['the National Aeronautics and Space Administration'] }],
  event: { type: 'launch', triggers: ['launch', 'launches', 'launched', 'lift off'] },
  minimumCertainty: 'speculative',
};

const CLIPPER = [
  'NASA will launch the Europa Clipper probe from Cape Canaveral in Florida next week, mission manager Laura Chen said on Monday. The probe is to reach the icy moon Europa in 2030 after a journey of six years.',
  'Chen said engineers at the Kennedy Space Center had finished fuelling the spacecraft and that the weather forecast for Florida looked good.',
];

const FILES: [file: string, text: string][] = [
  ['1-clipper.txt', plainTextArticle({ paragraphs: CLIPPER })],
  // The same report from a wire, with its own first line: a copy.
  ['2-clipper-wire.txt', plainTextArticle({ paragraphs: [...CLIPPER, 'Reporting by the wire desk.'] })],
  [
    '3-clipper-other-outlet.txt',
    plainTextArticle({
      paragraphs: [
        'Europa Clipper, the NASA probe bound for Jupiter and its moon Europa, will launch next week from Cape Canaveral, Florida, its mission manager Laura Chen told reporters.',
        'The Kennedy Space Center team completed fuelling of the probe, Chen said, and Florida weather should allow the launch.',
      ],
    }),
  ],
  [
    '4-landsat.txt',
    plainTextArticle({
      paragraphs: [
        'NASA will launch the Landsat Next satellite from Vandenberg Space Force Base in California next month, programme scientist Omar Haddad said on Tuesday. The satellite will map farmland, forests and glaciers.',
        'Haddad said the satellite had arrived in California by truck from Colorado, where it was built.',
      ],
    }),
  ],
];

describe('alerts per content story (local pipeline)', () => {
  let stack: LocalStack;
  let dir: string;
  const logLines: string[] = [];
  const logger: PipelineLogger = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

  const upload = async (file: string, text: string) => {
    await writeFile(join(dir, file), text);
    const report = await runLocalPipeline({
      inputDir: dir,
      files: [file],
      stack,
      reset: false,
      logger,
      handlerOutput: (line) => logLines.push(line.trimEnd()),
    });
    expect(report.failures, logLines.join('\n')).toEqual([]);
    return report;
  };

  const sent = (topicId: string) =>
    stack.sns.messages
      .filter((message) => message.messageAttributes.topic?.stringValue === topicId)
      .map((message) => ({
        article: message.messageAttributes.articleKey?.stringValue,
        story: message.messageAttributes.storyId?.stringValue,
        change: message.messageAttributes.change?.stringValue,
      }));

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
    await stack.reset();
    await new DynamoTopicStore(stack.clients.dynamodb, stack.tableName).put(
      LAUNCH_TOPIC.id,
      LAUNCH_TOPIC,
      '2025-11-01T00:00:00Z',
    );
    dir = await mkdtemp(join(tmpdir(), 'newswatch-story-alerts-'));
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('one undated event from several outlets and a copy is one alert; another undated event of the kind is another', async () => {
    const reports = [];
    for (const [file, text] of FILES) reports.push(await upload(file, text));
    const stored = reports.flatMap((report) => report.articles);
    const storyOf = Object.fromEntries(stored.map((article) => [article.key, article]));
    const clipper = storyOf['articles/1-clipper.txt']?.storyId;
    expect(clipper).toMatch(/^\d{4}-\d{2}-[0-9a-f]{10}$/);
    expect(storyOf['articles/2-clipper-wire.txt']).toMatchObject({ storyId: clipper, storyRole: 'copy' });
    expect(storyOf['articles/3-clipper-other-outlet.txt']).toMatchObject({
      storyId: clipper,
      storyRole: 'original',
    });
    const landsat = storyOf['articles/4-landsat.txt']?.storyId;
    expect(landsat).toBeDefined();
    expect(landsat).not.toBe(clipper);

    expect(sent('nasa-launch')).toEqual([
      { article: 'articles/1-clipper.txt', story: `nasa-launch#${clipper}`, change: 'new' },
      { article: 'articles/4-landsat.txt', story: `nasa-launch#${landsat}`, change: 'new' },
    ]);
  });

  it('a second summit rumour months after the first is a new story, and alerts again', async () => {
    const rumour = (date: string, place: string) =>
      plainTextArticle({
        date,
        paragraphs: [
          `Donald Trump could meet Kim Jong Un in ${place}, two officials familiar with the contacts said on Sunday. No date has been set.`,
          'The officials said working-level talks between the two sides had resumed.',
        ],
      });
    await upload('5-rumour-november.txt', rumour('2025-11-02', 'Panmunjom'));
    await upload('6-rumour-november-again.txt', rumour('2025-11-03', 'Panmunjom'));
    await upload('7-rumour-april.txt', rumour('2026-04-12', 'Hanoi'));
    const summit = sent('trump-kim-summit');
    expect(summit.map((alert) => [alert.article, alert.change])).toEqual([
      ['articles/5-rumour-november.txt', 'new'],
      ['articles/7-rumour-april.txt', 'new'],
    ]);
    expect(summit[0]?.story).toMatch(/^trump-kim-summit#2025-11-/);
    expect(summit[1]?.story).toMatch(/^trump-kim-summit#2026-04-/);
  });
});
