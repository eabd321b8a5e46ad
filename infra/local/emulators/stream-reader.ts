import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as StreamsAttributeValue,
  type _Record as StreamsRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

/**
 * Reads a table's DynamoDB stream the way Lambda's event source mapping does: every shard from
 * TRIM_HORIZON, parents before children, keeping each shard's position between calls to
 * {@link StreamReader.drain}, and converts the records to the shape Lambda delivers.
 */
export class StreamReader {
  readonly #streams: DynamoDBStreamsClient;
  readonly #streamArn: string;
  readonly #region: string;
  /** shard id → next iterator; `null` once a closed shard has been read to its end. */
  readonly #positions = new Map<string, string | null>();
  readonly #shards = new Map<string, Shard>();

  private constructor(streams: DynamoDBStreamsClient, streamArn: string, region: string) {
    this.#streams = streams;
    this.#streamArn = streamArn;
    this.#region = region;
  }

  get streamArn(): string {
    return this.#streamArn;
  }

  static async open(options: {
    dynamodb: DynamoDBClient;
    streams: DynamoDBStreamsClient;
    tableName: string;
    region: string;
  }): Promise<StreamReader> {
    const table = await options.dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (streamArn === undefined) throw new Error(`table ${options.tableName} has no stream`);
    return new StreamReader(options.streams, streamArn, options.region);
  }

  async #refreshShards(): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await this.#streams.send(
        new DescribeStreamCommand({
          StreamArn: this.#streamArn,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
      );
      for (const shard of page.StreamDescription?.Shards ?? []) {
        if (shard.ShardId !== undefined) this.#shards.set(shard.ShardId, shard);
      }
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId !== undefined);
  }

  /** Shards in an order where a parent always comes before its children. */
  #orderedShardIds(): string[] {
    const ordered: string[] = [];
    const visit = (id: string, seen: Set<string>) => {
      if (seen.has(id)) return;
      seen.add(id);
      const parent = this.#shards.get(id)?.ParentShardId;
      if (parent !== undefined && this.#shards.has(parent)) visit(parent, seen);
      ordered.push(id);
    };
    const seen = new Set<string>();
    for (const id of this.#shards.keys()) visit(id, seen);
    return ordered;
  }

  /** Reads one pass over all shards and returns what was new, in order, per shard. */
  async #readOnce(): Promise<DynamoDBRecord[]> {
    await this.#refreshShards();
    const records: DynamoDBRecord[] = [];
    for (const shardId of this.#orderedShardIds()) {
      const position = this.#positions.get(shardId);
      if (position === null) continue;
      let iterator: string | null;
      if (position === undefined) {
        const started = await this.#streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.#streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        iterator = started.ShardIterator ?? null;
      } else {
        iterator = position;
      }
      while (iterator !== null) {
        const page = await this.#streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
        );
        const got = page.Records ?? [];
        records.push(...got.map((record) => toLambdaRecord(record, this.#streamArn, this.#region)));
        iterator = page.NextShardIterator ?? null;
        if (got.length === 0) break;
      }
      this.#positions.set(shardId, iterator);
    }
    return records;
  }

  /**
   * Returns every record written since the last call. Stops once a pass finds nothing new and a
   * second pass after a short pause confirms it (DynamoDB Local publishes synchronously, the pause
   * is only a guard).
   */
  async drain(options: { quietMs?: number } = {}): Promise<DynamoDBRecord[]> {
    const all: DynamoDBRecord[] = [];
    let quietPasses = 0;
    while (quietPasses < 2) {
      const got = await this.#readOnce();
      all.push(...got);
      if (got.length === 0) {
        quietPasses++;
        if (quietPasses < 2) await new Promise((resolve) => setTimeout(resolve, options.quietMs ?? 50));
      } else {
        quietPasses = 0;
      }
    }
    return all;
  }
}

/** Converts one attribute value from the Streams client's form (binary as bytes) to Lambda's (base64). */
export function toLambdaAttributeValue(value: StreamsAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  // The Streams client reads an empty map (`{"M":{}}` on the wire) as a value with no member.
  if (Object.keys(value).length === 0) return { M: {} };
  throw new Error(`unknown attribute value ${JSON.stringify(value)}`);
}

export function toLambdaImage(image: Record<string, StreamsAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, toLambdaAttributeValue(value)]),
  );
}

/** One record as Lambda delivers it from a DynamoDB stream. */
export function toLambdaRecord(record: StreamsRecord, streamArn: string, region: string): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const created = stream.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ...(created === undefined ? {} : { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) }),
      ...(stream.Keys === undefined ? {} : { Keys: toLambdaImage(stream.Keys) }),
      ...(stream.NewImage === undefined ? {} : { NewImage: toLambdaImage(stream.NewImage) }),
      ...(stream.OldImage === undefined ? {} : { OldImage: toLambdaImage(stream.OldImage) }),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
    eventSourceARN: streamArn,
  };
}
