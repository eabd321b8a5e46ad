import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMatchRepository } from '../../../functions/adapters/dynamo-match-repository';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../../infra/local/local-stack';
import { runLocalPipeline, type PipelineLogger } from '../../../infra/local/pipeline';
import { lambdaContext, plainTextArticle } from '../../support/article-factories';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

/**
 * One story's whole life through the local pipeline (real handlers, DynamoDB Local, s3rver, SNS
 * endpoint), one upload at a time as the news arrives, with articles of our own for every
 * certainty: it alerts when it is new, when it climbs, and when it flips to or from denied, and
 * stays silent for re-uploads, other outlets, a step down and a past-only mention. Every match is
 * recorded and queryable. Then the digest: a digest-mode topic's match goes out once, the next day.
 */
const STORY: [file: string, article: string, expected: { alerts: number; certainty: string }][] = [
  [
    '1-possible.txt',
    plainTextArticle({
      date: '2025-11-02',
      paragraphs: [
        'Donald Trump could meet Kim Jong Un later this month, two officials familiar with the contacts said on Sunday. No date has been confirmed and the venue is still under discussion.',
        'The officials said working-level talks between the two sides had resumed in recent weeks.',
      ],
    }),
    { alerts: 1, certainty: 'speculative' },
  ],
  [
    '2-same-text-other-key.txt',
    plainTextArticle({
      date: '2025-11-02',
      paragraphs: [
        'Donald Trump could meet Kim Jong Un later this month, two officials familiar with the contacts said on Sunday. No date has been confirmed and the venue is still under discussion.',
        'The officials said working-level talks between the two sides had resumed in recent weeks.',
      ],
    }),
    { alerts: 1, certainty: 'speculative' },
  ],
  [
    '3-other-outlet.txt',
    plainTextArticle({
      date: '2025-11-02',
      paragraphs: [
        'US President Donald Trump may hold talks with North Korean leader Kim Jong Un this month, according to diplomats in Seoul. Neither government has confirmed a meeting.',
        'Analysts said a summit would be the first between the two since 2019.',
      ],
    }),
    { alerts: 1, certainty: 'speculative' },
  ],
  [
    '4-date-announced.txt',
    plainTextArticle({
      date: '2025-11-04',
      paragraphs: [
        'The White House said on Tuesday that Donald Trump will meet Kim Jong Un at Panmunjom on November 28. Both sides agreed to the date after a week of contacts.',
        'Officials are preparing the agenda, which is expected to cover sanctions and missile tests.',
      ],
    }),
    { alerts: 2, certainty: 'planned' },
  ],
  [
    '5-conditions.txt',
    plainTextArticle({
      date: '2025-11-05',
      paragraphs: [
        'North Korean state media said Kim Jong Un would only meet Donald Trump if Washington first lifts its sanctions. The statement did not mention the date announced by the White House.',
        "South Korea's foreign ministry declined to comment on the report.",
      ],
    }),
    { alerts: 2, certainty: 'conditional' },
  ],
  [
    '6-called-off.txt',
    plainTextArticle({
      date: '2025-11-20',
      paragraphs: [
        'The planned meeting between Donald Trump and Kim Jong Un has been called off, the White House said on Thursday. A spokeswoman gave no reason for the cancellation.',
        'Pyongyang has not commented on the decision.',
      ],
    }),
    { alerts: 3, certainty: 'denied' },
  ],
  [
    '7-met.txt',
    plainTextArticle({
      date: '2025-11-28',
      paragraphs: [
        'Donald Trump met Kim Jong Un at Panmunjom on Friday, a week after the White House had called the summit off. The two leaders shook hands at the border line and held talks for about an hour.',
        'Neither side released a statement after the meeting.',
      ],
    }),
    { alerts: 4, certainty: 'confirmed' },
  ],
  [
    '8-history-lecture.txt',
    plainTextArticle({
      date: '2025-11-30',
      paragraphs: [
        'Donald Trump and Kim Jong Un last met in June 2019 at the border village, a historian recalled in a lecture on Korean diplomacy. The lecture covered seventy years of talks on the peninsula.',
        'The audience asked about the role of China in the negotiations.',
      ],
    }),
    { alerts: 4, certainty: 'past' },
  ],
];

const RATE_ARTICLE = plainTextArticle({
  date: '2025-11-05',
  paragraphs: [
    'Traders now expect the Federal Reserve to cut interest rates by 0.25 percentage points at its December meeting, after a weak jobs report.',
    'Futures markets priced a roughly 70 per cent chance of a cut, up from about half a week ago.',
  ],
});

