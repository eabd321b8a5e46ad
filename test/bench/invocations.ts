/**
 * First and warm invocation of each esbuild bundle against the local stack, on the seed article.
 *
 * Each bundle runs in a child `node` process of its own, as one Lambda execution environment: it
 * imports the bundle (module init), then calls `handler` with the event AWS would send, a first
 * and a warm time and then more (see CALLS), timing each call. The child gets only the stack's handler environment and dummy credentials,
 * so the bundled SDK clients reach DynamoDB Local, s3rver and the SNS sink and nothing else.
 * Everything the handler writes to stdout and stderr during a call is counted: at
 * POWERTOOLS_LOG_LEVEL=INFO it is what Lambda would send to CloudWatch Logs (Powertools log lines
 * and the metrics' EMF lines).
 *
 * The children are spawned asynchronously on purpose: s3rver and the SNS sink run in this
 * process's event loop, which a synchronous spawn would block.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { S3Event } from 'aws-lambda';
import { METRICS_NAMESPACE } from '../../functions/contracts/metric-names';
import { articleKey } from '../../functions/contracts/table-schema';
import { LOCAL_DEFAULTS, type LocalStack } from '../../infra/local/local-stack';
import { REPO_ROOT } from '../../infra/paths';
import { streamEvent } from '../support/dynamodb-stream-event-factory';
import { largestAccepted } from './input-scaling';

/** The article the project was created from when ../shared is there, else our own summit seed. */
export function findSeedArticle(): { file: string; name: string } {
  const shared = path.resolve(REPO_ROOT, '../shared/seeds');
  if (existsSync(shared)) {
    const first = readdirSync(shared)
      .filter((name) => !name.startsWith('.'))
      .sort()[0];
    if (first !== undefined) return { file: path.join(shared, first), name: first };
  }
  const own = path.join(REPO_ROOT, 'seeds/articles');
  const summit = readdirSync(own)
    .sort()
    .find((name) => name.startsWith('001-') && name.endsWith('.txt'));
  if (summit === undefined) throw new Error(`no seed article: neither ${shared} nor ${own}/001-*.txt`);
  return { file: path.join(own, summit), name: summit };
}

export interface InvocationFigures {
  firstMs: number;
  warmMs: number;
  /** Median of the calls after the second. */
  steadyMs: number;
  /** Bytes written to stdout + stderr during each call (CloudWatch Logs ingestion proxy). */
  firstLogBytes: number;
  warmLogBytes: number;
  warmLogLines: number;
  /** Of warmLogBytes, the lines below WARN (INFO, DEBUG): what the production level leaves out. */
  warmLogBytesBelowWarn: number;
  /** The process's peak resident set over all its calls (MB). */
  peakRssMb: number;
  /** Set when a call threw or reported failed records: the timings are then suspect. */
  error?: string;
}

const MARKER = '@@newswatch-bench@@';

/**
 * The child's program. The stream `write`s are replaced before the bundle loads: Powertools'
 * Logger keeps a Console built on process.stdout/stderr and calls their `write` for each line.
 */
const childScript = (
  bundle: string,
  eventFile: string,
  functionName: string,
  memoryMb: number,
  calls: number,
) => `
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
const realWrite = process.stdout.write.bind(process.stdout);
let bytes = 0;
let lines = 0;
// Bytes of lines below WARN (what the production level drops outside sampled invocations).
let belowWarnBytes = 0;
const BELOW_WARN = new Set(['DEBUG', 'INFO', 'TRACE']);
const classify = (line) => {
  if (line.trim() === '') return;
  try {
    const parsed = JSON.parse(line);
    // EMF metric lines carry _aws and no level: they are written whatever the level.
    if (parsed && !parsed._aws && BELOW_WARN.has(String(parsed.level).toUpperCase()))
      belowWarnBytes += Buffer.byteLength(line) + 1;
  } catch {}
};
const counting = (chunk, encoding, callback) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  bytes += Buffer.byteLength(text);
  lines += text.split('\\n').length - 1;
  for (const line of text.split('\\n')) classify(line);
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') queueMicrotask(() => done(null));
  return true;
};
process.stdout.write = counting;
process.stderr.write = counting;
const CALLS = ${calls};
const functionName = ${JSON.stringify(functionName)};
const context = () => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + functionName,
  memoryLimitInMB: ${JSON.stringify(String(memoryMb))},
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/' + functionName,
  logStreamName: '2025/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
  getRemainingTimeInMillis: () => 30000,
});
const event = JSON.parse(readFileSync(${JSON.stringify(eventFile)}, 'utf8'));
const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const calls = [];
for (let call = 0; call < CALLS; call += 1) {
  bytes = 0;
  lines = 0;
  belowWarnBytes = 0;
  const start = performance.now();
  let error;
  try {
    const result = await handler(event, context());
    const failed = result && Array.isArray(result.batchItemFailures) ? result.batchItemFailures.length : 0;
    if (failed > 0) error = failed + ' record(s) reported failed';
  } catch (thrown) {
    error = String(thrown && thrown.stack ? thrown.stack : thrown);
  }
  // getrusage's maxrss (kilobytes): the process's peak resident set so far.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  calls.push({ ms: performance.now() - start, bytes, lines, belowWarnBytes, peakRssMb, ...(error ? { error } : {}) });
}
realWrite('\\n${MARKER}' + JSON.stringify(calls) + '\\n', () => process.exit(0));
`;

