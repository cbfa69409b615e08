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
   * Signs in and keeps the session. Resolves to the typed login result (200, 400, 401, 429).
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
   * 403 (wrong current password), 429.
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
   * 204, 403 (wrong password), 409 (the last admin), 429.
   *
   * @example
   * const result = await client.auth.deleteAccount('my password');
   * if (result.status === 409) showError(result.body.detail);
   */
  deleteAccount(password: string): ReturnType<AuthRoutes['deleteAccount']>;
  /**
   * Renews the session now; true when it worked. In a browser this restores a session after a
   * page reload from the refresh cookie.
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
