import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/paths';

/** The source files esbuild pulls into a function's bundle (nothing is written). */
const inputsOf = async (entry: string) => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    absWorkingDir: REPO_ROOT,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
};

// The NLP model and the format parsers are most of a bundle's size and of its cold start. Only the
// ingest function analyses articles; the alert and digest functions act on what it stored.
describe('function import graphs', () => {
  it.each(['alert', 'digest'] as const)('%s loads no NLP model and no article parser', async (name) => {
    const inputs = await inputsOf(FUNCTION_ENTRIES[name]);
    expect(inputs.filter((path) => /wink|readability|linkedom|marked|fast-xml-parser/.test(path))).toEqual(
      [],
    );
    expect(
      inputs.filter((path) =>
        /functions\/domain\/(analyse-article|language\/tokenise|topics\/match-topics)/.test(path),
      ),
    ).toEqual([]);
  });

  it('ingest does load them (the check above can fail)', async () => {
    const inputs = await inputsOf(FUNCTION_ENTRIES.ingest);
    expect(inputs.some((path) => path.includes('wink-nlp'))).toBe(true);
    expect(inputs.some((path) => path.includes('functions/domain/topics/match-topics'))).toBe(true);
  });
});
