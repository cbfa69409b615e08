import type { CookieOptions, Request, Response } from 'express';
import { REFRESH_COOKIE } from '@shelf/contracts';
import type { Config } from '../../config.js';

/** The HttpOnly cookie that carries the refresh token for browsers; page scripts never see it. */
export const REFRESH_COOKIE_NAME = REFRESH_COOKIE.name;
const COOKIE_PATH = REFRESH_COOKIE.path;

/**
 * Sets the refresh cookie to `refreshToken`, or clears it for `null`. Both share one set of
 * attributes: a browser drops a cookie only when the clearing header names the same path.
 */
export const writeRefreshCookie = (
  res: Response,
  config: Config,
  refreshToken: string | null,
): void => {
  const attributes: CookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: COOKIE_PATH,
  };
  if (refreshToken === null) {
    res.clearCookie(REFRESH_COOKIE_NAME, attributes);
    return;
  }
  res.cookie(REFRESH_COOKIE_NAME, refreshToken, {
    ...attributes,
    maxAge: config.refreshTokenTtlSeconds * 1000,
  });
};

/** The refresh token from the cookie, if the request carries one. */
export const readRefreshCookie = (req: Request): string | undefined => {
  const cookies: unknown = req.cookies;
  if (typeof cookies !== 'object' || cookies === null) return undefined;
  const value: unknown = (cookies as Record<string, unknown>)[REFRESH_COOKIE_NAME];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};
