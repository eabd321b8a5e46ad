import { DEFAULT_INPUT_DIR } from './paths';

export const USAGE = `usage: npm start -- [dir] [--feeds <dir>] [--json] [--verbose] [--console [--port <n>]]

  dir        folder whose files are uploaded as articles (default: seeds/articles, or
             nothing with --feeds)
  --feeds    serve this folder's feed files (.rss .atom .xml .rdf) on 127.0.0.1, follow each as
             a source and poll them: their entries go through the pipeline as articles
  --json     print the report as one JSON document on stdout (logs go to stderr)
  --verbose  handlers log at INFO, and the runner reports its progress (on stderr)
  --console  after the run, leave the stack up and serve the web console on it (127.0.0.1) until Ctrl-C
  --port <n> the console's port (default 8080; 0: any free port)
`;

export interface CliArgs {
  inputDir: string;
  /** Whether inputDir was given (with --feeds, the seeds are uploaded only when asked for). */
  inputGiven: boolean;
  feedsDir?: string;
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
  let feedsDir: string | undefined;
  let consoleWanted = false;
  let port: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--feeds') {
      const dir = argv[i + 1];
      if (dir === undefined || dir.startsWith('-')) return { error: '--feeds needs a folder' };
      feedsDir = dir;
      i += 1;
    } else if (arg === '--json') json = true;
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
    inputGiven: inputDir !== undefined,
    ...(feedsDir === undefined ? {} : { feedsDir }),
    json,
    verbose,
    ...(consoleWanted ? { consolePort: port ?? DEFAULT_CONSOLE_PORT } : {}),
  };
}
