import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { matchesFilterPolicy } from './filter-policy';
import {
  SnsError,
  errorResponseXml,
  parsePublishRequest,
  publishResponseXml,
  type PublishRequest,
} from './protocol';
import {
  SUBSCRIPTION_ACTIONS,
  SubscriptionBook,
  type LocalSubscription,
  type SubscriptionAction,
  type SubscriptionProtocol,
} from './subscription-book';

/**
 * A local stand-in for SNS over HTTP, speaking awsQuery (see ./protocol). It understands
 * `Publish` (what the alert function sends) and the subscription actions of ./subscription-book;
 * every other action, and every invalid request, gets the XML `ErrorResponse` real SNS sends.
 *
 * Nothing is ever delivered. Each accepted message is kept in memory (and, when a file is given,
 * appended to it as one JSON line) together with the subscriptions it *would* reach according to
 * their filter policies. With `subscriptionsFile` the subscriptions are kept in a JSON file across
 * runs.
 */

export interface CapturedPublish extends PublishRequest {
  messageId: string;
  /** ISO time the sink received it. */
  receivedAt: string;
  /**
   * The subscriptions of its topic whose filter policy lets it through (none are contacted).
   * Always set by the sink; optional so that captured messages written before it existed parse.
   */
  deliveredTo?: { subscriptionArn: string; protocol: SubscriptionProtocol; endpoint: string }[];
}

export interface SnsSink {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL_SNS. */
  endpoint: string;
  port: number;
  /** Messages accepted so far, oldest first. */
  readonly messages: readonly CapturedPublish[];
  /** Every subscription, oldest first. */
  readonly subscriptions: readonly LocalSubscription[];
  /** Forgets the messages kept in memory (the file and the subscriptions are left alone). */
  clear(): void;
  stop(): Promise<void>;
}

export interface StartSnsSinkOptions {
  /** Topics that exist; a Publish to any other gets `NotFound`. Default: any well-formed ARN. */
  topicArns?: readonly string[];
  /** Appends one JSON line per accepted message to this file (its folder is created). */
  file?: string;
  /**
   * Keeps the subscriptions in this JSON file: read at start (when it exists), rewritten after
   * every change. Default: in memory only.
   */
  subscriptionsFile?: string;
  port?: number;
  host?: string;
}

const MAX_BODY_BYTES = 1_048_576;

export async function startSnsSink(options: StartSnsSinkOptions = {}): Promise<SnsSink> {
  const known = options.topicArns === undefined ? undefined : new Set(options.topicArns);
  const messages: CapturedPublish[] = [];
  const subscriptions = await SubscriptionBook.open(options.subscriptionsFile, known);
  if (options.file !== undefined) await mkdir(dirname(options.file), { recursive: true });
  // Appends are chained so lines stay in publish order even when requests overlap.
  let writes: Promise<void> = Promise.resolve();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const send = (status: number, xml: string) => {
      response.writeHead(status, {
        'content-type': 'text/xml',
        'x-amzn-requestid': requestId,
        'content-length': Buffer.byteLength(xml),
      });
      response.end(xml);
    };
    try {
      if (request.method !== 'POST') {
        throw new SnsError(
          'InvalidAction',
          `The local SNS sink only accepts POST (got ${request.method ?? '?'}).`,
        );
      }
      const contentType = request.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        throw new SnsError(
          'InvalidAction',
          `Unsupported content type ${contentType || '(none)'}: only the awsQuery protocol is understood.`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) throw new SnsError('RequestEntityTooLarge', 'Request body too large', 413);
        chunks.push(chunk);
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const action = new URLSearchParams(body).get('Action');
      if (action !== null && action !== 'Publish' && Object.hasOwn(SUBSCRIPTION_ACTIONS, action)) {
        send(200, await subscriptions.handle(action as SubscriptionAction, body, requestId));
        return;
      }
      const publish = parsePublishRequest(body, known);
      const captured: CapturedPublish = {
        messageId: randomUUID(),
        receivedAt: new Date().toISOString(),
        ...publish,
        deliveredTo: subscriptions
          .list(publish.topicArn)
          .filter((subscription) => matchesFilterPolicy(subscription.filterPolicy, publish.messageAttributes))
          .map(({ subscriptionArn, protocol, endpoint }) => ({ subscriptionArn, protocol, endpoint })),
      };
      if (options.file !== undefined) {
        const file = options.file;
        const write = writes.then(() => appendFile(file, `${JSON.stringify(captured)}\n`, 'utf8'));
        writes = write.catch(() => undefined);
        await write;
      }
      messages.push(captured);
      send(200, publishResponseXml(captured.messageId, requestId));
    } catch (error) {
      const snsError =
        error instanceof SnsError ? error : new SnsError('InternalError', String(error), 500, 'Receiver');
      if (!response.headersSent) send(snsError.status, errorResponseXml(snsError, requestId));
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await writes;
    await subscriptions.flush();
  };
  return {
    endpoint: `http://${host}:${port}`,
    port,
    messages,
    get subscriptions() {
      return subscriptions.list();
    },
    clear() {
      messages.length = 0;
    },
    /** Idempotent: every call returns the same promise. */
    stop: () => (stopping ??= close()),
  };
}
