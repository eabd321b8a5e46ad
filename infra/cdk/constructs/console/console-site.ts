import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, FeatureFlags, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { API_PREFIX, type ConsoleConfig } from '../../../../functions/contracts/console-api';
import { CONSOLE_APP } from '../../../paths';
import { iam5FindingsOfDocument } from '../nag';

/**
 * What the site bucket receives besides config.json: the browser app as `npm run build:console`
 * wrote it (functions/console/dist), or a one-page placeholder for tests and for synthesising
 * before the app is built.
 */
export type ConsoleAppBuild = 'dist' | 'placeholder';

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Newswatch console</title></head>
<body><h1>Newswatch console</h1><p>This stack was deployed with a placeholder instead of the console build
(<code>-c consolePlaceholder=true</code>). Run <code>npm run build:console</code> and deploy again.</p></body></html>
`;

/** Throws, naming the ways out, when `npm run build:console` has not written the app. */
export const assertConsoleBuilt = (dist: string = CONSOLE_APP.dist): void => {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(
      `The console build is missing (${join(dist, 'index.html')}): run \`npm run build:console\` before \`cdk synth\` or \`cdk deploy\`, or leave the console out (-c console=false), or deploy a placeholder page (-c consolePlaceholder=true).`,
    );
  }
};

/** The app's files as a deployment source (the build must exist, see assertConsoleBuilt). */
export const consoleAppSource = (
  build: ConsoleAppBuild,
  dist: string = CONSOLE_APP.dist,
): s3deploy.ISource => {
  if (build === 'placeholder') return s3deploy.Source.data('index.html', PLACEHOLDER_PAGE);
  assertConsoleBuilt(dist);
  return s3deploy.Source.asset(dist);
};

/**
 * The Content-Security-Policy of every response: scripts and styles from the site only (the build
 * has no inline script or style, so no 'unsafe-inline'), fetches to the site (the API is under
 * /api on the same origin) and to Cognito's token endpoint, sign-in forms posted to Cognito only,
 * never framed.
 */
