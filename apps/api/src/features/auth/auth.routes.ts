import type { Request, Response } from 'express';
import { initServer } from '@ts-rest/express';
import { authContract, EMAIL_ACCEPTED_MESSAGES, type TokenResponse } from '@shelf/contracts';
import { AppError, badRequest, forbidden, unauthorized } from '../../errors/app-error.js';
import * as account from './account.service.js';
import * as emailChange from './email-change.service.js';
import * as passwordReset from './password-reset.service.js';
import type { PasswordAttempts } from './account.service.js';
import * as auth from './auth.service.js';
import type { AuthDeps } from './auth.service.js';
import { AuthRefusal } from './auth-refusal.js';
import { requireAuthUser } from '../../http/request-auth-user.js';
import type { AuthUser } from './auth-user.js';
import type { CredentialGuard } from './credential-guard.js';
import { readRefreshCookie, writeRefreshCookie } from './refresh-cookie.js';

const s = initServer();

/**
 * A refused login or refresh as /auth/login and /auth/refresh answer it: a 401 problem, or a 403
 * for a disabled account (the password was right: trying again will not help).
 */
const asProblem = (refusal: AuthRefusal): AppError => {
  switch (refusal.reason) {
    case 'invalid-credentials':
      return unauthorized('invalid-credentials', refusal.message);
    case 'account-disabled':
      return forbidden('account-disabled', refusal.message);
    case 'invalid-refresh-token':
      return new AppError('invalid-refresh-token', refusal.message, 401);
  }
};

/** A refused grant as the OAuth2 token endpoint answers it (RFC 6749 §5.2). */
const asInvalidGrant = (refusal: AuthRefusal): AppError =>
  new AppError('invalid-grant', refusal.message, 400, { oauthError: 'invalid_grant' });

/** The tokens `issue` resolves to; an AuthRefusal becomes the error this route answers with. */
const refusedAs = async (
  issue: Promise<TokenResponse>,
  toAppError: (refusal: AuthRefusal) => AppError,
): Promise<TokenResponse> => {
  try {
    return await issue;
  } catch (error) {
    if (error instanceof AuthRefusal) throw toAppError(error);
    throw error;
  }
};

/** The refresh token of /auth/logout: from the body, else from the cookie; a 400 without one. */
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
  writeRefreshCookie(res, deps.config, tokens.refresh_token);
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
      return tokenResponse(res, deps, await refusedAs(auth.login(deps, credentials), asProblem));
    },

    token: async ({ body, req, res }) => {
      const issue =
        body.grant_type === 'password'
          ? auth.login(deps, {
              ip: clientIp(req),
              username: body.username,
              password: body.password,
            })
          : auth.refresh(deps, body.refresh_token);
      return tokenResponse(res, deps, await refusedAs(issue, asInvalidGrant));
    },

    refresh: async ({ body, req, res }) => {
      const refreshToken = body?.refresh_token ?? readRefreshCookie(req);
      if (refreshToken === undefined) {
        // Nothing presented is "no session", not a failed refresh: a signed-out page load asks too.
        res.setHeader('Cache-Control', 'no-store');
        return { status: 204, body: undefined };
      }
      try {
        const response = tokenResponse(
          res,
          deps,
          await refusedAs(auth.refresh(deps, refreshToken), asProblem),
        );
        if (body?.refresh_token !== undefined) return response;
        const { refresh_token, ...tokensWithoutRefresh } = response.body;
        return { status: 200, body: tokensWithoutRefresh };
      } catch (error) {
        writeRefreshCookie(res, deps.config, null);
        throw error;
      }
    },

    logout: async ({ body, req, res }) => {
      await auth.logout(deps, refreshTokenOf(body, req));
      writeRefreshCookie(res, deps.config, null);
      return { status: 204, body: undefined };
    },

    requestPasswordReset: async ({ body, req, res }) => {
      await passwordReset.requestPasswordReset(deps, { ip: clientIp(req), email: body.email });
      res.setHeader('Cache-Control', 'no-store');
      return { status: 202, body: { message: EMAIL_ACCEPTED_MESSAGES.passwordReset } };
    },

    confirmPasswordReset: async ({ body }) => {
      await passwordReset.confirmPasswordReset(deps, {
        token: body.token,
        newPassword: body.new_password,
      });
      return { status: 204, body: undefined };
    },

    confirmEmail: async ({ body }) => {
      await emailChange.confirmEmailChange(deps, body.token);
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

    changeEmail: async ({ body, req, res }) => {
      const user = requireAuthUser(req);
      const attempts = passwordAttempts(deps.credentials, req, user);
      await emailChange.requestEmailChange(deps, user, body, attempts);
      res.setHeader('Cache-Control', 'no-store');
      return { status: 202, body: { message: EMAIL_ACCEPTED_MESSAGES.emailChange } };
    },

    deleteAccount: async ({ body, req, res }) => {
      const user = requireAuthUser(req);
      const attempts = passwordAttempts(deps.credentials, req, user);
      await account.deleteAccount(deps, user, body.password, attempts);
      writeRefreshCookie(res, deps.config, null);
      return { status: 204, body: undefined };
    },
  });
