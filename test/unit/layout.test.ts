import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/paths';

const SOURCE = /\.(ts|mts|mjs|cjs)$/;

/** Every folder below `dir` with the number of source files directly in it. */
const folders = (dir: string): { folder: string; files: number }[] => {
  const entries = readdirSync(dir, { withFileTypes: true });
  return [
    {
      folder: relative(REPO_ROOT, dir),
      files: entries.filter((e) => e.isFile() && SOURCE.test(e.name)).length,
    },
    ...entries
      .filter((e) => e.isDirectory() && e.name !== 'node_modules')
      .flatMap((e) => folders(join(dir, e.name))),
  ];
};

describe('the layout a newcomer walks', () => {
  it('has no folder of more than 15 source files side by side', () => {
    const all = ['functions', 'infra', 'test'].flatMap((top) => folders(join(REPO_ROOT, top)));
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter(({ files }) => files > 15)).toEqual([]);
  });

  it.each(Object.entries(FUNCTION_ENTRIES))(
    'keeps the %s handler to wiring: at most 40 lines',
    (_, entry) => {
      const lines = readFileSync(entry, 'utf8').trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(40);
      // Wiring only: the handler hands the event to what its folder defines, it decides nothing.
      expect(lines.filter((line) => /^\s*(if|for|while|switch)\b/.test(line))).toEqual([]);
    },
  );

  it('names files in kebab-case', () => {
    const names = ['functions', 'infra', 'test']
      .flatMap((top) => folders(join(REPO_ROOT, top)))
      .flatMap(({ folder }) =>
        readdirSync(join(REPO_ROOT, folder)).filter(
          (name) => SOURCE.test(name) && !/^[a-z0-9.-]+$/.test(name),
        ),
      );
    expect(names).toEqual([]);
  });
});