interface ChildCall {
  ms: number;
  bytes: number;
  lines: number;
  belowWarnBytes: number;
  peakRssMb: number;
  error?: string;
}

const CHILD_TIMEOUT_MS = 120_000;
/**
 * Calls per child: the first (cold), the second (warm, the figure the issue asks for) and ten more
 * for a steady-state median. The local stand-ins and V8's JIT keep warming for several calls, so
 * the second call alone overstates what a busy execution environment takes.
 */
const CALLS = 12;

async function runChild(script: string, env: Record<string, string>): Promise<ChildCall[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill(), CHILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  const line = stdout.split('\n').find((entry) => entry.startsWith(MARKER));
  if (line === undefined) {
    throw new Error(
      `bench child exited with ${String(code)} without a result: ${stderr.trim() || stdout.trim()}`,
    );
  }
  return JSON.parse(line.slice(MARKER.length)) as ChildCall[];
}

/** What a function gets in Lambda that matters here, with the local stack's endpoints. */
const childEnvironment = (stack: LocalStack, name: string): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  ...stack.env,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_SERVICE_NAME: `newswatch-${name}`,
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  AWS_REGION: stack.region,
  AWS_DEFAULT_REGION: stack.region,
  AWS_ACCESS_KEY_ID: LOCAL_DEFAULTS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_DEFAULTS.secretAccessKey,
  AWS_EC2_METADATA_DISABLED: 'true',
  // s3rver predates flexible checksums (as in applyDummyAwsIdentity).
  AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
  AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // As the functions are deployed (NewswatchFunction).
  NODE_OPTIONS: '--enable-source-maps',
});

/** Memory of each function as the constructs configure it (infra/cdk/constructs/compute/*-function.ts). */
export const FUNCTION_MEMORY_MB: Record<string, number> = { ingest: 512, alert: 512, digest: 256 };

const figures = (calls: ChildCall[]): InvocationFigures => {
  const [first, warm, ...rest] = calls;
  const steady = rest.map((call) => call.ms).sort((a, b) => a - b);
  const errors = calls.flatMap((call) => (call.error === undefined ? [] : [call.error]));
  return {
    firstMs: Number((first?.ms ?? 0).toFixed(1)),
    warmMs: Number((warm?.ms ?? 0).toFixed(1)),
    steadyMs: Number((steady[Math.floor(steady.length / 2)] ?? 0).toFixed(1)),
    firstLogBytes: first?.bytes ?? 0,
    warmLogBytes: warm?.bytes ?? 0,
    warmLogLines: warm?.lines ?? 0,
    warmLogBytesBelowWarn: warm?.belowWarnBytes ?? 0,
    peakRssMb: Math.max(0, ...calls.map((call) => call.peakRssMb)),
    ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
  };
};

/**
 * Puts the seed article into the local bucket, then runs ingest on its S3 event, alert on the
 * stream INSERT of the Article item ingest wrote, and digest on `{}`, each bundle in its own process.
 */
