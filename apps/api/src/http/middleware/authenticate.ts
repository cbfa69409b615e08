import type { Request, RequestHandler } from 'express';
import { AppError, forbidden } from '../../errors/app-error.js';
import type { AccessTokens } from '../../features/auth/access-tokens.js';
import type { AuthUser } from '../../features/auth/auth-user.js';
import type { CredentialGuard } from '../../features/auth/credential-guard.js';
import type { TokenVersions } from '../../features/auth/token-versions.js';
import { challengesFor, INVALID_TOKEN_CHALLENGE } from './auth-challenges.js';

export interface AuthenticateDeps {
  accessTokens: AccessTokens;
  /** Users' current token versions: a token with an older one (or of a deleted user) is refused. */
  tokenVersions: TokenVersions;
  /** Checks Basic credentials under the credential limit, like a login. */
  credentials: Pick<CredentialGuard, 'check'>;
}

const missingCredentials = (challenges: string[]) =>
  new AppError('unauthenticated', 'Unauthorized', 401, {
    headers: { 'WWW-Authenticate': challenges },
  });
const invalidToken = (req: Request) =>
  new AppError('invalid-token', 'Invalid or expired token', 401, {
    headers: { 'WWW-Authenticate': challengesFor(req, INVALID_TOKEN_CHALLENGE) },
  });
const invalidBasicCredentials = (challenges: string[]) =>
  new AppError('invalid-credentials', 'Invalid username or password', 401, {
    headers: { 'WWW-Authenticate': challenges },
  });

const parseBasic = (encoded: string): { username: string; password: string } | undefined => {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return undefined;
  return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
};

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Longer than any username or password an account can have: wrong without a check. */
const MAX_BASIC_FIELD_LENGTH = 128;

/**
 * The user whose username and password these are, as for a login: counted by the credential limit
 * (a 429 once refused), or remembered from a recent success (credential-guard.ts). A disabled
 * account's right password is a 403 account-disabled.
 */
const authenticateBasic = async (deps: AuthenticateDeps, req: Request, encoded: string) => {
  const credentials = parseBasic(encoded);
  if (
    credentials === undefined ||
    credentials.username.length > MAX_BASIC_FIELD_LENGTH ||
    credentials.password.length > MAX_BASIC_FIELD_LENGTH
  ) {
    throw invalidBasicCredentials(challengesFor(req));
  }
  const verified = await deps.credentials.check(
    { ip: req.ip ?? 'unknown', ...credentials },
    { isRepeatable: true, isWrite: !SAFE_METHODS.has(req.method) },
  );
  if (verified === undefined) throw invalidBasicCredentials(challengesFor(req));
  // Right password, disabled account: a 401 would only make the client ask for the password again.
  if (verified.isDisabled === true) throw forbidden('account-disabled', 'This account is disabled');
  return verified.user;
};

/**
 * The user a valid access token of their current token version names. Reads trust this process's
 * cached version (at most TOKEN_VERSION_CACHE_MS old); writes read it afresh, so a deleted user's
 * token never reaches a write (a 401, not a foreign-key failure) and a revoked one cannot write.
 */
const authenticateBearer = async (deps: AuthenticateDeps, req: Request, token: string) => {
  const verified = deps.accessTokens.verify(token);
  if (verified === undefined) throw invalidToken(req);
  const { id } = verified.user;
  const currentVersion = await (SAFE_METHODS.has(req.method)
    ? deps.tokenVersions.current(id)
    : deps.tokenVersions.fresh(id));
  if (currentVersion !== verified.tokenVersion) throw invalidToken(req);
  return verified.user;
};

/** The user a request's Authorization header names; throws a 401 (or 429) AppError otherwise. */
const resolveUser = async (deps: AuthenticateDeps, req: Request): Promise<AuthUser> => {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') throw missingCredentials(challengesFor(req));
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return authenticateBearer(deps, req, credentials);
    case 'basic':
      return authenticateBasic(deps, req, credentials);
    default:
      throw missingCredentials(challengesFor(req));
  }
};

/**
 * Requires a Bearer access token, or HTTP Basic credentials for scripts (failures are rate limited
 * like logins); mounted on every route the contract does not mark public. Its 401s challenge with
 * both schemes, but Basic only outside page scripts (auth-challenges.ts), so `curl --anyauth` finds
 * Basic and no browser opens its login dialog.
 */
export const authenticate = (deps: AuthenticateDeps): RequestHandler =>
  function authenticateMiddleware(req, _res, next) {
    resolveUser(deps, req).then((user) => {
      req.authUser = user;
      next();
    }, next);
  };
