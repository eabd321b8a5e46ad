import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { validateEmails } from '../../settings/subscriptions';

/** Cognito's rules for a hosted-UI domain prefix (without the account suffix added here). */
const RESERVED_IN_PREFIX = /aws|amazon|cognito/g;
const MAX_PREFIX = 63;
const ACCOUNT_DIGITS = 12;

/**
 * The hosted-UI domain prefix: the stack name (lower-cased, Cognito's forbidden words and
 * characters replaced) and the account id, so it is deterministic per stack and account and unique
 * across accounts (prefixes are global within a region). The account is a token in an
 * environment-agnostic stack; CloudFormation fills it in.
 */
export const consoleDomainPrefix = (stack: Stack): string => {
  const name = Token.isUnresolved(stack.stackName) ? 'newswatch' : stack.stackName;
  const cleaned =
    name
      .toLowerCase()
      .replace(RESERVED_IN_PREFIX, '')
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, MAX_PREFIX - ACCOUNT_DIGITS - 1)
      .replace(/-$/, '') || 'newswatch';
  return `${cleaned}-${stack.account}`;
};

/** `https://<prefix>.auth.<region>.amazoncognito.com`, from the prefix alone (no resource reference). */
export const cognitoDomainUrl = (stack: Stack, prefix: string): string =>
  `https://${prefix}.auth.${stack.region}.amazoncognito.com`;

/** Throws a synth-time error naming the context key for an address Cognito would refuse. */
export const validateAdminEmail = (email: string): string => {
  const trimmed = email.trim();
  validateEmails([trimmed], 'context consoleAdminEmail');
  return trimmed;
};

export interface ConsoleUsersProps {
  /** The console's URL (`https://<distribution>/`): the app client's callback and logout URL. */
  readonly consoleUrl: string;
  /** Hosted-UI domain prefix, see consoleDomainPrefix(). */
  readonly domainPrefix: string;
  /** The first user, invited by email with a temporary password. @default no user */
  readonly adminEmail?: string;
  /** @default RemovalPolicy.RETAIN, which also turns deletion protection on */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Who may use the console: a Cognito user pool of admin-created users only (no self sign-up),
 * signing in by email through the hosted UI with the authorisation-code grant and PKCE (a public
 * client: a browser app keeps no secret). Plus feature plan with threat protection in enforced
 * mode (COG8), a 12-character password policy with every
 * character class, and optional TOTP MFA.
 */
export class ConsoleUsers extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  readonly client: cognito.UserPoolClient;
  readonly admin?: cognito.CfnUserPoolUser;

  constructor(scope: Construct, id: string, props: ConsoleUsersProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const adminEmail = props.adminEmail === undefined ? undefined : validateAdminEmail(props.adminEmail);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Your Newswatch console account',
        emailBody: `You have been invited to the Newswatch console.<br><br>Sign in at <a href="${props.consoleUrl}">${props.consoleUrl}</a> with your email address {username} and this temporary password: {####}<br><br>You will choose a new password at the first sign-in. The temporary password expires in 7 days.`,
      },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional, with TOTP as the only second factor (no SMS: no per-message cost, no SIM-swap risk): users are created by an administrator only (no self sign-up), passwords are long with every character class, and the pool is on the Plus plan with threat protection in enforced mode. Set mfa to REQUIRED where policy demands it.',
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [props.consoleUrl],
        logoutUrls: [props.consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    if (adminEmail !== undefined) {
      this.admin = new cognito.CfnUserPoolUser(this, 'Admin', {
        userPoolId: this.userPool.userPoolId,
        username: adminEmail,
        userAttributes: [
          { name: 'email', value: adminEmail },
          // Invited at this address by the administrator: verified, so that password reset (email only) works.
          { name: 'email_verified', value: 'true' },
        ],
        desiredDeliveryMediums: ['EMAIL'],
      });
    }
  }

  /** The hosted UI's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }
}
