import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../infra/cli/program';
import { captureIo } from '../support';

/** Deployed `reprocess` against mocked CloudFormation, S3 and Step Functions: nothing leaves the process. */
const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sfn = mockClient(SFNClient);

const MACHINE = 'arn:aws:states:eu-west-2:123456789012:stateMachine:Reprocess';
const EXECUTION = `${MACHINE.replace(':stateMachine:', ':execution:')}:reprocess-1`;

const run = async (...argv: string[]) => {
  const io = captureIo();
  const code = await runCli(['--region', 'eu-west-2', ...argv], { io });
  return { code, out: io.out(), err: io.err() };
};

beforeEach(() => {
  cfn.reset();
  s3.reset();
  sfn.reset();
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'Newswatch',
        CreationTime: new Date(),
        StackStatus: 'CREATE_COMPLETE',
        Outputs: [
          { OutputKey: 'ArticlesBucketName', OutputValue: 'articles-bucket' },
          { OutputKey: 'ReprocessStateMachineArn', OutputValue: MACHINE },
        ],
      },
    ],
  });
});

describe('newswatch reprocess (deployed)', () => {
  it('starts one execution with every option in its input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
    const result = await run('reprocess', '--prefix', 'backlog/', '--since', '2025-11-01', '--topics-only');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`started ${EXECUTION}`);
    const calls = sfn.commandCalls(StartExecutionCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input.stateMachineArn).toBe(MACHINE);
    expect(JSON.parse(calls[0]?.args[0].input.input ?? '')).toEqual({
      prefix: 'articles/backlog/',
      topicsOnly: true,
      since: '2025-11-01',
      until: '',
    });
  });

  it('with --dry-run lists the bucket, counts what would be taken and starts nothing', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({
        IsTruncated: true,
        NextContinuationToken: 't',
        Contents: [
          { Key: 'articles/a.txt', LastModified: new Date('2025-11-02T10:00:00Z') },
          { Key: 'articles/', LastModified: new Date('2025-11-02T10:00:00Z') },
        ],
      })
      .resolvesOnce({
        Contents: [{ Key: 'articles/b.txt', LastModified: new Date('2025-10-30T10:00:00Z') }],
      });
    const result = await run('--json', 'reprocess', '--dry-run', '--since', '2025-11-01');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ mode: 'deployed', listed: 3, selected: 1, batches: 1 });
    expect(s3.commandCalls(ListObjectsV2Command)[1]?.args[0].input).toMatchObject({
      Bucket: 'articles-bucket',
      Prefix: 'articles/',
      ContinuationToken: 't',
    });
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('refuses bad dates and an empty range with exit 64, before any AWS call', async () => {
    const bad = await run('reprocess', '--since', '2025-13-01');
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/YYYY-MM-DD/);
    const empty = await run('reprocess', '--since', '2025-11-02', '--until', '2025-11-01');
    expect(empty.code).toBe(64);
    expect(empty.err).toMatch(/--since 2025-11-02 is after --until 2025-11-01/);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('status shows the latest execution and its Map Run counts', async () => {
    sfn.on(ListExecutionsCommand).resolves({ executions: [{ executionArn: EXECUTION } as never] });
    sfn.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION,
      status: 'RUNNING',
      startDate: new Date('2026-12-02T12:00:00Z'),
      input: '{"prefix":"articles/","topicsOnly":false,"since":"","until":""}',
    } as never);
    sfn.on(ListMapRunsCommand).resolves({ mapRuns: [{ mapRunArn: 'arn:maprun' } as never] });
    sfn.on(DescribeMapRunCommand).resolves({
      itemCounts: {
        pending: 10,
        running: 40,
        succeeded: 4950,
        failed: 0,
        timedOut: 0,
        aborted: 0,
        total: 5000,
      },
      executionCounts: {
        pending: 0,
        running: 2,
        succeeded: 248,
        failed: 0,
        timedOut: 0,
        aborted: 0,
        total: 250,
      },
    } as never);
    const result = await run('reprocess', 'status');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${EXECUTION}: RUNNING`);
    expect(result.out).toContain('objects: 4950 succeeded, 0 failed, 40 running, 10 pending');
    expect(result.out).toContain('batches: 248 succeeded');
    expect(sfn.commandCalls(ListExecutionsCommand)[0]?.args[0].input.stateMachineArn).toBe(MACHINE);
  });

  it('status of a failed execution exits 1; with none yet it says how to start one', async () => {
    sfn.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION,
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
    } as never);
    sfn.on(ListMapRunsCommand).resolves({ mapRuns: [] });
    const failed = await run('reprocess', 'status', EXECUTION);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('error States.ExceedToleratedFailureThreshold');
    sfn.on(ListExecutionsCommand).resolves({ executions: [] });
    const none = await run('reprocess', 'status');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no reprocess has run yet/);
  });
});
