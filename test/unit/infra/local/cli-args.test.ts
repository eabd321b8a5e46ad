import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../../infra/local/cli-args';
import { DEFAULT_INPUT_DIR } from '../../../../infra/local/paths';

describe('parseArgs', () => {
  it('defaults to seeds/articles, human output, quiet', () => {
    expect(parseArgs([])).toEqual({ inputDir: DEFAULT_INPUT_DIR, json: false, verbose: false });
  });
  it('takes a folder and flags in any order', () => {
    expect(parseArgs(['--json', 'some/dir', '--verbose'])).toEqual({
      inputDir: 'some/dir',
      json: true,
      verbose: true,
    });
  });
  it('refuses unknown options and a second folder', () => {
    expect(parseArgs(['--jsn'])).toEqual({ error: 'unknown option --jsn' });
    expect(parseArgs(['a', 'b'])).toHaveProperty('error');
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });
});
