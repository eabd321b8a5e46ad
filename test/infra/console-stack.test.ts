import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/contracts/env-names';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../functions/contracts/limits';
import {
  SPA_REWRITE_FUNCTION,
  consoleAppSource,
  consoleContentSecurityPolicy,
} from '../../infra/cdk/constructs/console/console-site';
import { consoleDomainPrefix } from '../../infra/cdk/constructs/console/console-users';
import type { NewswatchStack } from '../../infra/cdk/newswatch-stack';
import { TEST_CONTEXT, actionsOf, buildTestApp, logicalId, statementsOfRole } from './synth-newswatch';

/**
 * The console deployed (issue 16, item 3): site, users and API. Wiring only, so one synthesis
 * without bundling is shared by the file (cdk-nag.test.ts synthesises with bundling and the pack).
 */
const ADMIN = 'console-admin@example.com';
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
let stack: NewswatchStack;
let template: Template;
type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
let resources: Record<string, Resource>;
const ids = {} as Record<
  'siteBucket' | 'logsBucket' | 'distribution' | 'headers' | 'userPool' | 'client' | 'apiFn' | 'httpApi',
  string
>;

const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (type: string): Resource => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
const consoleUrl = () => ({
  'Fn::Join': ['', ['https://', getAtt(ids.distribution, 'DomainName'), '/']],
});
/** CloudFront's managed policies (ids fixed by AWS). */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

beforeAll(() => {
  ({ stack } = buildTestApp({ ...TEST_CONTEXT, ...NO_BUNDLING, consoleAdminEmail: ADMIN }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
  const console = stack.console!;
  Object.assign(ids, {
    siteBucket: logicalId(console.site.bucket),
    logsBucket: logicalId(console.site.accessLogsBucket),
    distribution: logicalId(console.site.distribution),
    headers: logicalId(console.site.responseHeadersPolicy),
    userPool: logicalId(console.users.userPool),
    client: logicalId(console.users.client),
    apiFn: logicalId(console.api.function),
    httpApi: logicalId(console.api.httpApi),
  });
});

describe('site', () => {
  it('keeps the build in a private, encrypted, TLS-only, access-logged bucket without ACLs', () => {
    expect(resources[ids.siteBucket]?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: ids.logsBucket },
        LogFilePrefix: 'console-bucket/',
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: ids.siteBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('is read by CloudFront only, through origin access control scoped to this distribution', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: ids.siteBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: {
              StringEquals: {
                'AWS:SourceArn': Match.objectLike({
                  'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: ids.distribution }])]),
                }),
              },
            },
          }),
        ]),
      },
    });
    const config = resources[ids.distribution]!.Properties.DistributionConfig as {
      Origins: { S3OriginConfig?: { OriginAccessIdentity: string }; OriginAccessControlId?: unknown }[];
    };
    const s3Origins = config.Origins.filter((o) => o.S3OriginConfig);
    expect(s3Origins).toHaveLength(1);
    // OAC, not the legacy origin access identity.
    expect(s3Origins[0]).toMatchObject({
      S3OriginConfig: { OriginAccessIdentity: '' },
      OriginAccessControlId: getAtt(ofType('AWS::CloudFront::OriginAccessControl')[0]![0], 'Id'),
    });
  });

  it('serves HTTPS only: HTTP redirected to HTTPS, /api over HTTPS only; index.html at the root', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD'],
          CachePolicyId: CACHING_OPTIMIZED,
          ResponseHeadersPolicyId: { Ref: ids.headers },
          FunctionAssociations: [
            {
              EventType: 'viewer-request',
              FunctionARN: Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }),
            },
          ],
        }),
        Logging: { Bucket: getAtt(ids.logsBucket, 'RegionalDomainName'), Prefix: 'console-distribution/' },
      }),
    });
    const config = resources[ids.distribution]!.Properties.DistributionConfig as Record<string, unknown>;
    // The SPA fallback is the viewer-request function, not error responses that would also
    // rewrite the API's 403 and 404 answers.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('sends /api/* to the HTTP API uncached, with every viewer header but Host, over TLS 1.2', () => {
    const config = resources[ids.distribution]!.Properties.DistributionConfig as {
      CacheBehaviors: Record<string, unknown>[];
      Origins: { Id: string; DomainName: unknown; CustomOriginConfig?: Record<string, unknown> }[];
    };
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0]!;
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']),
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ResponseHeadersPolicyId: { Ref: ids.headers },
    });
    const origin = config.Origins.find((o) => o.Id === api.TargetOriginId);
    expect(origin).toMatchObject({
      DomainName: { 'Fn::Select': [2, { 'Fn::Split': ['/', getAtt(ids.httpApi, 'ApiEndpoint')] }] },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
  });

  it('adds a CSP without unsafe-inline, HSTS (2 years, subdomains, preload), nosniff, DENY and a referrer policy', () => {
    const config = resources[ids.headers]!.Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    const headers = config.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(headers.ContentSecurityPolicy).toMatchObject({ Override: true });
    expect(headers.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 2 * 365 * 24 * 3600,
      IncludeSubdomains: true,
      Preload: true,
      Override: true,
    });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
      Override: true,
    });
    // The policy as written, with the hosted-UI domain in connect-src and form-action only.
    const domain = 'https://newswatch-123456789012.auth.eu-west-1.amazoncognito.com';
    expect(consoleContentSecurityPolicy(domain)).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${domain}; frame-ancestors 'none'; base-uri 'none'; form-action 'self' ${domain}`,
    );
    expect(csp).toContain('.amazoncognito.com; frame-ancestors');
  });

  it('rewrites app routes to /index.html and leaves files and /api alone (the CloudFront function)', () => {
    const handler = new Function(`${SPA_REWRITE_FUNCTION}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/stories/abc')).toBe('/index.html');
    expect(rewrite('/topics')).toBe('/index.html');
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/assets/index-3f2a.js')).toBe('/assets/index-3f2a.js');
    expect(rewrite('/config.json')).toBe('/config.json');
    expect(rewrite('/api/stories')).toBe('/api/stories');
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
      FunctionCode: SPA_REWRITE_FUNCTION,
    });
  });

  it('deploys the app and config.json (how the browser signs in), pruning and invalidating', () => {
    const [[, deployment]] = ofType('Custom::CDKBucketDeployment') as [[string, Resource]];
    expect(deployment.Properties).toMatchObject({
      DestinationBucketName: { Ref: ids.siteBucket },
      Prune: true,
      RetainOnDelete: false,
      DistributionId: { Ref: ids.distribution },
      DistributionPaths: ['/*'],
    });
    // Two sources: the app (here the placeholder page) and config.json, whose deploy-time values
    // are the client id and the console URL.
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    expect(markers).toContain(JSON.stringify({ Ref: ids.client }));
    expect(markers).toContain(JSON.stringify(getAtt(ids.distribution, 'DomainName')));
  });
});

