import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { NewswatchStack, type NewswatchStackProps } from './newswatch-stack';

export const STACK_ID = 'Newswatch';

export interface BuildAppOptions {
  /** Passed to `new App()`: context (feature flags, alertEmails, ...) and outdir. */
  readonly app?: AppProps;
  readonly stack?: NewswatchStackProps;
}

/**
 * Builds the app without synthesising it, so tests can inspect it. No `env`: the stack is
 * environment-agnostic and synthesises offline, without credentials or lookups.
 *
 * cdk-nag 3 is a policy-validation plugin: it runs at synthesis, after the tree is final, and a
 * finding (error or warning) that is not acknowledged with `Validations.of(c).acknowledge()` fails
 * `cdk synth`.
 */
export const buildApp = (options: BuildAppOptions = {}) => {
  const app = new App(options.app);
  const stack = new NewswatchStack(app, STACK_ID, {
    description: 'Newswatch: serverless news summarisation and alerts',
    ...options.stack,
  });
  Tags.of(app).add('project', 'newswatch');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
};

const isEntryPoint = () => {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (isEntryPoint()) {
  buildApp().app.synth();
}
