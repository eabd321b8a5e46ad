import type { BuildOptions } from 'esbuild';

/**
 * The esbuild options of NewswatchFunction's `bundling` (aws-lambda-nodejs passes them to
 * esbuild), for the benchmarks that bundle the functions as the CDK stack does: one definition,
 * given the checkout's own target and banner (an older checkout may have others).
 */
export const functionBundleOptions = (options: {
  entry: string;
  outfile: string;
  root: string;
  target: string;
  banner: string;
}): BuildOptions => ({
  entryPoints: [options.entry],
  outfile: options.outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: options.target,
  mainFields: ['module', 'main'],
  banner: { js: options.banner },
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  absWorkingDir: options.root,
  logLevel: 'error',
});
