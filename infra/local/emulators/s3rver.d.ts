/** The part of s3rver 3.7 (no published types) that the local runner uses. */
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    serviceEndpoint?: string;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** What s3rver emits on `event`: one record per request, shaped like an S3 notification. */
  interface S3rverEvent {
    Records: Record<string, unknown>[];
  }

  class S3rver extends EventEmitter {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    reset(): void;
    configureBuckets(): Promise<void>;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
    on(event: string | symbol, listener: (...args: unknown[]) => void): this;
  }

  export = S3rver;
}
