/**
 * `npm start -- [dir] [--feeds <dir>] [--json] [--verbose]`: runs the local pipeline (see
 * pipeline.ts) on the files of `dir` (default seeds/articles), or on the entries of the feeds in
 * `--feeds <dir>` served on loopback and polled as sources, and prints the report. Exit codes: 0 done, 1 something failed,
 * 2 Java is missing, 64 bad arguments, 130 interrupted.
 *
 * The stack keeps its state in `.local/state` (see DEFAULT_STATE_DIR): emptied at the start of
 * every run, then left as the run made it, so that `newswatch --local …` can query it afterwards.
 * With `--console` the stack stays up after the report and the web console is served on it
 * (console-server.ts) until Ctrl-C.
 */
import { stat } from 'node:fs/promises';
import { EXIT_MISSING_PREREQUISITE, JAVA_MISSING_MESSAGE, JavaMissingError, checkJava } from './java-check';
import { USAGE, parseArgs } from './cli-args';
import { startConsoleServer } from './console-server';
import { LocalStateLockedError, startLocalStack, type LocalStack } from './local-stack';
import { DEFAULT_ALERTS_FILE, DEFAULT_STATE_DIR } from './paths';
import { runLocalPipeline, stderrLogger } from './pipeline';
import { serveFeedFolder, type FeedServer } from './feed-server';
import { followLocalSources, pollLocalSources } from './sources-local';
import { formatHumanReport, toJsonReport } from './report';
import { redirectStdoutToStderr, writeToRealStdout } from './stdout-redirect';

/**
 * Follows every served feed as a source and polls them all once with the real poller; the
 * entries it writes are what the pipeline ingests. One line per feed that failed, and a summary,
 * on stderr.
 */
async function followAndPoll(stack: LocalStack, feeds: FeedServer): Promise<string[]> {
  const started = performance.now();
  await followLocalSources(
    stack,
    feeds.feeds.map(({ file, url }) => ({ id: feedSourceId(file), url, name: file })),
  );
  const run = await pollLocalSources(stack);
  for (const source of run.sources.filter((s) => s.status === 'failing')) {
    process.stderr.write(`newswatch: feed ${source.id} failed: ${source.error ?? 'unknown error'}\n`);
  }
  const written = run.sources.flatMap((source) => source.written);
  const ms = Math.round(performance.now() - started);
  process.stderr.write(
    `newswatch: polled ${run.sources.length} feeds from ${feeds.baseUrl} in ${ms} ms: ` +
      `${written.length} new entries, ${run.sources.filter((s) => s.status === 'failing').length} failing\n`,
  );
  return written;
}

/** A source id from a feed's file name (`reddit-atom.rss` → `reddit-atom-rss`). */
const feedSourceId = (file: string) =>
  file
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'feed';

async function main(): Promise<number> {
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args) {
    await writeToRealStdout(USAGE);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`newswatch: ${args.error}\n${USAGE}`);
    return 64;
  }
  for (const [dir, what] of [
    [args.inputDir, 'articles'],
    [args.feedsDir, 'feeds'],
  ] as const) {
    if (dir === undefined) continue;
    const input = await stat(dir).catch(() => null);
    if (!input?.isDirectory()) {
      process.stderr.write(`newswatch: ${dir} is not a folder of ${what}\n${USAGE}`);
      return 64;
    }
  }
  if (!checkJava().ok) {
    process.stderr.write(`${JAVA_MISSING_MESSAGE}\n`);
    return EXIT_MISSING_PREREQUISITE;
  }
  // Everything but the report goes to stderr, whatever writes it.
  const restoreStdout = redirectStdoutToStderr();
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      process.stderr.write(`newswatch: ${signal} again, exiting now\n`);
      process.exit(130);
    }
    interrupted = true;
    process.stderr.write(`newswatch: ${signal}, stopping the local services…\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const logger = stderrLogger(args.verbose);
  let stack: LocalStack | undefined;
  let stopFeeds: (() => Promise<void>) | undefined;
  try {
    logger.info('newswatch: starting DynamoDB Local, s3rver and the SNS sink');
    stack = await startLocalStack({
      stateDir: DEFAULT_STATE_DIR,
      alertsFile: DEFAULT_ALERTS_FILE,
      logLevel: args.verbose ? 'INFO' : 'WARN',
      log: (line) => logger.info(line),
      signal: controller.signal,
    });
    const feeds = args.feedsDir === undefined ? undefined : await serveFeedFolder(args.feedsDir);
    stopFeeds = feeds?.stop;
    const report = await runLocalPipeline({
      inputDir: args.inputDir,
      ...(feeds && !args.inputGiven ? { files: [] } : {}),
      ...(feeds ? { writeObjects: (local: LocalStack) => followAndPoll(local, feeds) } : {}),
      json: args.json,
      verbose: args.verbose,
      logger,
      stack,
      reset: true,
      signal: controller.signal,
    });
    if (interrupted) return 130;
    report.stats.wallTimeMs = Math.round(performance.now() - started);
    restoreStdout();
    if (args.json) await writeToRealStdout(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
    else await writeToRealStdout(formatHumanReport(report));
    const code = report.failures.length > 0 ? 1 : 0;
    if (args.consolePort === undefined) return code;
    const server = await startConsoleServer({
      port: args.consolePort,
      env: stack.env,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stderr.write(`console: ${server.url} (Ctrl-C stops it and the local services)\n`);
    // Until the first signal: onSignal aborts the controller.
    await new Promise<void>((resolveStop) => {
      if (controller.signal.aborted) resolveStop();
      else controller.signal.addEventListener('abort', () => resolveStop(), { once: true });
    });
    await server.close();
    return code;
  } catch (error) {
    if (interrupted) return 130;
    if (error instanceof JavaMissingError) {
      process.stderr.write(`${JAVA_MISSING_MESSAGE}\n`);
      return EXIT_MISSING_PREREQUISITE;
    }
    if (error instanceof LocalStateLockedError) {
      process.stderr.write(`newswatch: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `newswatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  } finally {
    await stopFeeds?.();
    await stack?.stop();
    restoreStdout();
  }
}

// Exit explicitly: idle keep-alive sockets of the handlers' SDK clients must not hold the process.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`newswatch: ${String(error)}\n`);
    process.exit(1);
  },
);
