import { Command, CommanderError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { JAVA_MISSING_MESSAGE, JavaMissingError } from '../local/java-check';
import { DEFAULT_STATE_DIR } from '../local/paths';
import {
  CERTAINTIES,
  MINIMUM_CERTAINTIES,
  REJECTION_REASONS,
  type Certainty,
  type MinimumCertainty,
} from '../../functions/contracts/vocabulary';
import {
  checkRange,
  collectTopicIds,
  oneOf,
  parseDay,
  parseEmail,
  parsePhone,
  parsePositiveInt,
  parseTopicId,
} from './args';
import type { Backend, DeployedBackend, LocalBackend } from './environment';
import { CliError, EXIT, UsageError, classifyAwsError, oneLine, type ExitCode } from './errors';
import { markCues } from '../../functions/messages/alert-message';
import { cell, processIo, renderJson, renderTable, type CliIo } from './output';

// Command modules are loaded when their command runs: topic analysis loads the NLP model and the
// local pipeline the handlers, seconds that `--help` or `subscriptions` should not pay.
const commands = {
  queries: () => import('./commands/queries'),
  redrive: () => import('./commands/redrive'),
  digest: () => import('./commands/digest'),
  topics: () => import('./commands/topics'),
  upload: () => import('./commands/upload'),
  environment: () => import('./environment'),
};
import type { QueueName, RedriveOutcome } from './commands/redrive';
import { listSubscriptions, subscribe, unsubscribe, type SubscriptionRow } from './commands/subscriptions';
import type { TopicTestEntry } from './commands/topics';
import type { UploadOutcome, UploadReport } from './commands/upload';

/**
 * The stack name infra/cdk/app.ts deploys (STACK_ID there). Not imported: that module loads the CDK,
 * which would add seconds to every command; a unit test keeps the two equal.
 */
export const DEFAULT_STACK_NAME = 'Newswatch';

interface GlobalOptions {
  local?: boolean;
  stack: string;
  region?: string;
  stateDir: string;
  json?: boolean;
  verbose?: boolean;
}

export interface RunCliOptions {
  io?: CliIo;
  /** Replaceable for tests: how the backends are made. */
  deployedBackend?: (options: { stackName: string; region?: string }) => DeployedBackend;
  localBackend?: (options: { stateDir: string; verbose?: boolean }) => LocalBackend;
}

/** Backends in use, so an interrupt can stop the local services before the process exits. */
const openBackends = new Set<Backend>();

export async function closeOpenBackends(): Promise<void> {
  await Promise.all([...openBackends].map((backend) => backend.close()));
  openBackends.clear();
}

/** Commander's own errors that are about the arguments (all of them but help and version). */
const commanderExitCode = (error: CommanderError): ExitCode =>
  error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;

const usageHint = ' (see newswatch --help)';

/**
 * Runs `newswatch <argv>` and returns the exit code: 0 ok, 1 the operation failed, 2 a missing
 * prerequisite (Java for --local, AWS credentials, the stack), 64 bad arguments. Every failure is
 * one line on stderr.
 */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  let exitCode: ExitCode = EXIT.ok;
  const program = buildProgram(io, options, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    const classified = classifyAwsError(error);
    if (classified instanceof JavaMissingError) {
      io.stderr(`${JAVA_MISSING_MESSAGE}\n`);
      return EXIT.missingPrerequisite;
    }
    // By name: local-stack.ts is only loaded by the commands that use it.
    if (classified instanceof Error && classified.name === 'LocalStateLockedError') {
      io.stderr(`newswatch: ${classified.message}\n`);
      return EXIT.failed;
    }
    if (classified instanceof CliError) {
      io.stderr(`newswatch: ${classified.message}${classified.exitCode === EXIT.usage ? usageHint : ''}\n`);
      return classified.exitCode;
    }
    io.stderr(`newswatch: ${oneLine(classified)}\n`);
    return EXIT.failed;
  } finally {
    await closeOpenBackends();
  }
}

