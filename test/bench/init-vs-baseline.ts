/**
 * Bundle size and module initialisation of every function beside another checkout (an older
 * commit with its own node_modules), each bundled with its own esbuild options as its CDK stack
 * bundles it: `npx tsx test/bench/init-vs-baseline.ts --baseline ../baseline [--rounds 30]`.
 *
 * Init is timed inside each cold `node` process (CPU and wall time of `await import(bundle)`), so
 * the process start itself, which varies more on a busy machine than the difference sought, is
 * left out; rounds alternate the two checkouts so that load falls on both alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../infra/paths';
import { functionBundleOptions } from './bundle-options';

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const baselineDir = path.resolve(arg('baseline') ?? '../baseline');
const rounds = Number(arg('rounds') ?? 30);
/** What a function needs in its environment to load (config is validated at cold start). */
const FUNCTION_ENV = {
  TABLE_NAME: 'bench',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

interface Checkout {
  name: 'current' | 'baseline';
  root: string;
  bundles: Record<string, string>;
}

/** Bundles every function of a checkout into `dir` with that checkout's own esbuild options. */
const bundle = async (name: Checkout['name'], root: string, dir: string): Promise<Checkout> => {
  const { build } = createRequire(path.join(root, 'package.json'))('esbuild') as typeof import('esbuild');
  const compute = path.join(root, 'infra/cdk/constructs/compute/newswatch-function.ts');
  const { ESBUILD_TARGET, ESM_REQUIRE_BANNER } = (await import(pathToFileURL(compute).href)) as {
    ESBUILD_TARGET: string;
    ESM_REQUIRE_BANNER: string;
  };
  const { FUNCTION_ENTRIES } = (await import(pathToFileURL(path.join(root, 'infra/paths.ts')).href)) as {
    FUNCTION_ENTRIES: Record<string, string>;
  };
  const bundles: Record<string, string> = {};
  for (const [fn, entry] of Object.entries(FUNCTION_ENTRIES)) {
    const outfile = path.join(dir, name, fn, 'index.mjs');
    await build(
      functionBundleOptions({ entry, outfile, root, target: ESBUILD_TARGET, banner: ESM_REQUIRE_BANNER }),
    );
    bundles[fn] = outfile;
  }
  return { name, root, bundles };
};

/** CPU and wall milliseconds of importing a bundle, measured inside a fresh process. */
const importMs = (file: string): { cpu: number; wall: number } => {
  const script = `const c=process.cpuUsage();const t=performance.now();await import(${JSON.stringify(file)});const u=process.cpuUsage(c);process.stderr.write('\\n'+JSON.stringify({wall:performance.now()-t,cpu:(u.user+u.system)/1000})+'\\n');`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...FUNCTION_ENV, NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const line = run.stderr
    .toString()
    .split('\n')
    .find((l) => l.startsWith('{"wall"'));
  if (run.status !== 0 || !line)
    throw new Error(`importing ${file} failed: ${run.stderr.toString().slice(-500)}`);
  return JSON.parse(line) as { cpu: number; wall: number };
};

const dir = mkdtempSync(path.join(tmpdir(), 'init-vs-baseline-'));
try {
  const checkouts = [await bundle('current', REPO_ROOT, dir), await bundle('baseline', baselineDir, dir)];
  for (const fn of Object.keys(checkouts[0]?.bundles ?? {})) {
    const samples = new Map(checkouts.map((c) => [c.name, { cpu: [] as number[], wall: [] as number[] }]));
    for (let round = 0; round < rounds; round += 1) {
      for (const checkout of round % 2 === 0 ? checkouts : [...checkouts].reverse()) {
        const file = checkout.bundles[fn];
        if (!file) continue;
        const { cpu, wall } = importMs(file);
        samples.get(checkout.name)?.cpu.push(cpu);
        samples.get(checkout.name)?.wall.push(wall);
      }
    }
    const figures = checkouts.map((c) => {
      const s = samples.get(c.name);
      const file = c.bundles[fn];
      return {
        name: c.name,
        bytes: file ? statSync(file).size : 0,
        cpu: median(s?.cpu ?? []),
        wall: median(s?.wall ?? []),
      };
    });
    const [current, baseline] = figures;
    if (!current || !baseline) continue;
    for (const f of figures)
      console.log(
        `${fn.padEnd(7)} ${f.name.padEnd(9)} ${String(f.bytes).padStart(9)} B  init (median of ${rounds}) CPU ${f.cpu.toFixed(1)} ms, wall ${f.wall.toFixed(1)} ms`,
      );
    console.log(
      `${fn.padEnd(7)} difference ${current.bytes - baseline.bytes >= 0 ? '+' : ''}${current.bytes - baseline.bytes} B, CPU ${(current.cpu - baseline.cpu).toFixed(1)} ms, wall ${(current.wall - baseline.wall).toFixed(1)} ms`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
