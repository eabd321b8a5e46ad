import { Match, Template } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACCESS } from '../../functions/contracts/table-access';
import type { NewswatchStack } from '../../infra/cdk/newswatch-stack';
import { ReprocessMachine, parseS3Uri } from '../../infra/cdk/constructs/orchestration/reprocess-machine';
import { FUNCTION_ENTRIES } from '../../infra/paths';
import { actionsOf, logicalId, statementsOfRole, synthNewswatch } from './synth-newswatch';

// One synthesis (esbuild bundles, cdk-nag: an unacknowledged finding throws) for the file.
let stack: NewswatchStack;
let template: Template;
let definition: Record<string, unknown>;

/** The state machine's definition with CloudFormation's joins flattened (tokens as placeholders). */
const definitionOf = (tpl: Template): Record<string, unknown> => {
  const [machine] = Object.values(tpl.findResources('AWS::StepFunctions::StateMachine'));
  const parts = (machine?.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('')) as Record<
    string,
    unknown
  >;
};

type MapState = {
  Type: string;
  MaxConcurrency: number;
  ToleratedFailurePercentage: number;
  ResultPath: null;
  ItemReader: { Resource: string; Parameters: Record<string, string> };
  ItemBatcher: { MaxItemsPerBatch: number; BatchInput: Record<string, string> };
  ItemProcessor: {
    ProcessorConfig: { Mode: string; ExecutionType: string };
    States: Record<string, { Type: string; Retry: { ErrorEquals: string[] }[] }>;
  };
};
const mapState = () => (definition.States as Record<string, MapState>).ReprocessObjects as MapState;

beforeAll(() => {
  ({ stack, template } = synthNewswatch());
  definition = definitionOf(template);
}, 240_000);

describe('reprocess state machine', () => {
  it('is a Distributed Map over the bucket listing, the prefix from the execution input', () => {
    const map = mapState();
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    expect(map.ItemReader.Resource).toMatch(/:states:::s3:listObjectsV2$/);
    expect(map.ItemReader.Parameters).toEqual({ Bucket: 'TOKEN', 'Prefix.$': '$.prefix' });
    // Results are discarded: counts live in the Map Run, no run outgrows the state output.
    expect(map.ResultPath).toBeNull();
  });

  it('batches objects with the options as BatchInput, 50 batches at once, tolerating 5% failures', () => {
    const map = mapState();
    expect(map.MaxConcurrency).toBe(50);
    expect(map.ToleratedFailurePercentage).toBe(5);
    expect(map.ItemBatcher).toEqual({
      MaxItemsPerBatch: 20,
      BatchInput: {
        bucket: 'TOKEN',
        'topicsOnly.$': '$.topicsOnly',
        'since.$': '$.since',
        'until.$': '$.until',
      },
    });
    const task = map.ItemProcessor.States.ProcessBatch;
    expect(task?.Type).toBe('Task');
    expect(task?.Retry.flatMap((r) => r.ErrorEquals)).toContain('ReprocessBatchFailedError');
  });

  it('logs every event to its own log group and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('gives the state machine role only the listing, the invoke and its own Map Run', () => {
    const [roleId] = Object.keys(
      template.findResources('AWS::IAM::Role', {
        Properties: {
          AssumeRolePolicyDocument: Match.objectLike({
            Statement: [Match.objectLike({ Principal: { Service: 'states.amazonaws.com' } })],
          }),
        },
      }),
    );
    const statements = statementsOfRole(template, roleId ?? '');
    const actions = new Set(statements.flatMap(actionsOf));
    expect(actions).toContain('s3:ListBucket');
    expect(actions).toContain('lambda:InvokeFunction');
    expect(actions).toContain('states:StartExecution');
    expect([...actions].filter((a) => /^(s3:(Get|Put|Delete)|dynamodb:|sns:)/.test(a))).toEqual([]);
    const invoke = statements.find((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke?.Resource)).toContain(logicalId(stack.reprocess.function));
    const list = statements.find((s) => actionsOf(s).includes('s3:ListBucket'));
    expect(list?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stack.articles.bucket), 'Arn'] });
  });

  it('gives the function the ingest grants plus GetItem, and nothing to publish', () => {
    const statements = statementsOfRole(template, logicalId(stack.reprocess.function.role!));
    const actions = new Set(statements.flatMap(actionsOf));
    for (const action of TABLE_ACCESS.reprocess) expect(actions).toContain(action);
    expect(actions).toContain('s3:GetObject');
    expect([...actions].filter((a) => /^(sns:|states:|s3:Put|s3:Delete)/.test(a))).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('reprocesses'),
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), ARTICLES_PREFIX: 'articles/' }),
      },
    });
  });

  it('alarms on failed executions and on function errors, and outputs the state machine ARN', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('Reprocess state machine executions failed'),
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'failed + timedOut + aborted' })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^Reprocess function reported errors'),
    });
    template.hasOutput('ReprocessStateMachineArn', {
      Value: { Ref: logicalId(stack.reprocess.stateMachine) },
    });
  });
});

describe('reprocess settings', () => {
  const build = (props: Partial<ConstructorParameters<typeof ReprocessMachine>[2]>) => {
    const app = new App();
    const scope = new Stack(app, 'T');
    const bucket = new s3.Bucket(scope, 'B');
    // A stand-in entry: the construct's own rules are under test here, not the bundle.
    new ReprocessMachine(scope, 'R', {
      entry: FUNCTION_ENTRIES.reprocess,
      bucket,
      articlesPrefix: 'articles/',
      ...props,
    });
    return definitionOf(Template.fromStack(scope));
  };

  it('reads an S3 Inventory manifest when one is configured, and takes another concurrency', () => {
    const map = (
      build({
        inventoryManifest: 's3://inv-bucket/inv/src/config/2026-12-01T00-00Z/manifest.json',
        maxConcurrency: 8,
      }).States as Record<string, MapState>
    ).ReprocessObjects as MapState;
    expect(map.ItemReader.Resource).toMatch(/:states:::s3:getObject$/);
    expect(map.ItemReader.Parameters).toEqual({
      Bucket: 'inv-bucket',
      Key: 'inv/src/config/2026-12-01T00-00Z/manifest.json',
    });
    expect(map.MaxConcurrency).toBe(8);
  }, 120_000);

  it('refuses a bad manifest URI and a bad concurrency with the value', () => {
    expect(() => parseS3Uri('inv-bucket/manifest.json')).toThrow(
      /inventoryManifest.*inv-bucket\/manifest.json/,
    );
    expect(() => build({ maxConcurrency: 0 })).toThrow(/maxConcurrency must be an integer/);
  });
});
