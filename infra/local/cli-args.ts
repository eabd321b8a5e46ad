import { DEFAULT_INPUT_DIR } from './paths';

export const USAGE = `usage: npm start -- [dir] [--json] [--verbose]

  dir        folder whose files are uploaded as articles (default: seeds/articles)
  --json     print the report as one JSON document on stdout (logs go to stderr)
  --verbose  handlers log at INFO, and the runner reports its progress (on stderr)
`;

export interface CliArgs {
  inputDir: string;
  json: boolean;
  verbose: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs | { help: true } | { error: string } {
  let inputDir: string | undefined;
  let json = false;
  let verbose = false;
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg === '--help' || arg === '-h') return { help: true };
    else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else if (inputDir === undefined) inputDir = arg;
    else return { error: `only one input folder can be given (got ${inputDir} and ${arg})` };
  }
  return { inputDir: inputDir ?? DEFAULT_INPUT_DIR, json, verbose };
}
