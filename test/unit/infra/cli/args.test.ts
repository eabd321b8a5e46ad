import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { checkRange, parseDay, parsePhone, parsePositiveInt, parseTopicId } from '../../../../infra/cli/args';
import { normalisePrefix, resolveUploadItems } from '../../../../infra/cli/operations/upload';
import { UsageError } from '../../../../infra/cli/errors';
import { runCli } from '../../../../infra/cli/program';
import { REPO_ROOT } from '../../../../infra/paths';
import { captureIo } from './support';

const noBackend = () => {
  throw new Error('a backend was created for bad arguments');
};

/** Runs the CLI with backends that must never be made: argument errors come first. */
const run = async (...argv: string[]) => {
  const io = captureIo();
  const code = await runCli(argv, { io, deployedBackend: noBackend, localBackend: noBackend });
  return { code, out: io.out(), err: io.err() };
};

describe('argument parsers', () => {
  it('accepts real calendar days only', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2025-13-01', '2025-1-01', 'yesterday', '2025-10-18T00:00']) {
      expect(() => parseDay(bad)).toThrow(InvalidArgumentError);
    }
  });

  it('bounds whole numbers', () => {
    expect(parsePositiveInt(64)('8')).toBe(8);
    for (const bad of ['0', '65', '1.5', '-1', '8x', ''])
      expect(() => parsePositiveInt(64)(bad)).toThrow(/1 to 64/);
  });

  it('normalises phone numbers to E.164 and checks topic ids', () => {
    expect(parsePhone('+44 7700 900123')).toBe('+447700900123');
    expect(() => parsePhone('07700900123')).toThrow(/E\.164/);
    expect(parseTopicId('trump-kim-summit')).toBe('trump-kim-summit');
    expect(() => parseTopicId('Trump Kim')).toThrow(/lower-case/);
  });

  it('refuses an empty date range and odd prefixes', () => {
    expect(() => checkRange('2025-10-02', '2025-10-01')).toThrow(UsageError);
    expect(() => checkRange('2025-10-01', '2025-10-01')).not.toThrow();
    expect(normalisePrefix('/2025/10')).toBe('2025/10/');
    expect(normalisePrefix(undefined)).toBe('');
    expect(() => normalisePrefix('a/../b')).toThrow(UsageError);
  });
});

describe('upload inputs', () => {
  it('takes the top-level files of a folder and keys them under the prefix', async () => {
    const items = await resolveUploadItems([join(REPO_ROOT, 'seeds', 'articles')], 'articles/', '2025/');
    expect(items.length).toBeGreaterThan(3);
    expect(items[0]?.key).toBe('articles/2025/001-summit-preparations.txt');
  });

  it('refuses missing paths and two files with one key', async () => {
    await expect(resolveUploadItems(['/no/such/file.txt'], 'articles/')).rejects.toThrow(/no such file/);
    const file = join(REPO_ROOT, 'seeds', 'articles', '003-council-budget.txt');
    const folder = join(REPO_ROOT, 'seeds', 'articles');
    // The same file twice is one upload; the folder holds it too, which is still one key.
    await expect(resolveUploadItems([file, file], 'articles/')).resolves.toHaveLength(1);
    await expect(resolveUploadItems([folder, file], 'articles/')).resolves.toHaveLength(
      (await resolveUploadItems([folder], 'articles/')).length,
    );
  });
});

describe('newswatch with bad arguments exits 64 before touching anything', () => {
  it.each([
    [['articles', '--from', '2025-13-01'], /--from .* is invalid\. expected a date as YYYY-MM-DD/],
    [
      ['articles', '--from', '2025-10-02', '--to', '2025-10-01'],
      /--from 2025-10-02 is after --to 2025-10-01/,
    ],
    [['articles', '--nope'], /unknown option '--nope'/],
    [['articles', '--limit', '0'], /expected a whole number/],
    [['rejections', '--reason', 'odd'], /expected one of empty, too-large/],
    [['matches'], /required option '--topic <id>'/],
    [['matches', '--topic', 'x', '--certainty', 'likely'], /--topic|expected one of/],
    [['subscribe'], /give --email, --sms or --webhook/],
    [['subscribe', '--email', 'a@b.co', '--sms', '+447700900123'], /cannot be used with/],
    [['subscribe', '--email', 'not-an-address'], /expected an email address/],
    [['subscribe', '--sms', '+44', '--min-certainty', 'likely'], /E\.164|Allowed choices/],
    [
      ['subscribe', '--email', 'a@b.co', '--min-certainty', 'likely'],
      /Allowed choices are speculative, planned, confirmed/,
    ],
    [['redrive', '--queue', 'both'], /Allowed choices are ingest, alert/],
    [['upload'], /missing required argument 'paths'/],
    [['upload', 'x', '--concurrency', '100'], /1 to 64/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['topics', 'remove', 'Not An Id'], /lower-case letters/],
  ])('%j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code, result.err).toBe(64);
    expect(result.out).toBe('');
    expect(result.err).toMatch(message);
    expect(result.err).toMatch(/^newswatch: /);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses --stack and --region with --local', async () => {
    const result = await run('--local', '--stack', 'Other', 'articles');
    expect(result.code).toBe(64);
    expect(result.err).toMatch(/leave them out with --local/);
  });

  it('refuses an upload path that does not exist', async () => {
    const io = captureIo();
    const code = await runCli(['upload', '/no/such/article.txt'], {
      io,
      deployedBackend: () => ({
        mode: 'deployed',
        stackName: 'Newswatch',
        outputs: async () => ({}),
        output: async () => '',
        table: noBackend,
        bucket: noBackend,
        alerts: noBackend,
        sqs: noBackend,
        lambda: noBackend,
        streams: noBackend,
        secretsManager: noBackend,
        sfn: noBackend,
        close: async () => undefined,
      }),
    });
    expect(code).toBe(64);
    expect(io.err()).toMatch(/no such file or folder/);
  });

  it('prints help on stdout with exit 0, and usage with exit 64 without a command', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: newswatch/);
    expect(help.out).toMatch(/subscriptions/);
    const none = await run();
    expect(none.code).toBe(64);
  });
});
