import type { Request, RequestHandler } from 'express';
import { AppError } from '../../errors/app-error.js';
import type { AccessTokens } from '../../features/auth/access-tokens.js';
import type { AuthUser } from '../../features/auth/auth-user.js';
import type { CredentialRateLimit } from '../../features/auth/credential-rate-limit.js';

export interface AuthenticateDeps {
  accessTokens: AccessTokens;
  rateLimit: CredentialRateLimit;
  verifyCredentials(username: string, password: string): Promise<AuthUser | undefined>;
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

const authenticateBasic = async (deps: AuthenticateDeps, ip: string, encoded: string) => {
  const credentials = parseBasic(encoded);
  if (credentials === undefined || credentials.password.length > 128)
    throw invalidBasicCredentials();
  await deps.rateLimit.assertNotBlocked(ip, credentials.username);
  const user = await deps.verifyCredentials(credentials.username, credentials.password);
  if (user === undefined) {
    await deps.rateLimit.consume(ip, credentials.username);
    throw invalidBasicCredentials();
  }
  return user;
};

/** The user a request's Authorization header names; throws a 401 (or 429) AppError otherwise. */
const resolveUser = async (deps: AuthenticateDeps, req: Request): Promise<AuthUser> => {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') throw missingCredentials();
  const [scheme = '', credentials = ''] = header.trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer': {
      const user = deps.accessTokens.verify(credentials);
      if (user === undefined) throw invalidToken();
      return user;
    }
    case 'basic':
      return authenticateBasic(deps, req.ip ?? 'unknown', credentials);
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
