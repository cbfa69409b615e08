import type { ApiFetcher, InitClientReturn } from '@ts-rest/core';
import type { Contract } from '@shelf/contracts';
import type { Session } from './token-store.js';

/** How createShelfClient configures ts-rest's client for the contract. */
export interface ContractClientArgs {
  baseUrl: string;
  api: ApiFetcher;
  throwOnUnknownStatus: false;
}

/**
 * ts-rest's client for the whole contract. Named rather than inferred, so the published declarations
 * refer to ts-rest's types instead of copying them out with the DOM names of the build's `lib`: they
 * then type-check in Node projects without DOM types as well as in browsers.
 */
export type ContractClient = InitClientReturn<Contract, ContractClientArgs>;

type AuthRoutes = ContractClient['auth'];

/** `client.auth`: the contract's account routes, with the session kept for you. */
export interface ShelfAuthClient extends Pick<AuthRoutes, 'register' | 'token' | 'me'> {
  /**
   * Signs in and keeps the session. Resolves to the typed login result (200, 400, 401, 403 for an
   * account an admin disabled, 429, 503 with Retry-After when the server's password checks or
   * database are busy).
   *
   * @example
   * const result = await client.auth.login('alice', 'secret123');
   * if (result.status === 401) showError(result.body.detail);
   */
  login(username: string, password: string): ReturnType<AuthRoutes['login']>;
  /** Ends the session on the server and forgets it here. */
  logout(): Promise<void>;
  /**
   * Changes the password and keeps the new session the server starts; every other session of
   * the account ends. Resolves to the typed result: 200, 400 (new password too short or long),
   * 403 (wrong current password), 429, 503 (busy; Retry-After).
   *
   * @example
   * const result = await client.auth.changePassword('old secret', 'a new long secret');
   * if (result.status === 403) showError('The current password is wrong');
   */
  changePassword(
    currentPassword: string,
    newPassword: string,
  ): ReturnType<AuthRoutes['changePassword']>;
  /**
   * Deletes the account, with its books, and forgets the session. Resolves to the typed result:
   * 204, 403 (wrong password), 409 (the last admin), 429, 503 (busy; Retry-After).
   *
   * @example
   * const result = await client.auth.deleteAccount('my password');
   * if (result.status === 409) showError(result.body.detail);
   */
  deleteAccount(password: string): ReturnType<AuthRoutes['deleteAccount']>;
  /**
   * Asks for a password reset link to be emailed to `email` (`APP_URL/reset-password#token=…`,
   * valid 30 minutes, single-use). Needs no session. The answer is the same 202 whether or not an
   * account uses the address; otherwise 400 (not an address), 429 (Retry-After), 503 (the server
   * cannot send email).
   *
   * @example
   * const result = await client.auth.requestPasswordReset('alice@example.com');
   * if (result.status === 202) showMessage(result.body.message);
   */
  requestPasswordReset(email: string): ReturnType<AuthRoutes['requestPasswordReset']>;
  /**
   * Sets a new password with the token of a reset link (the part after `#token=`). Needs no
   * session, and starts none: every session of the account ends; sign in with the new password.
   * Resolves to 204, or 400: `invalid-reset-token` (unknown, used or expired link) or
   * `validation-failed` (the new password breaks the rules).
   *
   * @example
   * const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
   * const result = await client.auth.confirmPasswordReset(token, 'a new long secret');
   * if (result.status === 400 && result.body.code === 'invalid-reset-token') askForANewLink();
   */
  confirmPasswordReset(
    token: string,
    newPassword: string,
  ): ReturnType<AuthRoutes['confirmPasswordReset']>;
  /**
   * Asks to change the signed-in account's email address: confirms `password`, then a link
   * (`APP_URL/verify-email#token=…`, valid 24 hours) goes to the new address and a notice to the
   * current one. The address changes only once the link is confirmed (confirmEmail). Resolves to
   * 202 (the same whether or not the address is taken), 400, 403 (wrong password), 429, 503.
   *
   * @example
   * const result = await client.auth.changeEmail('new@example.com', 'my password');
   * if (result.status === 403) showError('The password is wrong');
   */
  changeEmail(email: string, password: string): ReturnType<AuthRoutes['changeEmail']>;
  /**
   * Attaches the address a verification link was sent to, with the link's token. Needs no
   * session. Resolves to 204, 400 `invalid-email-token` (unknown, used or expired link) or 409
   * `email-taken` (another account took the address meanwhile).
   *
   * @example
   * const result = await client.auth.confirmEmail(tokenFromTheLink);
   * if (result.status === 204) showMessage('Your email address is confirmed');
   */
  confirmEmail(token: string): ReturnType<AuthRoutes['confirmEmail']>;
  /**
   * Renews the session now; true when it worked. In a browser this restores a session after a
   * page reload from the refresh cookie. Signed out (the server answers 204: no refresh token was
   * presented), it resolves to false without throwing and without retrying; so does a refused
   * token (401), which also ends the session here.
   *
   * @example
   * const isSignedIn = await client.auth.refresh(); // on page load
   */
  refresh(): Promise<boolean>;
  /** The current session (tokens and expiry), or null when signed out. */
  readonly session: Session | null;
}

/**
 * The client createShelfClient returns: every route of the contract as a function, `auth` with
 * session handling.
 *
 * @example
 * const client: ShelfClient = createShelfClient({ baseUrl: 'http://localhost:3000' });
 */
export type ShelfClient = Omit<ContractClient, 'auth'> & { auth: ShelfAuthClient };
