import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/cdk/app';
import { REPO_ROOT } from '../../infra/paths';

/**
 * The feature flags `cdk synth` passes from cdk.json. Tests must synthesise with the same ones,
 * otherwise they assert on a different template (e.g. S3 access-log delivery by bucket policy).
 */
export const CDK_JSON_CONTEXT: Record<string, unknown> = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/**
 * Subscribers used by the tests: both list formats (comma-separated and JSON array), and filtered
 * subscriptions (an email for one topic from `planned` up, an SMS for every topic when `confirmed`).
 */
export const TEST_CONTEXT = {
  alertEmails: 'news-desk@example.com, editor@example.org',
  alertPhones: '["+14155550123"]',
  subscriptions: JSON.stringify([
    { endpoint: 'summit-watch@example.com', topics: ['trump-kim-summit'], minimumCertainty: 'planned' },
    { endpoint: '+14155550199', minimumCertainty: 'confirmed' },
  ]),
  opsEmails: 'oncall@example.com',
} as const;

/**
 * Builds the app exactly as infra/cdk/app.ts does, with cdk.json's context plus `context`. The
 * console's site gets its placeholder page unless `context` says otherwise: the tests never need
 * `npm run build:console` to have run.
 */
export const buildTestApp = (context: Record<string, unknown> = {}) =>
  buildApp({ app: { context: { ...CDK_JSON_CONTEXT, consolePlaceholder: true, ...context } } });

/**
 * Builds and synthesises (bundling the three functions with esbuild, and running the cdk-nag
 * plugin: an unacknowledged finding throws here). Do this once per test file.
 */
export const synthNewswatch = (context: Record<string, unknown> = TEST_CONTEXT) => {
  const { app, stack } = buildTestApp(context);
  const template = Template.fromStack(stack);
  return { app, stack, template };
};

export const logicalId = (construct: IConstruct): string => {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return element.stack.getLogicalId(element);
};

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Sid?: string;
  Condition?: unknown;
}

/** All statements of the identity policies attached to the role with this logical id. */
export const statementsOfRole = (template: Template, roleLogicalId: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      ((policy.Properties?.Roles ?? []) as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
