import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors/app-error.js';
import type { AccessTokens } from '../../features/auth/access-tokens.js';
import type { AuthUser } from '../../features/auth/auth-user.js';
import type { CredentialGuard } from '../../features/auth/credential-guard.js';
import type { TokenVersions } from '../../features/auth/token-versions.js';

export interface AuthenticateDeps {
  accessTokens: AccessTokens;
  /** Users' current token versions: a token with an older one (or of a deleted user) is refused. */
  tokenVersions: TokenVersions;
  /** Checks Basic credentials under the credential limit, like a login. */
  credentials: Pick<CredentialGuard, 'check'>;
}

const missingCredentials = () => new AppError('unauthenticated', 'Unauthorized', 401);
const invalidToken = () =>
  new AppError('invalid-token', 'Invalid or expired token', 401, {
    headers: { 'WWW-Authenticate': 'Bearer realm="shelf", error="invalid_token"' },
  });
const invalidBasicCredentials = () =>
  new AppError('invalid-credentials', 'Invalid username or password', 401);

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
 * (a 429 once refused), or remembered from a recent success (credential-guard.ts).
 */
const authenticateBasic = async (
  deps: AuthenticateDeps,
  { ip, method }: { ip: string; method: string },
  encoded: string,
) => {
  const credentials = parseBasic(encoded);
  if (
    credentials === undefined ||
    credentials.username.length > MAX_BASIC_FIELD_LENGTH ||
    credentials.password.length > MAX_BASIC_FIELD_LENGTH
  ) {
    throw invalidBasicCredentials();
  }
  const verified = await deps.credentials.check(
    { ip, ...credentials },
    { isRepeatable: true, isWrite: !SAFE_METHODS.has(method) },
  );
  if (verified === undefined) throw invalidBasicCredentials();
  return verified.user;
};

/**
 * The user a valid access token of their current token version names. Reads trust this process's
 * cached version (at most TOKEN_VERSION_CACHE_MS old); writes read it afresh, so a deleted user's
 * token never reaches a write (a 401, not a foreign-key failure) and a revoked one cannot write.
 */
const authenticateBearer = async (deps: AuthenticateDeps, method: string, token: string) => {
  const verified = deps.accessTokens.verify(token);
  if (verified === undefined) throw invalidToken();
  const { id } = verified.user;
  const currentVersion = await (SAFE_METHODS.has(method)
    ? deps.tokenVersions.current(id)
    : deps.tokenVersions.fresh(id));
  if (currentVersion !== verified.tokenVersion) throw invalidToken();
  return verified.user;
};

/** The user a request's Authorization header names; throws a 401 (or 429) AppError otherwise. */
const resolveUser = async (deps: AuthenticateDeps, req: Request): Promise<AuthUser> => {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') throw missingCredentials();
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return authenticateBearer(deps, req.method, credentials);
    case 'basic':
      return authenticateBasic(deps, { ip: req.ip ?? 'unknown', method: req.method }, credentials);
    default:
      throw missingCredentials();
  }
};

/**
 * Requires a Bearer access token, or HTTP Basic credentials for scripts (failures are rate limited
 * like logins); mounted on every route the contract does not mark public.
 */
export const authenticate = (deps: AuthenticateDeps): RequestHandler =>
  function authenticateMiddleware(req, _res, next) {
    resolveUser(deps, req).then((user) => {
      req.authUser = user;
      next();
    }, next);
  };
