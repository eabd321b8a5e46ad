import { Command, CommanderError } from 'commander';
import { JAVA_MISSING_MESSAGE, JavaMissingError } from '../local/java-check';
import { DEFAULT_STATE_DIR } from '../local/paths';
import { createCommandContext, type RegisterCommand, type RunCliOptions } from './command-context';
import type { Backend } from './environment';
import { CliError, EXIT, classifyAwsError, oneLine, type ExitCode } from './errors';
import { processIo, type CliIo } from './output';
import { registerAnalyse } from './commands/analyse';
import { registerArticles } from './commands/articles';
import { registerConsole } from './commands/console';
import { registerDigest } from './commands/digest';
import { registerMatches } from './commands/matches';
import { registerRedrive } from './commands/redrive';
import { registerRejections } from './commands/rejections';
import { registerReprocess } from './commands/reprocess';
import { registerSources } from './commands/sources';
import { registerStories, registerStory } from './commands/stories';
import { registerSubscribe } from './commands/subscribe';
import { registerSubscriptions } from './commands/subscriptions';
import { registerTopics } from './commands/topics';
import { registerUnsubscribe } from './commands/unsubscribe';
import { registerUpload } from './commands/upload';

export type { RunCliOptions } from './command-context';

/**
 * The stack name infra/cdk/app.ts deploys (STACK_ID there). Not imported: that module loads the CDK,
 * which would add seconds to every command; a unit test keeps the two equal.
 */
export const DEFAULT_STACK_NAME = 'Newswatch';

/**
 * The commands in the order `--help` lists them. Each module registers its own options, action
 * and output, and loads what its action needs only when it runs (see RegisterCommand).
 */
const COMMANDS: readonly RegisterCommand[] = [
  registerUpload,
  registerArticles,
  registerRejections,
  registerMatches,
  registerStories,
  registerStory,
  registerTopics,
  registerSources,
  registerAnalyse,
  registerSubscribe,
  registerUnsubscribe,
  registerSubscriptions,
  registerRedrive,
  registerReprocess,
  registerDigest,
  registerConsole,
];

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

/** The program, its global options and its error output; the commands register themselves. */
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

  const context = createCommandContext(io, options, setExit, openBackends);
  for (const register of COMMANDS) register(program, context);
  return program;
}
