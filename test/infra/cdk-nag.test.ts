import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewswatchStack } from '../../infra/cdk/newswatch-stack';
import { buildTestApp, logicalId, TEST_CONTEXT } from './synth-newswatch';

/**
 * cdk-nag 3 runs as a policy-validation plugin during synthesis and drops acknowledged findings
 * itself. These helpers run the same pack directly on the construct tree to get the findings as
 * data, so the assertions below can list exactly what is wrong.
 */
const findings = (root: IConstruct, pack = new AwsSolutionsChecks(undefined, { verbose: true })) =>
  pack.validateScope(root).violations.flatMap((v) =>
    v.violatingResources.map((r) => ({
      rule: v.ruleName,
      severity: v.severity,
      path: r.constructPath ?? '?',
    })),
  );

/** The pack with acknowledgements ignored: every finding the rules raise, acknowledged or not. */
const rawFindings = (root: IConstruct) => {
  const pack = new AwsSolutionsChecks(undefined);
  // Test-only introspection of a private method. If cdk-nag renames it, this becomes a no-op, the
  // raw list comes back empty and the "no stale acknowledgement" test fails loudly.
  Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  return findings(root, pack);
};

/** Every `Validations.of(c).acknowledge()` in the tree, as [construct path, rule id, reason]. */
const acknowledgements = (root: IConstruct) =>
  root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(
            ([id, reason]) => [c.node.path, id.replace(/^annotation::/i, ''), reason] as const,
          ),
        ),
    );

let app: App;
let stack: NewswatchStack;
interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity?: string; violatingConstructs: { constructPath?: string }[] }[];
  }[];
}
let report: ValidationReport;

