import { TokenResponseSchema, UserSchema } from '@shelf/contracts';
import type { TourResponse } from './http.js';
import { codeOf, type Step } from './step.js';

/** An account the tour acts as, with its current tokens. */
export interface Account {
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** Registered by the tour, so the tour may change its password and must delete it. */
  isThrowaway: boolean;
}

/** The Authorization header of an account's access token. */
export const bearer = (account: Account): Record<string, string> => ({
  Authorization: `Bearer ${account.accessToken}`,
});

/** The tokens of a login-shaped response, when it is one. */
export const tokensOf = (response: TourResponse | undefined) => {
  const parsed = TokenResponseSchema.safeParse(response?.body);
  return parsed.success ? parsed.data : undefined;
};

/** Logs an account in; undefined (the step has failed) when it could not. */
export const logIn = async (
  step: Step,
  username: string,
  password: string,
  isThrowaway: boolean,
): Promise<Account | undefined> => {
  const response = await step(
    'logs in',
    { method: 'POST', path: '/auth/login', json: { username, password } },
    { status: 200 },
  );
  const tokens = tokensOf(response);
  if (tokens === undefined) return undefined;
  return {
    username,
    password,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    isThrowaway,
  };
};

/** The outcome of trying to register a throwaway account. */
export type Registration =
  { kind: 'registered'; account: Account } | { kind: 'disabled' } | { kind: 'failed' };

/**
 * Registers a throwaway account and logs it in. A server with registration disabled answers 403
 * registration-disabled, which is checked as such.
 */
export const registerThrowaway = async (step: Step, username: string): Promise<Registration> => {
  const password = `tour-${username}-password`;
  const attempt = await step(
    'registers a throwaway account (403 registration-disabled where registration is off)',
    { method: 'POST', path: '/auth/register', json: { username, password } },
    {
      status: [201, 403],
      also: (response) => {
        if (response.status === 403)
          return codeOf(response.body) === 'registration-disabled'
            ? []
            : ['a 403 that is not registration-disabled'];
        return UserSchema.safeParse(response.body).data?.username === username
          ? []
          : ['the new account does not carry the username sent'];
      },
    },
  );
  if (attempt?.status === 403) return { kind: 'disabled' };
  if (attempt?.status !== 201) return { kind: 'failed' };
  const account = await logIn(step, username, password, true);
  return account === undefined ? { kind: 'failed' } : { kind: 'registered', account };
};
