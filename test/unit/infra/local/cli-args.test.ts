import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSOLE_PORT, parseArgs } from '../../../../infra/local/cli-args';
import { DEFAULT_INPUT_DIR } from '../../../../infra/local/paths';

describe('parseArgs', () => {
  it('defaults to seeds/articles, human output, quiet', () => {
    expect(parseArgs([])).toEqual({
      inputDir: DEFAULT_INPUT_DIR,
      inputGiven: false,
      json: false,
      verbose: false,
    });
  });
  it('takes a folder and flags in any order', () => {
    expect(parseArgs(['--json', 'some/dir', '--verbose'])).toEqual({
      inputDir: 'some/dir',
      inputGiven: true,
      json: true,
      verbose: true,
    });
  });
  it('takes a folder of feeds to serve and poll', () => {
    expect(parseArgs(['--feeds', 'feeds/dir'])).toMatchObject({ feedsDir: 'feeds/dir', inputGiven: false });
    expect(parseArgs(['--feeds'])).toEqual({ error: '--feeds needs a folder' });
    expect(parseArgs(['--feeds', '--json'])).toEqual({ error: '--feeds needs a folder' });
  });
  it('refuses unknown options and a second folder', () => {
    expect(parseArgs(['--jsn'])).toEqual({ error: 'unknown option --jsn' });
    expect(parseArgs(['a', 'b'])).toHaveProperty('error');
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });
  it('takes --console, with the default port or --port (0: any free port)', () => {
    expect(parseArgs(['--console'])).toEqual({
      inputDir: DEFAULT_INPUT_DIR,
      inputGiven: false,
      json: false,
      verbose: false,
      consolePort: DEFAULT_CONSOLE_PORT,
    });
    expect(parseArgs(['--console', '--port', '0'])).toMatchObject({ consolePort: 0 });
    expect(parseArgs(['--console', '--port', '99999'])).toHaveProperty('error');
    expect(parseArgs(['--port', '8081'])).toHaveProperty('error');
  });
});