function buildProgram(io: CliIo, options: RunCliOptions, setExit: (code: ExitCode) => void): Command {
  const program = new Command('newswatch');
  program
    .description('Newswatch operator CLI: upload articles, query the table, manage topics and subscribers')
    .option(
      '--local',
      'work against the local stand-ins (DynamoDB Local, s3rver, SNS sink) on the state folder',
    )
    .option('--stack <name>', 'CloudFormation stack name (deployed mode)', DEFAULT_STACK_NAME)
    .option('--region <region>', 'AWS region (deployed mode; default: your AWS configuration)')
    .option('--state-dir <dir>', 'state folder of --local (shared with npm start)', DEFAULT_STATE_DIR)
    .option('--json', 'print one JSON document on stdout instead of tables')
    .option('--verbose', "--local: the handlers' logs and metrics (JSON lines) on stderr")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) =>
        write(`newswatch: ${text.replace(/^error: /, '').trimEnd()}${usageHint}\n`),
    });

  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();
  const print = (text: string) => io.stdout(text);

  /** Opens the backend the global options choose, runs `work` and closes it. */
  const withBackend = async <T>(
    command: Command,
    work: (backend: Backend, g: GlobalOptions) => Promise<T>,
  ) => {
    const g = globals(command);
    const explicit = (name: string) => command.getOptionValueSourceWithGlobals(name) === 'cli';
    let backend: Backend;
    if (g.local) {
      if (explicit('stack') || explicit('region')) {
        throw new UsageError('--stack and --region choose a deployed stack: leave them out with --local');
      }
      const make = options.localBackend ?? (await commands.environment()).createLocalBackend;
      backend = make({
        stateDir: g.stateDir,
        verbose: g.verbose === true,
      });
    } else {
      const make = options.deployedBackend ?? (await commands.environment()).createDeployedBackend;
      backend = make({
        stackName: g.stack,
        ...(g.region === undefined ? {} : { region: g.region }),
      });
    }
    openBackends.add(backend);
    try {
      return await work(backend, g);
    } finally {
      openBackends.delete(backend);
      await backend.close();
    }
  };

  // upload ------------------------------------------------------------------------------------
  program
    .command('upload')
    .description(
      'upload article files (or every file of a folder) under articles/; unchanged files are skipped',
    )
    .argument('<paths...>', 'files or folders')
    .option('--concurrency <n>', 'uploads in flight at once', parsePositiveInt(64), 8)
    .option('--prefix <prefix>', 'key prefix under articles/ (e.g. 2025/10/)')
    .action(async (paths: string[], opts: { concurrency: number; prefix?: string }, command: Command) => {
      const { normalisePrefix, resolveUploadItems, uploadThroughLocalPipeline, uploadToBucket } =
        await commands.upload();
      const prefix = normalisePrefix(opts.prefix);
      await withBackend(command, async (backend, g) => {
        const items = await resolveUploadItems(paths, 'articles/', prefix);
        const bar =
          io.stderrIsTty && io.progressStream
            ? new SingleBar({
                stream: io.progressStream,
                format: 'uploading [{bar}] {value}/{total} {file}',
                hideCursor: true,
                clearOnComplete: true,
              })
            : undefined;
        bar?.start(items.length, 0, { file: '' });
        const onDone = (outcome: UploadOutcome) => bar?.increment({ file: outcome.key });
        let report: UploadReport;
        try {
          report =
            backend.mode === 'local'
              ? await uploadThroughLocalPipeline(backend as LocalBackend, items, {
                  concurrency: opts.concurrency,
                  prefix,
                  onDone,
                  warn: (line) => io.stderr(`${line}\n`),
                })
              : await uploadToBucket(await backend.bucket(), items, {
                  concurrency: opts.concurrency,
                  onDone,
                });
        } finally {
          bar?.stop();
        }
        print(g.json ? renderJson(report) : formatUploadReport(report));
        if (report.tally.failed > 0) setExit(EXIT.failed);
      });
    });

  // articles ----------------------------------------------------------------------------------
  program
    .command('articles')
    .description('list articles, newest first (gsi1 ARTICLES)')
    .option('--topic <id>', 'only articles that matched this topic', parseTopicId)
    .option('--entity <name>', 'only articles naming this person, organisation or place (or an alias)')
    .option('--from <YYYY-MM-DD>', 'published on or after', parseDay)
    .option('--to <YYYY-MM-DD>', 'published on or before', parseDay)
    .option('--limit <n>', 'at most this many', parsePositiveInt(10_000), 50)
    .action(
      async (
        opts: { topic?: string; entity?: string; from?: string; to?: string; limit: number },
        command: Command,
      ) => {
        checkRange(opts.from, opts.to);
        if (opts.entity !== undefined && opts.entity.trim() === '')
          throw new UsageError('--entity needs a name');
        await withBackend(command, async (backend, g) => {
          const { queryArticles } = await commands.queries();
          const rows = await queryArticles(await backend.table(), opts);
          print(
            g.json
              ? renderJson(rows)
              : renderTable(
                  ['published', 'key', 'title', 'people', 'places'],
                  rows.map((row) => [
                    row.publishedAt ?? '',
                    cell(row.key, 50),
                    cell(row.title, 60),
                    cell(row.entities.people.slice(0, 3).join(', '), 40),
                    cell(row.entities.places.slice(0, 3).join(', '), 30),
                  ]),
                  '(no articles)',
                ),
          );
        });
      },
    );

  // rejections --------------------------------------------------------------------------------
  program
    .command('rejections')
    .description('list rejected uploads, newest first (gsi1 REJECTIONS)')
    .option(
      '--reason <reason>',
      `only this reason (${REJECTION_REASONS.join(', ')})`,
      oneOf(REJECTION_REASONS),
    )
    .option('--from <YYYY-MM-DD>', 'rejected on or after', parseDay)
    .option('--to <YYYY-MM-DD>', 'rejected on or before', parseDay)
    .option('--limit <n>', 'at most this many', parsePositiveInt(10_000), 50)
    .action(
      async (opts: { reason?: string; from?: string; to?: string; limit: number }, command: Command) => {
        checkRange(opts.from, opts.to);
        await withBackend(command, async (backend, g) => {
          const { queryRejections } = await commands.queries();
          const rows = await queryRejections(await backend.table(), opts);
          print(
            g.json
              ? renderJson(rows)
              : renderTable(
                  ['rejected at', 'key', 'reason', 'detail'],
                  rows.map((row) => [row.rejectedAt, cell(row.key, 50), row.reason, cell(row.detail, 60)]),
                  '(no rejections)',
                ),
          );
        });
      },
    );

  // matches -----------------------------------------------------------------------------------
  program
    .command('matches')
    .description("list a topic's matches, newest first, whether or not they alerted")
    .requiredOption('--topic <id>', 'topic id', parseTopicId)
    .option('--from <YYYY-MM-DD>', "article's date on or after", parseDay)
    .option('--to <YYYY-MM-DD>', "article's date on or before", parseDay)
    .option('--certainty <c>', `only this certainty (${CERTAINTIES.join(', ')})`, oneOf(CERTAINTIES))
    .option('--limit <n>', 'at most this many', parsePositiveInt(10_000), 50)
    .action(
      async (
        opts: { topic: string; from?: string; to?: string; certainty?: Certainty; limit: number },
        command: Command,
      ) => {
        checkRange(opts.from, opts.to);
        await withBackend(command, async (backend, g) => {
          const { queryMatches } = await commands.queries();
          const table = await backend.table();
          const rows = await queryMatches(table, opts);
          if (rows.length === 0 && !g.json) {
            // Nothing found: say whether the topic exists at all, the likelier mistake.
            const { listTopics } = await commands.topics();
            const known = (await listTopics(table)).topics.map((topic) => topic.id);
            if (!known.includes(opts.topic)) {
              print(
                `(no matches: there is no topic ${opts.topic}; topics in force: ${known.join(', ') || 'none'})\n`,
              );
              return;
            }
          }
          print(
            g.json
              ? renderJson(rows)
              : renderTable(
                  ['date', 'certainty', 'outcome', 'key', 'title'],
                  rows.map((row) => [
                    (row.publishedAt ?? row.matchedAt).slice(0, 10),
                    row.certainty,
                    row.outcome,
                    cell(row.articleKey, 50),
                    cell(row.title, 60),
                  ]),
                  `(no matches for ${opts.topic})`,
                ),
          );
        });
      },
    );

  // topics ------------------------------------------------------------------------------------
  const topics = program.command('topics').description('tracked topics: list, add, remove, test');
  topics
    .command('list')
    .description('the topics in force: seeds/topics.json merged with those added at run time')
    .action(async (_opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { listTopics } = await commands.topics();
        const listing = await listTopics(await backend.table());
        if (g.json) {
          print(renderJson(listing));
          return;
        }
        for (const problem of listing.invalid) {
          io.stderr(
            `newswatch: stored topic ${problem.id} is invalid and ignored: ${oneLine(problem.error)}\n`,
          );
        }
        print(
          renderTable(
            ['id', 'name', 'actors', 'minimum', 'origin'],
            listing.topics.map((topic) => [
              topic.id,
              cell(topic.name, 40),
              cell(topic.actors.map((actor) => actor.name).join(' + '), 50),
              topic.minimumCertainty,
              topic.origin,
            ]),
            '(no topics)',
          ),
        );
      });
    });
  topics
    .command('add')
    .description('add or replace topics from a JSON file (one topic, an array, or {"topics":[…]})')
    .argument('<file>', 'topic definition file')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const { addTopics, readTopicFile } = await commands.topics();
      // Validated before anything starts: a bad file needs no stack.
      await readTopicFile(file);
      await withBackend(command, async (backend, g) => {
        const added = await addTopics(await backend.table(), file);
        print(
          g.json
            ? renderJson({ added: added.map((topic) => topic.id) })
            : added.map((topic) => `added topic ${topic.id} (${topic.name})\n`).join(''),
        );
      });
    });
  topics
    .command('remove')
    .description('remove a topic (a default topic stays hidden)')
    .argument('<id>', 'topic id', parseTopicId)
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { removeTopic } = await commands.topics();
        await removeTopic(await backend.table(), id);
        print(g.json ? renderJson({ removed: id }) : `removed topic ${id}\n`);
      });
    });
  topics
    .command('test')
    .description('what an article file would match, with certainty, evidence and cues; sends nothing')
    .argument('<article-file>', 'an article in any upload format')
    .option(
      '--topics-file <file>',
      'topics to test against (default: the topics in force, which needs the table)',
    )
    .action(async (file: string, opts: { topicsFile?: string }, command: Command) => {
      const g = globals(command);
      const { listTopics, readTopicFile, testArticle } = await commands.topics();
      const run = async (topicList: Awaited<ReturnType<typeof readTopicFile>>) => {
        const entries = await testArticle(file, topicList);
        print(g.json ? renderJson({ file, entries }) : formatTopicTest(entries));
      };
      if (opts.topicsFile !== undefined) {
        await run(await readTopicFile(opts.topicsFile));
        return;
      }
      await withBackend(command, async (backend) => {
        await run((await listTopics(await backend.table())).topics);
      });
    });

  // subscriptions -----------------------------------------------------------------------------
  program
    .command('subscribe')
    .description(
      'subscribe an email address or phone number to alerts, filtered by topic and minimum certainty',
    )
    .addOption(new Option('--email <address>', 'email address').argParser(parseEmail).conflicts('sms'))
    .addOption(new Option('--sms <number>', 'E.164 phone number').argParser(parsePhone))
    .option('--topic <id...>', 'only these topics (default: every topic)', collectTopicIds)
    .addOption(
      new Option('--min-certainty <c>', 'weakest certainty to receive; denials always get through')
        .choices(MINIMUM_CERTAINTIES)
        .default('speculative'),
    )
    .action(
      async (
        opts: { email?: string; sms?: string; topic?: string[]; minCertainty: MinimumCertainty },
        command: Command,
      ) => {
        if (opts.email === undefined && opts.sms === undefined) throw new UsageError('give --email or --sms');
        await withBackend(command, async (backend, g) => {
          const protocol = opts.email !== undefined ? 'email' : 'sms';
          const result = await subscribe(await backend.alerts(), {
            protocol,
            endpoint: (opts.email ?? opts.sms) as string,
            ...(opts.topic ? { topics: opts.topic } : {}),
            minimumCertainty: opts.minCertainty,
          });
          if (g.json) {
            print(renderJson(result));
            return;
          }
          const what = `${opts.topic?.join(', ') ?? 'every topic'}, ${opts.minCertainty} or stronger`;
          print(
            `${result.action === 'created' ? 'subscribed' : result.action === 'updated' ? 'updated' : 'already subscribed'} (${protocol}, ${what}): ${result.subscriptionArn}\n`,
          );
          if (result.pendingConfirmation) {
            print(
              'pending confirmation: SNS sent a confirmation email; nothing is delivered until its link is clicked\n',
            );
          } else if (backend.mode === 'local' && result.action === 'created') {
            print('confirmed at once: the local SNS sink has no confirmation step and delivers nothing\n');
          }
        });
      },
    );
  program
    .command('unsubscribe')
    .description('remove a subscription by ARN, or every subscription of an email address or phone number')
    .argument('<subscription-arn|address>')
    .action(async (target: string, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const removed = await unsubscribe(await backend.alerts(), target.trim());
        print(
          g.json
            ? renderJson({ removed })
            : `removed ${removed.length} subscription(s)\n${formatSubscriptions(removed)}`,
        );
      });
    });
  program
    .command('subscriptions')
    .description('list the alert subscriptions with their topics and minimum certainty')
    .action(async (_opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const rows = await listSubscriptions(await backend.alerts());
        print(g.json ? renderJson(rows) : formatSubscriptions(rows));
      });
    });

  // redrive -----------------------------------------------------------------------------------
  program
    .command('redrive')
    .description('retry what the dead-letter queues hold; a message is deleted only once its retry succeeded')
    .addOption(new Option('--queue <queue>', 'only this queue').choices(['ingest', 'alert']))
    .option('--dry-run', 'show what would be retried, change nothing')
    .action(async (opts: { queue?: QueueName; dryRun?: boolean }, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { LOCAL_REDRIVE_NOTE, redriveQueue } = await commands.redrive();
        if (backend.mode === 'local') {
          print(g.json ? renderJson({ outcomes: [], note: LOCAL_REDRIVE_NOTE }) : `${LOCAL_REDRIVE_NOTE}\n`);
          return;
        }
        const outcomes: RedriveOutcome[] = [];
        for (const queue of opts.queue ? [opts.queue] : (['ingest', 'alert'] as const)) {
          outcomes.push(
            ...(await redriveQueue(backend as DeployedBackend, queue, { dryRun: opts.dryRun === true })),
          );
        }
        print(g.json ? renderJson({ outcomes }) : formatRedrive(outcomes));
        if (outcomes.some((o) => o.result === 'left') && !opts.dryRun) setExit(EXIT.failed);
      });
    });

  // digest ------------------------------------------------------------------------------------
  program
    .command('digest')
    .description("send today's daily digest now (each day is sent once, whoever triggers it)")
    .option('--topic <id...>', 'only these digest-mode topics')
    .action(async (opts: { topic?: string[] }, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { formatDigest, runDigest, runLocalDigest } = await commands.digest();
        const topicIds = opts.topic ?? [];
        const outcome =
          backend.mode === 'local'
            ? await runLocalDigest(backend as LocalBackend, topicIds)
            : await runDigest(backend as DeployedBackend, topicIds);
        print(g.json ? renderJson(outcome) : formatDigest(outcome));
      });
    });

  return program;
}

