import type { Request, Response } from 'express';
import { REFRESH_COOKIE } from '@shelf/contracts';
import type { Config } from '../../config.js';

/** The HttpOnly cookie that carries the refresh token for browsers; page scripts never see it. */
export const REFRESH_COOKIE_NAME = REFRESH_COOKIE.name;
const COOKIE_PATH = REFRESH_COOKIE.path;

export const setRefreshCookie = (res: Response, config: Config, refreshToken: string): void => {
  res.cookie(REFRESH_COOKIE_NAME, refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: COOKIE_PATH,
    maxAge: config.refreshTokenTtlSeconds * 1000,
  });
};

export const clearRefreshCookie = (res: Response, config: Config): void => {
  res.clearCookie(REFRESH_COOKIE_NAME, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: COOKIE_PATH,
  });
};

/** The refresh token from the cookie, if the request carries one. */
export const readRefreshCookie = (req: Request): string | undefined => {
  const cookies: unknown = req.cookies;
  if (typeof cookies !== 'object' || cookies === null) return undefined;
  const value: unknown = (cookies as Record<string, unknown>)[REFRESH_COOKIE_NAME];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};
