import { GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { ALERT_STREAM_FILTER, matchesFilterPattern } from '../../local/invocation/event-filter';
import { toLambdaRecord } from '../../local/emulators/stream-reader';
import { STACK_OUTPUTS, type DeployedBackend } from '../environment';

/**
 * `redrive`: gives the dead-letter queues' failures another go, and deletes a message only once
 * its redrive succeeded.
 *
 * - ingest queue: Lambda's on-failure records of asynchronous invocations. The original S3 event
 *   (`requestPayload`) is sent to the ingest function again, asynchronously (its retries and this
 *   queue apply again). The function is the stack's `IngestFunctionName` output when it has one,
 *   else the `functionArn` the record names.
 * - alert queue: the stream event source mapping's on-failure records, which hold no records but
 *   the shard and sequence range of the failed batch. The records are read again from the table's
 *   stream (kept 24 hours) and the alert function is invoked synchronously with them, as the
 *   mapping would (filtered the same way); the alert function's story ledger makes a repeat
 *   harmless. Records already trimmed from the stream cannot be redriven: the message stays.
 * - delivery queue: alerts (SNS envelopes) a webhook still failed on after the delivery queue's
 *   retries. Each is sent back to the delivery queue as it is (the delivery function tries every
 *   webhook it matches again; receivers drop repeats by X-Newswatch-Delivery).
 */

export type QueueName = 'ingest' | 'alert' | 'delivery';

export type RedriveResult = 'redriven' | 'would-redrive' | 'left';

export interface RedriveOutcome {
  queue: QueueName;
  messageId: string;
  /** What failed: the S3 keys of an ingest event, the shard range of an alert batch. */
  subject: string;
  result: RedriveResult;
  /** Why a message was left in its queue. */
  reason?: string;
}

interface IngestFailureRecord {
  requestContext?: { functionArn?: string; condition?: string };
  requestPayload?: { Records?: { s3?: { object?: { key?: string } } }[] };
  responsePayload?: { errorType?: string; errorMessage?: string };
}

interface StreamBatchInfo {
  shardId?: string;
  startSequenceNumber?: string;
  endSequenceNumber?: string;
  streamArn?: string;
  batchSize?: number;
}

interface AlertFailureRecord {
  requestContext?: { functionArn?: string; condition?: string };
  DDBStreamBatchInfo?: StreamBatchInfo;
}

const parseBody = (message: Message): Record<string, unknown> | undefined => {
  try {
    const parsed: unknown = JSON.parse(message.Body ?? '');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** `arn:…:function:name:$LATEST` → `arn:…:function:name` (an async invoke of $LATEST is the default). */
const unqualified = (functionArn: string) => functionArn.replace(/:\$LATEST$/, '');

/** Receives every message in the queue (up to `max`), each hidden for `visibilitySeconds`. */
export async function receiveAll(
  backend: DeployedBackend,
  queueUrl: string,
  options: { visibilitySeconds: number; max?: number },
): Promise<Message[]> {
  const seen = new Map<string, Message>();
  const max = options.max ?? 1000;
  for (let round = 0; round < 200 && seen.size < max; round++) {
    const page = await backend.sqs().send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: options.visibilitySeconds,
      }),
    );
    const messages = (page.Messages ?? []).filter((m) => m.MessageId && !seen.has(m.MessageId));
    if (messages.length === 0) break;
    for (const message of messages) seen.set(message.MessageId as string, message);
  }
  return [...seen.values()];
}

