import type { Command } from 'commander';
import { parsePort } from '../args';
import { UsageError } from '../errors';
import type { RegisterCommand } from '../command-context';
import type { LocalBackend } from '../environment';

/** Resolves on the first SIGINT or SIGTERM: the console runs until the operator stops it. */
const untilSignal = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/**
 * `--local console [--port 8080]`: the console's browser build and its real API handler against
 * the local stand-ins, on 127.0.0.1 only, until Ctrl-C. Deployed, the console is the stack's
 * ConsoleUrl output (CloudFront with Cognito sign-in): nothing to run.
 */
export const registerConsole: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('console')
    .description(
      '--local: serve the web console and its API on 127.0.0.1 against the local stack, until Ctrl-C',
    )
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 8080)
    .action(async (opts: { port: number }, command: Command) => {
      if (!command.optsWithGlobals<{ local?: boolean }>().local) {
        throw new UsageError('console runs locally (--local); deployed, open the stack output ConsoleUrl');
      }
      await withBackend(command, async (backend) => {
        if (backend.mode !== 'local') throw new UsageError('console needs --local');
        const stack = await (backend as LocalBackend).stack();
        const { startConsoleServer } = await import('../../local/console-server');
        const server = await startConsoleServer({
          port: opts.port,
          env: stack.env,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        print(`console: ${server.url}\n`);
        await untilSignal();
        await server.close();
      });
    });
};
