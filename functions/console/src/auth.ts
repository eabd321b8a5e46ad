import type { ConsoleConfig } from '../../contracts/console-api';

/**
 * Sign-in as /config.json says: `none` (the local console, bound to 127.0.0.1) or Cognito's hosted
 * sign-in with the authorisation code grant and PKCE (S256), the state checked on return. Tokens
 * live in sessionStorage (gone with the tab); /api calls carry the ID token as a Bearer token.
 */

type CognitoAuth = Extract<ConsoleConfig['auth'], { type: 'cognito' }>;

const TOKENS = 'newswatch.tokens';
const PENDING = 'newswatch.pkce';

interface Tokens {
  idToken: string;
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

interface Pending {
  state: string;
  verifier: string;
  /** Where the user was when sign-in started. */
  returnTo: string;
}

let config: ConsoleConfig = { auth: { type: 'none' } };

export const authConfig = (): ConsoleConfig['auth'] => config.auth;

const base64url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const randomString = (bytes = 32): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

const challengeOf = async (verifier: string): Promise<string> =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

const readJson = <T>(key: string): T | null => {
  const raw = sessionStorage.getItem(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
};

const storedTokens = (): Tokens | null => {
  const tokens = readJson<Tokens>(TOKENS);
  return tokens && tokens.expiresAt > Date.now() + 30_000 ? tokens : null;
};

/** Sends the browser to Cognito's hosted sign-in; never returns. */
export async function signIn(): Promise<never> {
  const auth = config.auth;
  if (auth.type !== 'cognito') throw new Error('this console has no sign-in');
  const pending: Pending = {
    state: randomString(),
    verifier: randomString(48),
    returnTo: location.pathname + location.search,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL('/oauth2/authorize', auth.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    scope: 'openid email',
    state: pending.state,
    code_challenge_method: 'S256',
    code_challenge: await challengeOf(pending.verifier),
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => {});
}

export function signOut(): void {
  sessionStorage.removeItem(TOKENS);
  const auth = config.auth;
  if (auth.type !== 'cognito') return;
  const url = new URL('/logout', auth.domain);
  url.search = new URLSearchParams({ client_id: auth.clientId, logout_uri: auth.redirectUri }).toString();
  location.assign(url.toString());
}

/** Trades the code Cognito sent back for tokens, after checking the state; false when none came. */
async function completeSignIn(auth: CognitoAuth): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (code === null && error === null) return false;
  const pending = readJson<Pending>(PENDING);
  sessionStorage.removeItem(PENDING);
  if (error !== null) throw new Error(`sign-in failed: ${params.get('error_description') ?? error}`);
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('sign-in failed: the answer does not match the request (state); sign in again');
  }
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code: code ?? '',
      redirect_uri: auth.redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`sign-in failed: the token endpoint answered ${response.status}`);
  const body = (await response.json()) as { id_token: string; access_token: string; expires_in: number };
  const tokens: Tokens = {
    idToken: body.id_token,
    accessToken: body.access_token,
    expiresAt: Date.now() + body.expires_in * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
  history.replaceState(null, '', pending.returnTo.startsWith('/') ? pending.returnTo : '/');
  return true;
}

/**
 * Loads /config.json and, for Cognito, finishes a sign-in in progress or starts one when there is
 * no valid token. Resolves once /api calls can be made.
 */
export async function initAuth(): Promise<void> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`could not load /config.json (${response.status})`);
  config = (await response.json()) as ConsoleConfig;
  const auth = config.auth;
  if (auth.type !== 'cognito') return;
  if (await completeSignIn(auth)) return;
  if (!storedTokens()) await signIn();
}

/** The Authorization header for /api calls, if any. */
export function authHeaders(): Record<string, string> {
  if (config.auth.type !== 'cognito') return {};
  const tokens = storedTokens();
  return tokens ? { Authorization: `Bearer ${tokens.idToken}` } : {};
}

/** The API said 401: the token is gone or expired, so sign in again. */
export async function onUnauthorized(): Promise<void> {
  sessionStorage.removeItem(TOKENS);
  if (config.auth.type === 'cognito') await signIn();
}