beforeAll(() => {
  // Full synthesis, bundling included, with the cdk-nag plugin that buildApp() registers. `cdk
  // synth` fails on any finding; here synthesis is told not to throw, so that the report it writes
  // into the cloud assembly can be asserted on as a list (a readable diff instead of a stack trace).
  ({ app, stack } = buildTestApp({ ...TEST_CONTEXT, '@aws-cdk/core:failSynthOnValidationErrors': false }));
  const assembly = app.synth();
  report = JSON.parse(
    readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
});

describe('cdk-nag AwsSolutions', () => {
  it('has no unacknowledged errors or warnings in the synthesis validation report', () => {
    const reported = report.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) =>
        v.violatingConstructs.map(
          (c) => `${r.pluginName} ${v.severity ?? '?'} ${v.ruleName} at ${c.constructPath ?? '?'}`,
        ),
      ),
    );
    expect(reported).toEqual([]);
  });

  it('has no unacknowledged errors or warnings when the pack is run on the tree directly', () => {
    expect(findings(app)).toEqual([]);
  });

  it('CDK itself reports no warnings or errors on the stack', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('acknowledges exactly these findings, each next to its resource with a specific reason', () => {
    const objects = `AwsSolutions-IAM5[Resource::<${logicalId(stack.articles.bucket)}.Arn>/articles/*]`;
    // The console site's BucketDeployment: a CDK-owned singleton handler with CDK's own grants.
    const deployer = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    const deployerPath = deployer?.node.path ?? 'no BucketDeployment handler';
    const siteBucket = logicalId(stack.console!.site.bucket);
    const acks = acknowledgements(app);
    expect(acks.map(([path, id]) => `${path} ${id}`).sort()).toEqual(
      [
        `Newswatch/IngestFunction/DeadLetterQueue/Queue AwsSolutions-SQS3`,
        `Newswatch/AlertFunction/DeadLetterQueue/Queue AwsSolutions-SQS3`,
        `Newswatch/DigestFunction/DeadLetterQueue/Queue AwsSolutions-SQS3`,
        `Newswatch/IngestFunction/Ingest/Role ${objects}`,
        // X-Ray's actions have no resource-level permissions (plus ListStreams for the alert function).
        `Newswatch/IngestFunction/Ingest/Role AwsSolutions-IAM5[Resource::*]`,
        `Newswatch/DigestFunction/Digest/Role AwsSolutions-IAM5[Resource::*]`,
        `Newswatch/AlertFunction/Alert/Role AwsSolutions-IAM5[Resource::*]`,
        // The feed poller: its DLQ, X-Ray, and PutObject under articles/feeds/ only.
        `Newswatch/PollerFunction/DeadLetterQueue/Queue AwsSolutions-SQS3`,
        `Newswatch/PollerFunction/Poller/Role AwsSolutions-IAM5[Resource::*]`,
        `Newswatch/PollerFunction/Poller/Role AwsSolutions-IAM5[Resource::<${logicalId(stack.articles.bucket)}.Arn>/articles/feeds/*]`,
        // Webhook delivery: X-Ray, and GetSecretValue on the newswatch/webhooks/ secrets by name prefix.
        `Newswatch/DeliveryFunction/Delivery/Role AwsSolutions-IAM5[Resource::*]`,
        `Newswatch/DeliveryFunction/Delivery/Role AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:newswatch/webhooks/*]`,
        `Newswatch/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
        // Reprocess: the function reads the articles as ingest does; the state machine invokes
        // its function's versions, runs its own Map Run child executions, and X-Ray / log delivery.
        `Newswatch/Reprocess/Reprocess/Role AwsSolutions-IAM5[Resource::*]`,
        `Newswatch/Reprocess/Reprocess/Role ${objects}`,
        `Newswatch/Reprocess/StateMachine AwsSolutions-IAM5[Resource::*]`,
        `Newswatch/Reprocess/StateMachine AwsSolutions-IAM5[Resource::<${logicalId(stack.reprocess.function)}.Arn>:*]`,
        ...[`/Reprocess:*`, `:*`].map(
          (suffix) =>
            `Newswatch/Reprocess/StateMachine AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId(stack.reprocess.stateMachine)}"}]}]}${suffix}]`,
        ),
        // Console: optional TOTP MFA; no geo restriction, no WAF and the default certificate on the
        // distribution; DescribeAlarms (no resource-level permissions) besides X-Ray's on the API.
        `Newswatch/Console/Users/UserPool AwsSolutions-COG2`,
        ...['CFR1', 'CFR2', 'CFR4'].map((rule) => `Newswatch/Console/Site/Distribution AwsSolutions-${rule}`),
        `Newswatch/Console/Api/Api/Role AwsSolutions-IAM5[Resource::*]`,
        `Newswatch/Console/Api/Api/Role AwsSolutions-IAM5[Resource::<${logicalId(stack.alerts.topic)}>:*]`,
        `${deployerPath} AwsSolutions-L1`,
        `${deployerPath}/ServiceRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
        ...[
          'Action::s3:GetBucket*',
          'Action::s3:GetObject*',
          'Action::s3:List*',
          'Action::s3:Abort*',
          'Action::s3:DeleteObject*',
          'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
          `Resource::<${siteBucket}.Arn>/*`,
          'Resource::*',
        ].map((finding) => `${deployerPath}/ServiceRole AwsSolutions-IAM5[${finding}]`),
      ].sort(),
    );
    for (const [, , reason] of acks) expect(reason.length).toBeGreaterThan(60);
  });

  it('has no stale acknowledgement: each one covers a finding the rules actually raise', () => {
    const raw = rawFindings(app);
    const stale = acknowledgements(app).filter(
      ([path, id]) => !raw.some((f) => f.rule === id && (f.path === path || f.path.startsWith(`${path}/`))),
    );
    expect(stale).toEqual([]);
  });

  it('the finding collector does catch a violation (guards the tests above)', () => {
    const probeApp = new App();
    const probe = new Stack(probeApp, 'Probe');
    new sqs.Queue(probe, 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(findings(probeApp).map((f) => f.rule)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
    );
  });
});