export function formatUploadReport(report: UploadReport): string {
  const lines: string[] = [];
  const failed = report.files.filter((file) => file.status === 'failed');
  if (failed.length > 0) {
    lines.push(
      renderTable(
        ['failed', 'error'],
        failed.map((file) => [cell(file.key, 50), cell(file.error, 80)]),
      ),
    );
  }
  if (report.rejected && report.rejected.length > 0) {
    lines.push(
      renderTable(
        ['rejected', 'reason', 'detail'],
        report.rejected.map((r) => [cell(r.key, 50), r.reason, cell(r.detail, 60)]),
      ),
    );
  }
  if (report.alerts !== undefined) {
    lines.push(
      renderTable(
        ['alert topic', 'certainty', 'article', 'would be delivered to'],
        report.alerts.map((alert) => [
          alert.topicId ?? '',
          alert.certainty ?? '',
          cell(alert.articleKey, 50),
          alert.deliveredTo.length === 0
            ? '(no subscriber)'
            : cell(alert.deliveredTo.map((d) => `${d.protocol}:${d.endpoint}`).join(', '), 60),
        ]),
        '(no alerts)',
      ),
    );
  }
  const { uploaded, skipped, failed: failedCount } = report.tally;
  lines.push(`uploaded ${uploaded}, skipped ${skipped} (unchanged), failed ${failedCount}\n`);
  return lines.join('');
}

