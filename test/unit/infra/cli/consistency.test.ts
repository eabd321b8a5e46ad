import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_ID } from '../../../../infra/cdk/app';
import { MINIMUM_CERTAINTIES, filterPolicyFor } from '../../../../functions/contracts/vocabulary';
import { filterPolicyOf } from '../../../../infra/cdk/settings/subscriptions';
import { describeFilterPolicy } from '../../../../infra/cli/operations/subscriptions';
import { DEFAULT_STACK_NAME } from '../../../../infra/cli/program';
import { formatTopicTest } from '../../../../infra/cli/commands/topics';
import { formatUploadReport } from '../../../../infra/cli/commands/upload';
import { markCues } from '../../../../functions/messages/alert-message';
import type { ArticleTopicMatch } from '../../../../functions/domain/article-matches';
import { InvalidTopicFileError, readTopicFile } from '../../../../infra/cli/operations/topic-file';
import { LocalStateLockedError, acquireStateLock, statePaths } from '../../../../infra/local/local-stack';

describe('the CLI agrees with the stack', () => {
  it('defaults to the stack name infra/cdk/app.ts deploys', () => {
    expect(DEFAULT_STACK_NAME).toBe(STACK_ID);
  });

  it('writes the filter policies the deploy-time subscriptions get', () => {
    const stack = new Stack();
    for (const minimumCertainty of MINIMUM_CERTAINTIES) {
      for (const topics of [undefined, ['trump-kim-summit']]) {
        const cdk = stack.resolve(
          Object.fromEntries(
            Object.entries(
              filterPolicyOf({ endpoint: 'a@b.co', minimumCertainty, ...(topics ? { topics } : {}) }),
            ).map(([name, filter]) => [name, filter.conditions]),
          ),
        );
        expect(filterPolicyFor({ minimumCertainty, ...(topics ? { topics } : {}) })).toEqual(cdk);
        expect(describeFilterPolicy(JSON.stringify(cdk))).toEqual({
          topics: topics ?? 'all',
          minimumCertainty,
        });
      }
    }
    expect(describeFilterPolicy(undefined)).toEqual({ topics: 'all', minimumCertainty: 'any' });
    expect(describeFilterPolicy('{"certainty":["past"]}').minimumCertainty).toBe('custom');
  });
});

describe('output formatting', () => {
  it('upload: failures, rejections and alerts, then the tally', () => {
    const text = formatUploadReport({
      tally: { uploaded: 1, skipped: 1, failed: 1 },
      files: [
        { file: '/a', key: 'articles/a.txt', status: 'uploaded' },
        { file: '/b', key: 'articles/b.txt', status: 'skipped' },
        { file: '/c', key: 'articles/c.txt', status: 'failed', error: 'AccessDenied: no' },
      ],
      rejected: [{ key: 'articles/a.txt', reason: 'empty', detail: 'only whitespace' }],
      alerts: [
        {
          topicId: 'trump-kim-summit',
          certainty: 'planned',
          articleKey: 'articles/a.txt',
          subject: 'S',
          deliveredTo: [{ protocol: 'email', endpoint: 'desk@example.com' }],
        },
      ],
    });
    expect(text).toMatch(/│ articles\/c\.txt │ AccessDenied: no │/);
    expect(text).toMatch(/│ articles\/a\.txt │ empty +│ only whitespace │/);
    expect(text).toMatch(/│ trump-kim-summit │ planned +│ articles\/a\.txt │ email:desk@example\.com +│/);
    expect(text.endsWith('uploaded 1, skipped 1 (unchanged), failed 1\n')).toBe(true);
    // No colour codes: the same bytes in a terminal, a pipe and a test.
    expect(text.includes('\u001b[')).toBe(false);
  });

  it('topics test: certainty, whether it alerts, evidence with cues, participants and why', () => {
    expect(markCues('Trump could meet Kim, officials said', ['could'])).toBe(
      'Trump [could] meet Kim, officials said',
    );
    const match: ArticleTopicMatch = {
      topicId: 'trump-kim-summit',
      topicName: 'Summit',
      certainty: 'speculative',
      alerts: true,
      reported: true,
      delivery: 'instant',
      period: 'undated',
      evidence: [
        {
          sentence: 'Trump could meet Kim.',
          certainty: 'speculative',
          cues: ['could'],
          site: 'lede',
          participants: ['Donald Trump', 'Kim Jong Un'],
          trigger: 'meet',
        },
      ],
    };
    const text = formatTopicTest([
      { title: 'T', publishedAt: '2025-10-18', matches: [match] },
      {
        title: 'S',
        publishedAt: null,
        matches: [
          {
            ...match,
            certainty: 'planned',
            alerts: false,
            reported: false,
            evidence: [
              {
                sentence: 'The meeting will be in June.',
                certainty: 'planned',
                cues: ['will'],
                site: 'body',
                participants: [],
                trigger: 'The meeting',
              },
            ],
          },
        ],
      },
      {
        title: 'D',
        publishedAt: null,
        // A match stored before evidence said where it is: only what it records is shown.
        matches: [
          {
            ...match,
            delivery: 'digest',
            evidence: [{ sentence: 'Trump met Kim.', certainty: 'confirmed', cues: [] }],
          },
        ],
      },
      { title: 'U', publishedAt: null, matches: [] },
    ]);
    expect(text).toBe(
      [
        'T (2025-10-18)',
        '  trump-kim-summit: speculative, would alert',
        '    - (speculative) Trump [could] meet Kim.',
        '      participants: Donald Trump, Kim Jong Un',
        '      cues: could',
        '      why: lede; trigger "meet"; cues could → speculative',
        'S (undated)',
        '  trump-kim-summit: planned, a side mention in the body: would not alert',
        '    - (planned) The meeting [will] be in June.',
        '      participants: none found',
        '      cues: will',
        '      why: body; trigger "The meeting"; cues will → planned',
        'D (undated)',
        "  trump-kim-summit: speculative, would go into the topic's daily digest",
        '    - (confirmed) Trump met Kim.',
        '      why: no cues → confirmed',
        'U (undated)',
        '  no topic matches',
        '',
      ].join('\n'),
    );
  });
});

describe('topic files and the state lock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-cli-unit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every schema problem of every topic with its path', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify([
        { id: 'ok-id', name: 'x' },
        { id: 'Bad', name: 'y', actors: [], event: { type: 't', triggers: ['a'] } },
      ]),
    );
    const error = await readTopicFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTopicFileError);
    const message = (error as Error).message;
    expect(message).toMatch(/topic 1 "ok-id":[\s\S]*→ at actors[\s\S]*→ at event/);
    expect(message).toMatch(/topic 2 "Bad":[\s\S]*→ at id[\s\S]*→ at actors/);
  });

  it('a second holder of the state folder is refused; a dead holder is taken over', async () => {
    const release = await acquireStateLock(dir);
    await expect(acquireStateLock(dir)).rejects.toThrow(LocalStateLockedError);
    await expect(acquireStateLock(dir)).rejects.toThrow(/another newswatch --local command is running/);
    await release();
    // A lock left by a process that is gone (pid far above any real one).
    await writeFile(statePaths(dir).lock, '99999999\n');
    const again = await acquireStateLock(dir);
    expect((await readFile(statePaths(dir).lock, 'utf8')).trim()).toBe(String(process.pid));
    await again();
  });
});