/** Reads a failed batch's records again from the stream, in order, start to end inclusive. */
export async function readStreamRange(
  backend: DeployedBackend,
  batch: Required<
    Pick<StreamBatchInfo, 'shardId' | 'startSequenceNumber' | 'endSequenceNumber' | 'streamArn'>
  >,
): Promise<_Record[]> {
  const streams = backend.streams();
  const end = BigInt(batch.endSequenceNumber);
  const started = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: batch.streamArn,
      ShardId: batch.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: batch.startSequenceNumber,
    }),
  );
  const records: _Record[] = [];
  let iterator = started.ShardIterator;
  for (let page = 0; iterator && page < 100; page++) {
    const got = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    for (const record of got.Records ?? []) {
      const sequence = record.dynamodb?.SequenceNumber;
      if (sequence === undefined) continue;
      if (BigInt(sequence) > end) return records;
      records.push(record);
    }
    if (records.length > 0 && records.at(-1)?.dynamodb?.SequenceNumber === batch.endSequenceNumber) break;
    if ((got.Records ?? []).length === 0 && got.NextShardIterator === undefined) break;
    iterator = got.NextShardIterator;
  }
  return records;
}

const STREAM_GONE = new Set([
  'TrimmedDataAccessException',
  'ExpiredIteratorException',
  'ResourceNotFoundException',
]);

async function redriveIngest(
  backend: DeployedBackend,
  message: Message,
  dryRun: boolean,
): Promise<Omit<RedriveOutcome, 'queue' | 'messageId'>> {
  const body = parseBody(message) as IngestFailureRecord | undefined;
  const payload = body?.requestPayload;
  const keys = (payload?.Records ?? []).map((record) => record.s3?.object?.key ?? '?');
  const subject =
    keys.length > 0 ? keys.map((key) => decodeURIComponent(key.replace(/\+/g, ' '))).join(', ') : '(unknown)';
  if (!payload || keys.length === 0) {
    return { subject, result: 'left', reason: 'not an on-failure record with an S3 event (requestPayload)' };
  }
  const functionName =
    (await backend.outputs())[STACK_OUTPUTS.ingestFunction] ??
    (body?.requestContext?.functionArn ? unqualified(body.requestContext.functionArn) : undefined);
  if (functionName === undefined) {
    return {
      subject,
      result: 'left',
      reason: 'no ingest function: the record names none and the stack has no IngestFunctionName output',
    };
  }
  if (dryRun) return { subject, result: 'would-redrive' };
  const invoked = await backend.lambda().send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
  if (invoked.StatusCode !== 202) {
    return {
      subject,
      result: 'left',
      reason: `Lambda answered ${String(invoked.StatusCode)} to the asynchronous invoke`,
    };
  }
  return { subject, result: 'redriven' };
}