export const consoleContentSecurityPolicy = (cognitoDomainUrl: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${cognitoDomainUrl}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action 'self' ${cognitoDomainUrl}`,
  ].join('; ');

/**
 * The SPA fallback, on viewer requests of the default behaviour only: a path whose last segment
 * has no file extension is a route of the app and gets /index.html. A rewrite rather than error
 * responses (403/404 → /index.html), which would apply to every behaviour and turn the API's own
 * 403 and 404 answers into the app's page. /api never reaches this behaviour; the check is a guard.
 */
export const SPA_REWRITE_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '${API_PREFIX}' || uri.indexOf('${API_PREFIX}/') === 0) return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}
`;

export interface ConsoleSiteProps {
  /** The hosted-UI URL (`https://<prefix>.auth.<region>.amazoncognito.com`) the CSP allows. */
  readonly cognitoDomainUrl: string;
  /** What the app's files come from. */
  readonly build: ConsoleAppBuild;
  /** Applies to the access-log bucket (the site bucket only holds a build). @default RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The console's browser app: a private S3 bucket (SSE-S3, TLS only, no ACLs, access-logged) that
 * only this CloudFront distribution reads, through origin access control. HTTPS only (HTTP is
 * redirected), a response headers policy on every response (CSP without 'unsafe-inline', HSTS for
 * two years with preload, nosniff, frame DENY, a strict referrer policy), and a second behaviour
 * sending /api/* to the console API uncached. CloudFront and the bucket log to a bucket of their own.
 */
export class ConsoleSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  readonly spaRewrite: cloudfront.Function;
  private readonly appSource: s3deploy.ISource;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    if (!FeatureFlags.of(this).isEnabled(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY)) {
      throw new Error(
        `ConsoleSite needs the feature flag ${S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY}=true (set in cdk.json).`,
      );
    }
    // Resolved first: a missing build fails the synth before anything else is built.
    this.appSource = consoleAppSource(props.build);
    const secureDefaults = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    } as const;

    // CloudFront's standard logs are delivered with an ACL grant (awslogsdelivery), so this one
    // bucket keeps ACLs enabled (bucket owner preferred); S3 server access logs arrive through the
    // bucket policy. SSE-S3: neither delivery can write to an SSE-KMS bucket.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      ...secureDefaults,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...secureDefaults,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'console-bucket/',
      // A build, redeployed at will: the deployment empties it when it leaves the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Newswatch console: CSP without unsafe-inline, HSTS, nosniff, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy(props.cognitoDomainUrl),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    this.spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      comment: 'Newswatch console: app routes get /index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE_FUNCTION),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Newswatch console (${Stack.of(this).stackName})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        functionAssociations: [
          { function: this.spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.accessLogsBucket,
      logFilePrefix: 'console-distribution/',
    });

    const acknowledge = (rule: string, reason: string) =>
      Validations.of(this.distribution).acknowledge({ id: rule, reason });
    acknowledge(
      'AwsSolutions-CFR1',
      'No geo restriction: the console is for its operators wherever they are; every request for data needs a Cognito token, and the app files themselves hold nothing confidential.',
    );
    acknowledge(
      'AwsSolutions-CFR2',
      'No AWS WAF web ACL (a fixed monthly charge per ACL and rules): the API behind /api/* needs a Cognito JWT on every route and is throttled at the stage; the static app files hold no data. Associate a web ACL (webAclId) where an organisation requires one.',
    );
    acknowledge(
      'AwsSolutions-CFR4',
      'No custom domain, so the distribution serves *.cloudfront.net with the CloudFront default certificate, whose viewer security policy CloudFront fixes (TLSv1) and which cannot be raised without a custom domain and an ACM certificate. Modern browsers negotiate TLS 1.2/1.3 with it, and HSTS keeps them on HTTPS.',
    );
  }

  /** `https://<distribution domain>/`: the console's URL. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }

  /**
   * Sends `/api/*` to the API's host over HTTPS (TLS 1.2), uncached, with every viewer header
   * but Host (the Authorization header reaches the JWT authorizer; API Gateway needs its own Host).
   * Viewers must use HTTPS (no redirect: a redirected POST would lose its body).
   */
  routeApi(apiDomainName: string): void {
    this.distribution.addBehavior(
      `${API_PREFIX}/*`,
      new HttpOrigin(apiDomainName, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      }),
      {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.responseHeadersPolicy,
      },
    );
  }

  /**
   * Deploys the app and config.json (how the browser signs in) to the bucket, pruning old files,
   * and invalidates the distribution's cache. Call once.
   */
  deploy(config: ConsoleConfig): s3deploy.BucketDeployment {
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [this.appSource, s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      retainOnDelete: false,
      memoryLimit: 512,
      logGroup,
    });
    this.acknowledgeDeploymentHandler(deployment);
    return deployment;
  }

  /**
   * BucketDeployment runs a CDK-owned singleton Lambda function (a custom resource) during
   * deployments. Its role always gets AWSLambdaBasicExecutionRole, and CDK grants it the wildcard
   * S3 actions of `grantRead`/`grantReadWrite` on the CDK asset bucket and on this bucket's objects.
   */
  private acknowledgeDeploymentHandler(deployment: s3deploy.BucketDeployment): void {
    const role = deployment.handlerRole;
    const handler = role.node.scope;
    const policy = role.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
    if (!handler || !policy) throw new Error('BucketDeployment: its handler role or policy has moved');
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK-owned BucketDeployment custom resource: its role always gets AWSLambdaBasicExecutionRole and CDK exposes no way to replace the policy. It only runs during deployments.',
    });
    for (const id of iam5FindingsOfDocument(this, policy.document)) {
      Validations.of(role).acknowledge({
        id,
        reason:
          "CDK-owned BucketDeployment custom resource: CDK grants it grantRead's wildcard actions on the CDK asset bucket's objects, grantReadWrite's on this site bucket's objects (it copies and prunes the build), and CloudFront invalidation on \"*\" (CreateInvalidation/GetInvalidation); it only runs during deployments.",
      });
    }
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'CDK-owned BucketDeployment custom resource: CDK picks its (Python) runtime and exposes no way to change it; aws-cdk-lib upgrades move it forward. It only runs during deployments.',
    });
  }
}
