import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3EventRecord } from 'aws-lambda';
import { findFreePort } from '../free-port';
import { createSequencer, normalizeS3Record } from '../invocation/s3-event';

export interface S3Local {
  /** `http://127.0.0.1:<port>` (path-style only). */
  endpoint: string;
  port: number;
  /** s3rver's data directory, deleted by stop() unless it was given in the options. */
  directory: string;
  /**
   * Every notification record s3rver emitted since the start (or the last `takeRecords()`),
   * normalised to the shape of a real S3 event record.
   */
  takeRecords(): S3EventRecord[];
  stop(): Promise<void>;
}

export interface StartS3LocalOptions {
  region: string;
  port?: number;
  /** Errors while normalising a record (never expected) are reported here. */
  onError?: (error: unknown) => void;
  /**
   * A data directory to keep: created if missing, its buckets and objects survive stop() (the
   * CLI's `--local` state). Default: a fresh temporary directory, deleted by stop().
   */
  directory?: string;
}

/**
 * Starts s3rver in-process on a free loopback port, silent, with a fresh temporary directory.
 * s3rver only accepts requests signed with its built-in key pair (S3RVER/S3RVER), which is why the
 * local runner uses those as its dummy credentials.
 */
export async function startS3Local(options: StartS3LocalOptions): Promise<S3Local> {
  const keep = options.directory !== undefined;
  if (options.directory !== undefined) await mkdir(options.directory, { recursive: true });
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'newswatch-s3-')));
  const port = options.port ?? (await findFreePort());
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    resetOnClose: !keep,
    vhostBuckets: false,
  });
  const sequencer = createSequencer();
  let records: S3EventRecord[] = [];
  server.on('event', (event) => {
    for (const raw of event.Records) {
      try {
        records.push(normalizeS3Record(raw, { region: options.region, sequencer }));
      } catch (error) {
        options.onError?.(error);
      }
    }
  });
  try {
    await server.run();
  } catch (error) {
    if (!keep) await rm(directory, { recursive: true, force: true });
    throw error;
  }
  let stopping: Promise<void> | undefined;
  const close = async () => {
    try {
      await server.close();
    } finally {
      if (!keep) await rm(directory, { recursive: true, force: true });
    }
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    takeRecords() {
      const taken = records;
      records = [];
      return taken;
    },
    /** Idempotent: every call returns the same promise. */
    stop: () => (stopping ??= close()),
  };
}