export function formatSubscriptions(rows: SubscriptionRow[]): string {
  return renderTable(
    ['protocol', 'endpoint', 'topics', 'minimum', 'subscription arn'],
    rows.map((row) => [
      row.protocol,
      row.endpoint,
      row.topics === 'all' ? 'all' : row.topics.join(', '),
      row.pendingConfirmation ? 'pending confirmation' : row.minimumCertainty,
      row.subscriptionArn,
    ]),
    '(no subscriptions)',
  );
}

export function formatTopicTest(entries: TopicTestEntry[]): string {
  const out: string[] = [];
  for (const entry of entries) {
    out.push(
      `${entry.title} (${entry.publishedAt ?? 'undated'})${entry.entryId ? ` [entry ${entry.entryId}]` : ''}\n`,
    );
    if (entry.matches.length === 0) {
      out.push('  no topic matches\n');
      continue;
    }
    for (const match of entry.matches) {
      out.push(
        `  ${match.topicId}: ${match.certainty}, ${
          !match.alerts
            ? 'below the minimum: would not alert'
            : match.delivery === 'digest'
              ? "would go into the topic's daily digest"
              : 'would alert'
        }\n`,
      );
      for (const evidence of match.evidence) {
        out.push(`    - (${evidence.certainty}) ${markCues(evidence.sentence, evidence.cues)}\n`);
        if (evidence.cues.length > 0) out.push(`      cues: ${evidence.cues.join(', ')}\n`);
      }
    }
  }
  return out.join('');
}

export function formatRedrive(outcomes: RedriveOutcome[]): string {
  const counts = (result: RedriveOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  return (
    renderTable(
      ['queue', 'message', 'what failed', 'result', 'why'],
      outcomes.map((o) => [
        o.queue,
        cell(o.messageId, 12),
        cell(o.subject, 50),
        o.result,
        cell(o.reason, 60),
      ]),
      '(the dead-letter queues are empty)',
    ) +
    `redriven ${counts('redriven')}, would redrive ${counts('would-redrive')}, left in the queue ${counts('left')}\n`
  );
}