describe('users', () => {
  it('is a user pool of admin-created users signing in by email, with a strong password policy', () => {
    const pool = resources[ids.userPool]!;
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    expect(pool.DeletionPolicy).toBe('Retain');
    // The invitation names the console's URL.
    expect(JSON.stringify(pool.Properties.AdminCreateUserConfig)).toContain(
      JSON.stringify(getAtt(ids.distribution, 'DomainName')),
    );
  });

  it('has a hosted-UI domain derived from the stack name and account', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['newswatch-', { Ref: 'AWS::AccountId' }]] },
      UserPoolId: { Ref: ids.userPool },
    });
    const prefixOf = (name: string, account?: string) =>
      consoleDomainPrefix(
        new Stack(new App(), name, account ? { env: { account, region: 'eu-west-1' } } : {}),
      );
    expect(prefixOf('Newswatch', '123456789012')).toBe('newswatch-123456789012');
    // Cognito refuses upper case and the words aws, amazon and cognito in a prefix.
    expect(prefixOf('News-Watch-AWS-Prod', '123456789012')).toBe('news-watch-prod-123456789012');
    expect(prefixOf('Amazon', '123456789012')).toBe('newswatch-123456789012');
    expect(prefixOf(`N${'x'.repeat(80)}`, '123456789012').length).toBeLessThanOrEqual(63);
  });

  it('has a public app client: authorisation code (PKCE), openid and email, the console URL to return to', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: ids.userPool },
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [consoleUrl()],
      LogoutURLs: [consoleUrl()],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('invites the admin from consoleAdminEmail by email', () => {
    expect(only('AWS::Cognito::UserPoolUser').Properties).toEqual({
      UserPoolId: { Ref: ids.userPool },
      Username: ADMIN,
      UserAttributes: [
        { Name: 'email', Value: ADMIN },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
  });
});

describe('api', () => {
  it('has one route, ANY /api/{proxy+}, behind the user pool JWT authorizer', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route');
    expect(routes.map(([, r]) => r.Properties.RouteKey)).toEqual(['ANY /api/{proxy+}']);
    const authorizer = ofType('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer).toHaveLength(1);
    for (const [, route] of routes) {
      expect(route.Properties).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizer[0]![0] },
      });
    }
    expect(authorizer[0]![1].Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: ids.client }],
        Issuer: {
          'Fn::Join': [
            '',
            ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: ids.userPool }],
          ],
        },
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: getAtt(ids.apiFn),
    });
  });

  it('logs every request as JSON and throttles the stage', () => {
    const stage = only('AWS::ApiGatewayV2::Stage').Properties as {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    } & Record<string, unknown>;
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
    const logGroup = resources[stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]];
    expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup?.Properties.RetentionInDays).toBe(30);
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      routeKey: '$context.routeKey',
    });
  });

  it('is a Newswatch function whose env names what it was granted', () => {
    const fn = resources[ids.apiFn]!.Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 29 });
    const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({
      [ENV.tableName]: { Ref: logicalId(stack.table.table) },
      [ENV.alertsTopicArn]: { Ref: logicalId(stack.alerts.topic) },
      [ENV.deadLetterQueueUrls]: {
        'Fn::Join': [
          '',
          [
            { Ref: logicalId(stack.ingest.deadLetterQueue) },
            ',',
            { Ref: logicalId(stack.alert.deadLetterQueue) },
            ',',
            { Ref: logicalId(stack.digest.deadLetterQueue) },
            ',',
            { Ref: logicalId(stack.poller.deadLetterQueue) },
            ',',
            { Ref: logicalId(stack.delivery.deadLetterQueue) },
          ],
        ],
      },
      [ENV.alarmNamePrefix]: 'Newswatch-',
      [ENV.maxArticleBytes]: String(DEFAULT_MAX_ARTICLE_BYTES),
      POWERTOOLS_SERVICE_NAME: 'newswatch-api',
    });
  });

  it('is granted reads, topic writes, alert subscriptions, DLQ depths and alarm states, and nothing else', () => {
    const table = logicalId(stack.table.table);
    const statements = statementsOfRole(template, logicalId(stack.console!.api.function.role!));
    const ours = statements
      .filter((s) => s.Sid)
      .map((s) => ({
        sid: s.Sid,
        actions: actionsOf(s).sort(),
        resource: s.Resource,
        condition: s.Condition,
      }));
    expect(ours).toEqual([
      {
        sid: 'ArticlesTableReads',
        actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
        resource: getAtt(table),
        condition: undefined,
      },
      {
        sid: 'ArticlesTableIndexQuery',
        actions: ['dynamodb:Query'],
        resource: { 'Fn::Join': ['', [getAtt(table), '/index/gsi1']] },
        condition: undefined,
      },
      {
        sid: 'ArticlesTableTopicWrites',
        actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resource: getAtt(table),
        condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TOPIC#*'] } },
      },
      {
        sid: 'SubscribeToAlerts',
        actions: ['sns:Subscribe'],
        resource: { Ref: logicalId(stack.alerts.topic) },
        condition: { StringEquals: { 'sns:Protocol': ['email', 'sms'] } },
      },
      {
        sid: 'ManageAlertSubscriptions',
        actions: ['sns:GetSubscriptionAttributes', 'sns:ListSubscriptionsByTopic', 'sns:Unsubscribe'],
        // The topic and its subscriptions (`<topic arn>:<id>`), whichever SNS authorises against.
        resource: expect.arrayContaining([
          { Ref: logicalId(stack.alerts.topic) },
          { 'Fn::Join': ['', [{ Ref: logicalId(stack.alerts.topic) }, ':*']] },
        ]),
        condition: undefined,
      },
      {
        sid: 'ReadDeadLetterQueueDepths',
        actions: ['sqs:GetQueueAttributes'],
        resource: expect.arrayContaining(
          [stack.ingest, stack.alert, stack.digest].map((f) => getAtt(logicalId(f.deadLetterQueue))),
        ),
        condition: undefined,
      },
      {
        sid: 'DescribeStackAlarms',
        actions: ['cloudwatch:DescribeAlarms'],
        resource: '*',
        condition: undefined,
      },
    ]);
    // The rest: its log group and X-Ray. No S3, no publishing, no KMS, no wildcard action.
    const rest = statements.filter((s) => !s.Sid).flatMap(actionsOf);
    expect(rest.sort()).toEqual(
      [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    const all = statements.flatMap(actionsOf);
    expect(all.filter((a) => /^(s3|kms):|^sns:Publish$|\*/.test(a))).toEqual([]);
    expect(
      statements
        .filter((s) => s.Resource === '*')
        .flatMap(actionsOf)
        .filter((a) => !a.startsWith('xray:')),
    ).toEqual(['cloudwatch:DescribeAlarms']);
  });

  it('has an Errors alarm notifying the operations topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.apiFn } }],
      AlarmActions: [{ Ref: logicalId(stack.operations.topic) }],
    });
  });
});