async function redriveAlert(
  backend: DeployedBackend,
  message: Message,
  dryRun: boolean,
): Promise<Omit<RedriveOutcome, 'queue' | 'messageId'>> {
  const body = parseBody(message) as AlertFailureRecord | undefined;
  const batch = body?.DDBStreamBatchInfo;
  const functionArn =
    (await backend.outputs())[STACK_OUTPUTS.alertFunction] ?? body?.requestContext?.functionArn;
  if (!batch?.shardId || !batch.startSequenceNumber || !batch.endSequenceNumber || !batch.streamArn) {
    return {
      subject: '(unknown)',
      result: 'left',
      reason: 'not a stream on-failure record (DDBStreamBatchInfo)',
    };
  }
  const subject = `${batch.shardId} ${batch.startSequenceNumber}…${batch.endSequenceNumber}`;
  if (!functionArn) return { subject, result: 'left', reason: 'the record names no alert function' };
  let records: _Record[];
  try {
    records = await readStreamRange(backend, {
      shardId: batch.shardId,
      startSequenceNumber: batch.startSequenceNumber,
      endSequenceNumber: batch.endSequenceNumber,
      streamArn: batch.streamArn,
    });
  } catch (error) {
    if (STREAM_GONE.has((error as Error).name)) {
      return {
        subject,
        result: 'left',
        reason:
          'the records are no longer in the stream (kept 24 hours): re-upload the articles to alert on them',
      };
    }
    throw error;
  }
  if (records.length === 0) {
    return {
      subject,
      result: 'left',
      reason:
        'the records are no longer in the stream (kept 24 hours): re-upload the articles to alert on them',
    };
  }
  const region = batch.streamArn.split(':')[3] ?? '';
  const event: { Records: DynamoDBRecord[] } = {
    Records: records
      .map((record) => toLambdaRecord(record, batch.streamArn as string, region))
      .filter((record) => matchesFilterPattern(ALERT_STREAM_FILTER, record)),
  };
  if (event.Records.length === 0)
    return {
      subject,
      result: dryRun ? 'would-redrive' : 'redriven',
      reason: 'no article records in the range',
    };
  if (dryRun) return { subject, result: 'would-redrive' };
  const invoked = await backend.lambda().send(
    new InvokeCommand({
      FunctionName: unqualified(functionArn),
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  const answer = invoked.Payload ? new TextDecoder().decode(invoked.Payload) : '';
  if (invoked.FunctionError) {
    return { subject, result: 'left', reason: `the alert function failed again: ${answer.slice(0, 200)}` };
  }
  let failures = 0;
  try {
    failures = ((JSON.parse(answer) as { batchItemFailures?: unknown[] }).batchItemFailures ?? []).length;
  } catch {
    // No JSON body: nothing reported as failed.
  }
  if (failures > 0)
    return { subject, result: 'left', reason: `the alert function failed again on ${failures} record(s)` };
  return { subject, result: 'redriven' };
}

/** A failed alert back onto the delivery queue, unchanged: its envelope is what the function reads. */
async function redriveDelivery(
  backend: DeployedBackend,
  message: Message,
  dryRun: boolean,
): Promise<Omit<RedriveOutcome, 'queue' | 'messageId'>> {
  const body = parseBody(message);
  const alert =
    typeof body?.Message === 'string' ? (JSON.parse(body.Message) as Record<string, unknown>) : {};
  const subject = `alert ${String(body?.MessageId ?? '?')} (${String(alert.topicId ?? '?')})`;
  if (dryRun) return { subject, result: 'would-redrive' };
  await backend.sqs().send(
    new SendMessageCommand({
      QueueUrl: await backend.output(STACK_OUTPUTS.deliveryQueue),
      MessageBody: message.Body ?? '',
    }),
  );
  return { subject, result: 'redriven' };
}

const DEAD_LETTER_OUTPUTS = {
  ingest: STACK_OUTPUTS.ingestDeadLetterQueue,
  alert: STACK_OUTPUTS.alertDeadLetterQueue,
  delivery: STACK_OUTPUTS.deliveryDeadLetterQueue,
} as const satisfies Record<QueueName, string>;

/** Redrives one queue; messages not redriven are made visible again at once. */
export async function redriveQueue(
  backend: DeployedBackend,
  queue: QueueName,
  options: { dryRun: boolean },
): Promise<RedriveOutcome[]> {
  const queueUrl = await backend.output(DEAD_LETTER_OUTPUTS[queue]);
  // Hidden long enough for one synchronous alert invocation (60 s timeout) per message.
  const messages = await receiveAll(backend, queueUrl, { visibilitySeconds: 300 });
  const outcomes: RedriveOutcome[] = [];
  for (const message of messages) {
    let outcome: Omit<RedriveOutcome, 'queue' | 'messageId'>;
    try {
      outcome =
        queue === 'ingest'
          ? await redriveIngest(backend, message, options.dryRun)
          : queue === 'alert'
            ? await redriveAlert(backend, message, options.dryRun)
            : await redriveDelivery(backend, message, options.dryRun);
    } catch (error) {
      outcome = {
        subject: '(unknown)',
        result: 'left',
        reason: `${(error as Error).name}: ${(error as Error).message}`,
      };
    }
    if (outcome.result === 'redriven') {
      await backend
        .sqs()
        .send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    } else {
      try {
        await backend.sqs().send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
      } catch {
        // It becomes visible again when its visibility timeout ends anyway.
      }
    }
    outcomes.push({ queue, messageId: message.MessageId ?? '', ...outcome });
  }
  return outcomes;
}

export const LOCAL_REDRIVE_NOTE =
  'the local stack has no dead-letter queues: upload --local runs ingest and alerts in-process (with the retries Lambda makes) and reports failures at once, so there is nothing to redrive';