describe('a story from rumour to meeting, one upload at a time (local pipeline)', () => {
  let stack: LocalStack;
  let dir: string;
  const logLines: string[] = [];
  const logger: PipelineLogger = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

  const upload = async (file: string, article: string, first = false) => {
    await writeFile(join(dir, file), article);
    const report = await runLocalPipeline({
      inputDir: dir,
      files: [file],
      stack,
      reset: first,
      logger,
      handlerOutput: (text) => logLines.push(text.trimEnd()),
    });
    expect(report.failures, logLines.join('\n')).toEqual([]);
    return report;
  };

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
    dir = await mkdtemp(join(tmpdir(), 'newswatch-story-'));
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('alerts when the story is new, climbs or flips, and never for repeats, step-downs or history', async () => {
    let first = true;
    for (const [file, article, expected] of STORY) {
      const report = await upload(file, article, first);
      first = false;
      expect(report.alerts.length, `${file}: alerts so far`).toBe(expected.alerts);
    }
    const alerts = stack.sns.messages.map((message) => ({
      article: message.messageAttributes.articleKey?.stringValue,
      certainty: message.messageAttributes.certainty?.stringValue,
      change: message.messageAttributes.change?.stringValue,
      story: message.messageAttributes.storyId?.stringValue,
    }));
    expect(alerts).toEqual([
      {
        article: 'articles/1-possible.txt',
        certainty: 'speculative',
        change: 'new',
        story: expect.stringMatching(/^trump-kim-summit#2025-11-[0-9a-f]{10}$/),
      },
      {
        article: 'articles/4-date-announced.txt',
        certainty: 'planned',
        change: 'escalated',
        story: expect.stringMatching(/^trump-kim-summit#2025-11-[0-9a-f]{10}$/),
      },
      {
        article: 'articles/6-called-off.txt',
        certainty: 'denied',
        change: 'flipped',
        story: expect.stringMatching(/^trump-kim-summit#2025-11-[0-9a-f]{10}$/),
      },
      {
        article: 'articles/7-met.txt',
        certainty: 'confirmed',
        change: 'flipped',
        story: expect.stringMatching(/^trump-kim-summit#2025-11-[0-9a-f]{10}$/),
      },
    ]);
    // One content story across outlets, re-uploads and the weeks from rumour to meeting.
    expect(new Set(alerts.map((alert) => alert.story)).size).toBe(1);
    // The follow-ups say what changed.
    expect(stack.sns.messages[1]?.subject).toMatch(/now planned, was speculative/);
  });

  it('records every match with its certainty and outcome, queryable by topic and day', async () => {
    const matches = new DynamoMatchRepository(stack.clients.dynamodb, stack.tableName);
    const found = await matches.queryMatches({
      topicId: 'trump-kim-summit',
      from: '2025-11-01',
      to: '2025-11-30',
    });
    const byFile = Object.fromEntries(
      found.map((match) => [match.articleKey.replace('articles/', ''), [match.certainty, match.outcome]]),
    );
    expect(byFile).toEqual(
      Object.fromEntries(
        STORY.map(([file, , expected]) => [
          file,
          [
            expected.certainty,
            {
              '1-possible.txt': 'sent',
              '2-same-text-other-key.txt': 'duplicate',
              '3-other-outlet.txt': 'duplicate',
              '4-date-announced.txt': 'sent',
              '5-conditions.txt': 'duplicate',
              '6-called-off.txt': 'sent',
              '7-met.txt': 'sent',
              '8-history-lecture.txt': 'below-minimum',
            }[file],
          ],
        ]),
      ),
    );
    // Newest first; a narrower range narrows.
    expect(found[0]?.articleKey).toBe('articles/8-history-lecture.txt');
    const early = await matches.queryMatches({ topicId: 'trump-kim-summit', to: '2025-11-02' });
    expect(early).toHaveLength(3);
  });

  it('queues a digest-mode match instead of alerting, and the digest sends it once', async () => {
    const before = stack.sns.messages.length;
    await upload('9-rates.txt', RATE_ARTICLE);
    expect(stack.sns.messages.length).toBe(before);

    // The digest function, bound to the same local stack (its env is in process.env).
    const { handler } = await import('../../../functions/digest/handler');
    const run = await handler({}, lambdaContext());
    expect(run.sent).toMatchObject([{ topicId: 'fed-rate-decision', stories: 1, matches: 1 }]);
    expect(run.skipped).toEqual([]);
    const digest = stack.sns.messages.at(-1);
    expect(digest?.messageAttributes.kind?.stringValue).toBe('digest');
    expect(digest?.subject).toMatch(/Federal Reserve interest-rate decision: 1 story/);

    const again = await handler({}, lambdaContext());
    expect(again.sent).toEqual([]);
    expect(stack.sns.messages.length).toBe(before + 1);
  });
});
