import type { Command } from 'commander';
import type { Backend, DeployedBackend, LocalBackend } from './environment';
import { UsageError, type ExitCode } from './errors';
import type { CliIo } from './output';

/** The program's global options (program.ts), as every command sees them. */
export interface GlobalOptions {
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

/** What a command's action gets from the program: where to write, the options, a backend. */
export interface CommandContext {
  io: CliIo;
  /** Writes data to stdout. */
  print(text: string): void;
  globals(command: Command): GlobalOptions;
  /** Opens the backend the global options choose, runs `work` and closes it. */
  withBackend<T>(command: Command, work: (backend: Backend, g: GlobalOptions) => Promise<T>): Promise<T>;
  /** The exit code once the command returns (an operation that ran with failures). */
  setExit(code: ExitCode): void;
}

/**
 * A command module's export: adds its command (options, action, output) to the program. Each
 * module imports only commander, the argument parsers and the output helpers at load; what its
 * action needs (the AWS SDK, the NLP model, the local pipeline) it imports when it runs, so that
 * `--help` or `subscriptions` pay for nothing else.
 */
export type RegisterCommand = (program: Command, context: CommandContext) => void;

// environment.ts loads every AWS SDK client: only commands that open a backend import it.
const environment = () => import('./environment');

export function createCommandContext(
  io: CliIo,
  options: RunCliOptions,
  setExit: (code: ExitCode) => void,
  openBackends: Set<Backend>,
): CommandContext {
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  const withBackend = async <T>(
    command: Command,
    work: (backend: Backend, g: GlobalOptions) => Promise<T>,
  ): Promise<T> => {
    const g = globals(command);
    const explicit = (name: string) => command.getOptionValueSourceWithGlobals(name) === 'cli';
    let backend: Backend;
    if (g.local) {
      if (explicit('stack') || explicit('region')) {
        throw new UsageError('--stack and --region choose a deployed stack: leave them out with --local');
      }
      const make = options.localBackend ?? (await environment()).createLocalBackend;
      backend = make({
        stateDir: g.stateDir,
        verbose: g.verbose === true,
      });
    } else {
      const make = options.deployedBackend ?? (await environment()).createDeployedBackend;
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

  return { io, print: (text) => io.stdout(text), globals, withBackend, setExit };
}
