import type { Request, Response } from 'express';
import { initServer } from '@ts-rest/express';
import { authContract, type TokenResponse } from '@shelf/contracts';
import { AppError, badRequest, unauthorized } from '../../errors/app-error.js';
import * as account from './account.service.js';
import type { PasswordAttempts } from './account.service.js';
import * as auth from './auth.service.js';
import type { AuthDeps } from './auth.service.js';
import { requireAuthUser, type AuthUser } from './auth-user.js';
import type { CredentialGuard } from './credential-guard.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';

const s = initServer();

const invalidLogin = () => unauthorized('invalid-credentials', 'Invalid username or password');
const invalidGrant = (detail: string) => () =>
  new AppError('invalid-grant', detail, 400, { oauthError: 'invalid_grant' });
/** The refresh token of /auth/refresh and /auth/logout: from the body, else from the cookie. */
const refreshTokenOf = (
  body: { refresh_token?: string | undefined } | undefined,
  req: Request,
): string => {
  const refreshToken = body?.refresh_token ?? readRefreshCookie(req);
  if (refreshToken === undefined) {
    throw badRequest(
      'missing-refresh-token',
      'Send refresh_token in the body or the refresh cookie',
    );
  }
  return refreshToken;
};

/** Token responses must not be cached (RFC 6749 §5.1); browsers also get the refresh cookie. */
const tokenResponse = (res: Response, deps: AuthDeps, tokens: TokenResponse) => {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  setRefreshCookie(res, deps.config, tokens.refresh_token);
  return { status: 200 as const, body: tokens };
};

/** The client the credential limit counts by: X-Forwarded-For only behind TRUST_PROXY proxies. */
const clientIp = (req: Request): string => req.ip ?? 'unknown';

/**
 * A password confirmation by the caller counts like a login, per client IP and username. It is
 * counted before the password is checked, so concurrent confirmations cannot outrun the limit; a
 * wrong password stays counted, a right one is taken back (account.service.ts calls succeeded()).
 */
const passwordAttempts = (
  credentials: CredentialGuard,
  req: Request,
  user: AuthUser,
): PasswordAttempts => ({
  count: () => credentials.countAttempt(clientIp(req), user.username),
});

/** HTTP adapter of the auth feature: accounts, sessions and the OAuth2 token endpoint. */
export const createAuthRouter = (deps: AuthDeps) =>
  s.router(authContract, {
    register: async ({ body, req }) => {
      await deps.credentials.countRegistration(clientIp(req));
      return { status: 201, body: await auth.register(deps, body) };
    },

    login: async ({ body, req, res }) => {
      const credentials = { ip: clientIp(req), username: body.username, password: body.password };
      return tokenResponse(res, deps, await auth.login(deps, credentials, invalidLogin));
    },

    token: async ({ body, req, res }) => {
      const tokens =
        body.grant_type === 'password'
          ? await auth.login(
              deps,
              { ip: clientIp(req), username: body.username, password: body.password },
              invalidGrant('Invalid username or password'),
            )
          : await auth.refresh(
              deps,
              body.refresh_token,
              invalidGrant('Invalid, expired or revoked refresh token'),
            );
      return tokenResponse(res, deps, tokens);
    },

    refresh: async ({ body, req, res }) => {
      const refreshToken = refreshTokenOf(body, req);
      try {
        const response = tokenResponse(res, deps, await auth.refresh(deps, refreshToken));
        if (body?.refresh_token !== undefined) return response;
        const { refresh_token, ...tokensWithoutRefresh } = response.body;
        return { status: 200, body: tokensWithoutRefresh };
      } catch (error) {
        clearRefreshCookie(res, deps.config);
        throw error;
      }
    },

    logout: async ({ body, req, res }) => {
      await auth.logout(deps, refreshTokenOf(body, req));
      clearRefreshCookie(res, deps.config);
      return { status: 204, body: undefined };
    },

    me: async ({ req }) => ({
      status: 200,
      body: await auth.getCurrentUser(deps, requireAuthUser(req)),
    }),

    changePassword: async ({ body, req, res }) => {
      const user = requireAuthUser(req);
      const attempts = passwordAttempts(deps.credentials, req, user);
      return tokenResponse(res, deps, await account.changePassword(deps, user, body, attempts));
    },

    deleteAccount: async ({ body, req, res }) => {
      const user = requireAuthUser(req);
      const attempts = passwordAttempts(deps.credentials, req, user);
      await account.deleteAccount(deps, user, body.password, attempts);
      clearRefreshCookie(res, deps.config);
      return { status: 204, body: undefined };
    },
  });
