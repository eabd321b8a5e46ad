import { DEFAULT_INPUT_DIR } from './paths';

export const USAGE = `usage: npm start -- [dir] [--json] [--verbose] [--console [--port <n>]]

  dir        folder whose files are uploaded as articles (default: seeds/articles)
  --json     print the report as one JSON document on stdout (logs go to stderr)
  --verbose  handlers log at INFO, and the runner reports its progress (on stderr)
  --console  after the run, leave the stack up and serve the web console on it (127.0.0.1) until Ctrl-C
  --port <n> the console's port (default 8080; 0: any free port)
`;

export interface CliArgs {
  inputDir: string;
  json: boolean;
  verbose: boolean;
  /** The console's port when --console is given: the stack stays up after the run. */
  consolePort?: number;
}

/** The local console's port unless --port says otherwise. */
export const DEFAULT_CONSOLE_PORT = 8080;

export function parseArgs(argv: readonly string[]): CliArgs | { help: true } | { error: string } {
  let inputDir: string | undefined;
  let json = false;
  let verbose = false;
  let consoleWanted = false;
  let port: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--console') consoleWanted = true;
    else if (arg === '--port') {
      const value = argv[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65_535) {
        return { error: '--port needs a port from 0 to 65535' };
      }
      port = Number(value);
    } else if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg === '--help' || arg === '-h') return { help: true };
    else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else if (inputDir === undefined) inputDir = arg;
    else return { error: `only one input folder can be given (got ${inputDir} and ${arg})` };
  }
  if (port !== undefined && !consoleWanted) return { error: "--port is the console's: give --console too" };
  return {
    inputDir: inputDir ?? DEFAULT_INPUT_DIR,
    json,
    verbose,
    ...(consoleWanted ? { consolePort: port ?? DEFAULT_CONSOLE_PORT } : {}),
  };
}
