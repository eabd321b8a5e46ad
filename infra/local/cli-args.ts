import { DEFAULT_INPUT_DIR } from './paths';

export const USAGE = `usage: npm start -- [dir] [--feeds <dir>] [--json] [--verbose]

  dir        folder whose files are uploaded as articles (default: seeds/articles, or
             nothing with --feeds)
  --feeds    serve this folder's feed files (.rss .atom .xml .rdf) on 127.0.0.1, follow each as
             a source and poll them: their entries go through the pipeline as articles
  --json     print the report as one JSON document on stdout (logs go to stderr)
  --verbose  handlers log at INFO, and the runner reports its progress (on stderr)
`;

export interface CliArgs {
  inputDir: string;
  /** Whether inputDir was given (with --feeds, the seeds are uploaded only when asked for). */
  inputGiven: boolean;
  feedsDir?: string;
  json: boolean;
  verbose: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs | { help: true } | { error: string } {
  let inputDir: string | undefined;
  let json = false;
  let verbose = false;
  let feedsDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--feeds') {
      const dir = argv[i + 1];
      if (dir === undefined || dir.startsWith('-')) return { error: '--feeds needs a folder' };
      feedsDir = dir;
      i += 1;
    } else if (arg === '--json') json = true;
    else if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg === '--help' || arg === '-h') return { help: true };
    else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else if (inputDir === undefined) inputDir = arg;
    else return { error: `only one input folder can be given (got ${inputDir} and ${arg})` };
  }
  return {
    inputDir: inputDir ?? DEFAULT_INPUT_DIR,
    inputGiven: inputDir !== undefined,
    ...(feedsDir === undefined ? {} : { feedsDir }),
    json,
    verbose,
  };
}