describe('stack wiring', () => {
  it('outputs ConsoleUrl (https://<distribution>/) and the user pool id', () => {
    template.hasOutput('ConsoleUrl', { Value: consoleUrl() });
    template.hasOutput('ConsoleUserPoolId', { Value: { Ref: ids.userPool } });
  });

  it('console=false leaves the site, the users and the API out', () => {
    const CONSOLE_TYPES = /^AWS::(Cognito|CloudFront|ApiGatewayV2)::|^Custom::CDKBucketDeployment$/;
    for (const value of [false, 'false']) {
      const { stack: without } = buildTestApp({ ...TEST_CONTEXT, ...NO_BUNDLING, console: value });
      expect(without.console).toBeUndefined();
      const json = Template.fromStack(without).toJSON() as {
        Resources: Record<string, Resource>;
        Outputs: Record<string, unknown>;
      };
      const left = Object.entries(json.Resources).filter(
        ([id, r]) =>
          CONSOLE_TYPES.test(r.Type) ||
          id.startsWith('Console') ||
          id.startsWith('CustomCDKBucketDeployment'),
      );
      expect(left.map(([id]) => id)).toEqual([]);
      expect(Object.keys(json.Outputs).filter((k) => k.startsWith('Console'))).toEqual([]);
      // Everything else is as with the console: only the console's resources and its alarm differ.
      const consoleIds = Object.keys(resources).filter(
        (id) =>
          id.startsWith('Console') || id.startsWith('CustomCDKBucketDeployment') || id.includes('ConsoleApi'),
      );
      expect(Object.keys(json.Resources).length).toBe(Object.keys(resources).length - consoleIds.length);
    }
  });

  it('invites nobody without consoleAdminEmail, and fails synthesis on a bad one or a bad console flag', () => {
    const { stack: nobody } = buildTestApp({ ...TEST_CONTEXT, ...NO_BUNDLING });
    Template.fromStack(nobody).resourceCountIs('AWS::Cognito::UserPoolUser', 0);
    expect(() => buildTestApp({ ...NO_BUNDLING, consoleAdminEmail: 'not-an-address' })).toThrow(
      /context consoleAdminEmail: invalid email address.*"not-an-address"/,
    );
    expect(() => buildTestApp({ ...NO_BUNDLING, consoleAdminEmail: 'admin@example' })).toThrow(
      /consoleAdminEmail/,
    );
    expect(() => buildTestApp({ ...NO_BUNDLING, console: 'maybe' })).toThrow(
      'context console: expected true or false (got "maybe")',
    );
  });

  it('synthesises without the build when the console is left out or a placeholder is asked for', () => {
    // Whether or not `npm run build:console` has run here: neither option reads the build.
    expect(() =>
      buildTestApp({ ...NO_BUNDLING, consolePlaceholder: 'false', console: 'false' }),
    ).not.toThrow();
    expect(() => buildTestApp({ ...NO_BUNDLING, consolePlaceholder: true })).not.toThrow();
  });

  it('deploys the real build only when it exists, and says how to make it when it does not', () => {
    const empty = mkdtempSync(join(tmpdir(), 'nw-console-'));
    expect(() => consoleAppSource('dist', empty)).toThrow(
      /console build is missing.*npm run build:console.*-c console=false.*-c consolePlaceholder=true/,
    );
    writeFileSync(join(empty, 'index.html'), '<!doctype html><title>x</title>');
    expect(consoleAppSource('dist', empty)).toBeDefined();
    expect(consoleAppSource('placeholder', empty)).toBeDefined();
  });
});