export async function measureInvocations(
  stack: LocalStack,
  bundles: Record<string, string>,
  workDir: string,
): Promise<{ seed: string; functions: Record<string, InvocationFigures>; worstInput?: WorstInputFigures }> {
  const seed = findSeedArticle();
  const key = `${stack.articlesPrefix}${seed.name}`;
  const body = readFileSync(seed.file);
  stack.s3Local.takeRecords();
  await stack.clients.s3.send(
    new PutObjectCommand({
      Bucket: stack.bucketName,
      Key: key,
      Body: body,
      ContentType: 'text/plain; charset=utf-8',
    }),
  );
  // The record s3rver emitted, normalised to what S3 sends (URL-encoded key, sequencer, ...).
  const record = stack.s3Local.takeRecords().find((entry) => entry.eventName.startsWith('ObjectCreated:'));
  if (record === undefined) throw new Error('s3rver emitted no ObjectCreated event for the seed article');
  const s3Event: S3Event = { Records: [record] };

  const functions: Record<string, InvocationFigures> = {};
  const child = async (name: string, event: unknown, calls: number, label = name) => {
    const bundle = bundles[name];
    if (bundle === undefined) return undefined;
    const eventFile = path.join(workDir, `${label}-event.json`);
    writeFileSync(eventFile, JSON.stringify(event));
    const script = childScript(
      bundle,
      eventFile,
      `newswatch-${name}`,
      FUNCTION_MEMORY_MB[name] ?? 512,
      calls,
    );
    return figures(await runChild(script, childEnvironment(stack, name)));
  };
  const run = async (name: string, event: unknown) => {
    const found = await child(name, event, CALLS);
    if (found) functions[name] = found;
  };

  await run('ingest', s3Event);
  const worstInput = await measureWorstInput(stack, (event) => child('ingest', event, 1, 'ingest-worst'));

  // The stream INSERT the event source mapping would deliver for the Article item just written.
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({
      TableName: stack.tableName,
      Key: {
        pk: { S: articleKey(key).pk },
        sk: { S: articleKey(key).sk },
      },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) throw new Error(`ingest wrote no Article item for ${key}`);
  const { Table } = await stack.clients.dynamodb.send(
    new DescribeTableCommand({ TableName: stack.tableName }),
  );
  await run(
    'alert',
    streamEvent({
      eventName: 'INSERT',
      newImage: unmarshall(Item),
      ...(Table?.LatestStreamArn ? { streamArn: Table.LatestStreamArn } : {}),
    }),
  );

  // The daily EventBridge schedule's event carries nothing the function reads.
  await run('digest', {});

  // Functions added to FUNCTION_ENTRIES later get no realistic event here: say so, don't guess.
  for (const name of Object.keys(bundles)) {
    functions[name] ??= {
      firstMs: 0,
      warmMs: 0,
      steadyMs: 0,
      firstLogBytes: 0,
      warmLogBytes: 0,
      warmLogLines: 0,
      warmLogBytesBelowWarn: 0,
      peakRssMb: 0,
      error: 'no event defined',
    };
  }
  return { seed: path.relative(REPO_ROOT, seed.file), functions, ...(worstInput ? { worstInput } : {}) };
}

/**
 * Memory for a function whose worst input peaks at `peakRssMb` in its own process: the peak and a
 * quarter again (the garbage collector's slack, Lambda's runtime client), rounded up to a multiple
 * of 64 MB, never under Lambda's 128 MB.
 */
export const recommendedMemoryMb = (peakRssMb: number) =>
  Math.max(128, Math.ceil((peakRssMb * 1.25) / 64) * 64);

/** The ingest function on the worst accepted input: time and peak memory of its own process. */
export interface WorstInputFigures {
  key: string;
  inputMb: number;
  ms: number;
  peakRssMb: number;
  error?: string;
}

/**
 * A 5 MB HTML page (the largest accepted input, and the costliest format to read: see
 * input-scaling.ts) through the ingest bundle in a fresh process: one cold call, the first and
 * only, whose peak resident set is what the function's memory must hold.
 */
async function measureWorstInput(
  stack: LocalStack,
  invoke: (event: S3Event) => Promise<InvocationFigures | undefined>,
): Promise<WorstInputFigures | undefined> {
  const doc = largestAccepted('html');
  const key = `${stack.articlesPrefix}bench/worst-input.html`;
  const body = new TextEncoder().encode(doc.text);
  stack.s3Local.takeRecords();
  await stack.clients.s3.send(
    new PutObjectCommand({
      Bucket: stack.bucketName,
      Key: key,
      Body: body,
      ContentType: 'text/html; charset=utf-8',
    }),
  );
  const record = stack.s3Local.takeRecords().find((entry) => entry.eventName.startsWith('ObjectCreated:'));
  if (record === undefined) throw new Error('s3rver emitted no ObjectCreated event for the worst input');
  const found = await invoke({ Records: [record] });
  if (found === undefined) return undefined;
  return {
    key,
    inputMb: Number((body.length / 1e6).toFixed(2)),
    ms: found.firstMs,
    peakRssMb: found.peakRssMb,
    ...(found.error ? { error: found.error } : {}),
  };
}
