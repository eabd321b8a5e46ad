import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  REPROCESS_BATCH_SIZE,
  isReprocessKey,
  lastModifiedDay,
  withinDays,
} from '../../../functions/contracts/reprocess-window';
import type { ReprocessRequest } from '../../local/reprocess-local';
import { STACK_OUTPUTS, type DeployedBackend } from '../environment';
import { CliError, EXIT } from '../errors';

/**
 * `reprocess` against the deployed stack: a dry run lists the bucket and counts what the state
 * machine would take (the same rules as the function, contracts/reprocess-window.ts); otherwise
 * one StartExecution, whose input the Distributed Map reads (`prefix` for the S3 reader, the rest
 * as each batch's BatchInput). `status` reads the execution and its Map Run's counts.
 */

export class NoReprocessRunError extends CliError {
  override readonly name = 'NoReprocessRunError';
  constructor(message: string) {
    super(message, EXIT.failed);
  }
}

export interface DryRunSummary {
  prefix: string;
  listed: number;
  selected: number;
  batches: number;
}

export async function countReprocessObjects(
  backend: DeployedBackend,
  request: ReprocessRequest,
): Promise<DryRunSummary> {
  const { client, bucketName, prefix: articlesPrefix } = await backend.bucket();
  let listed = 0;
  let selected = 0;
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucketName, Prefix: request.prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      listed++;
      const day = lastModifiedDay(object.LastModified);
      if (object.Key && isReprocessKey(object.Key, articlesPrefix) && withinDays(day, request)) selected++;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return { prefix: request.prefix, listed, selected, batches: Math.ceil(listed / REPROCESS_BATCH_SIZE) };
}

export interface StartedRun {
  executionArn: string;
  startDate?: string;
  input: Record<string, unknown>;
}

/** The execution's input: every field present, since a JSONPath to a missing one fails the run. */
export const executionInput = (request: ReprocessRequest) => ({
  prefix: request.prefix,
  topicsOnly: request.topicsOnly,
  since: request.since ?? '',
  until: request.until ?? '',
});

export async function startReprocess(
  backend: DeployedBackend,
  request: ReprocessRequest,
): Promise<StartedRun> {
  const stateMachineArn = await backend.output(STACK_OUTPUTS.reprocessStateMachine);
  const input = executionInput(request);
  const started = await backend.sfn().send(
    new StartExecutionCommand({
      stateMachineArn,
      // Names are unique per state machine for 90 days; the time makes them readable in the console.
      name: `reprocess-${new Date().toISOString().replace(/[:.]/g, '-')}${request.topicsOnly ? '-topics' : ''}`,
      input: JSON.stringify(input),
    }),
  );
  if (!started.executionArn) throw new CliError('StartExecution returned no execution ARN', EXIT.failed);
  return {
    executionArn: started.executionArn,
    ...(started.startDate ? { startDate: started.startDate.toISOString() } : {}),
    input,
  };
}

export interface RunStatus {
  executionArn: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  input?: Record<string, unknown>;
  error?: string;
  /** The Map Run's items (objects) by state, when it has started. */
  items?: RunCounts;
  /** Its child executions (batches) by state. */
  batches?: RunCounts;
}

type RunCounts = Record<
  'pending' | 'running' | 'succeeded' | 'failed' | 'timedOut' | 'aborted' | 'total',
  number
>;

const counted = (counts: Partial<RunCounts> | undefined): RunCounts => ({
  pending: counts?.pending ?? 0,
  running: counts?.running ?? 0,
  succeeded: counts?.succeeded ?? 0,
  failed: counts?.failed ?? 0,
  timedOut: counts?.timedOut ?? 0,
  aborted: counts?.aborted ?? 0,
  total: counts?.total ?? 0,
});

/** The given execution's status and counts, or the latest execution's. */
export async function reprocessStatus(backend: DeployedBackend, execution?: string): Promise<RunStatus> {
  const sfn = backend.sfn();
  let executionArn = execution;
  if (executionArn === undefined) {
    const stateMachineArn = await backend.output(STACK_OUTPUTS.reprocessStateMachine);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1 }));
    executionArn = listed.executions?.[0]?.executionArn;
    if (!executionArn)
      throw new NoReprocessRunError('no reprocess has run yet: start one with newswatch reprocess');
  }
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const status: RunStatus = {
    executionArn,
    status: described.status ?? 'UNKNOWN',
    ...(described.startDate ? { startDate: described.startDate.toISOString() } : {}),
    ...(described.stopDate ? { stopDate: described.stopDate.toISOString() } : {}),
    ...(described.input ? { input: JSON.parse(described.input) as Record<string, unknown> } : {}),
    ...(described.error ? { error: `${described.error}: ${described.cause ?? ''}`.trim() } : {}),
  };
  const runs = await sfn.send(new ListMapRunsCommand({ executionArn, maxResults: 1 }));
  const mapRunArn = runs.mapRuns?.[0]?.mapRunArn;
  if (mapRunArn) {
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    status.items = counted(run.itemCounts);
    status.batches = counted(run.executionCounts);
  }
  return status;
}
