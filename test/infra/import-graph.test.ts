import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/paths';

/** esbuild as the CDK bundles a function, writing nothing and reporting its inputs. */
const GRAPH_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  mainFields: ['module', 'main'] as string[],
  write: false,
  metafile: true,
  absWorkingDir: REPO_ROOT,
  logLevel: 'silent',
} as const;

/** The source files esbuild pulls into a function's bundle (nothing is written). */
const inputsOf = async (entry: string) => {
  const result = await build({ ...GRAPH_OPTIONS, entryPoints: [entry] });
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

/**
 * What `newswatch` loads before any command runs (the static imports of infra/cli/main.ts), and
 * what one command loads when it runs: the bundle split at every dynamic import.
 */
const cliGraph = () => splitGraph('infra/cli/main.ts');

/** The bundle of `entry` split at every dynamic import: what each output loads statically. */
const splitGraph = async (entry: string) => {
  const result = await build({
    ...GRAPH_OPTIONS,
    entryPoints: [entry],
    splitting: true,
    outdir: 'out',
  });
  const { outputs } = result.metafile;
  /** The inputs of an output and of everything it imports statically. */
  const closure = (entryPoint: string) => {
    const start = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === entryPoint);
    if (start === undefined) throw new Error(`no output for ${entryPoint}`);
    const seen = new Set<string>();
    const pending = [start];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (seen.has(name)) continue;
      seen.add(name);
      for (const imported of outputs[name]?.imports ?? []) {
        if (imported.kind === 'import-statement' && outputs[imported.path]) pending.push(imported.path);
      }
    }
    return [...seen].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {}));
  };
  return closure;
};

const HEAVY =
  /@aws-sdk|wink|readability|linkedom|marked|fast-xml-parser|infra\/local\/(pipeline|local-stack)/;

describe('CLI import graph', () => {
  it('loads no AWS SDK, no NLP model and no local pipeline before a command runs (--help stays fast)', async () => {
    const closure = await cliGraph();
    expect(closure('infra/cli/main.ts').filter((path) => HEAVY.test(path))).toEqual([]);
  });

  it('loads the NLP model when topics test runs (the check above can fail)', async () => {
    const closure = await cliGraph();
    expect(closure('infra/cli/operations/topics.ts').some((path) => path.includes('wink-nlp'))).toBe(true);
  });

  it('analyse is offline: it loads the NLP model and no AWS SDK', async () => {
    const analyse = (await cliGraph())('infra/cli/operations/analyse.ts');
    expect(analyse.some((path) => path.includes('wink-nlp'))).toBe(true);
    expect(analyse.filter((path) => path.includes('@aws-sdk'))).toEqual([]);
  });
});

// The console API answers lists from the table; only POST /api/topics/test analyses an article.
describe('API function import graph', () => {
  it('loads the NLP model only when the topic test first runs (a dynamic import)', async () => {
    const closure = await splitGraph(FUNCTION_ENTRIES.api.slice(REPO_ROOT.length + 1));
    const heavy = /wink|readability|linkedom|marked|fast-xml-parser|functions\/domain\/analyse-upload/;
    expect(closure('functions/api/handler.ts').filter((path) => heavy.test(path))).toEqual([]);
    expect(closure('functions/api/topic-test.ts').some((path) => path.includes('wink-nlp'))).toBe(true);
  });
});
