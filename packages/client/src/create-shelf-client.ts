import { initClient, type ApiFetcher, type ApiFetcherArgs } from '@ts-rest/core';
import { contract, isPublicRoute, type Contract } from '@shelf/contracts';
import { withIdempotencyKey } from './idempotency-key.js';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from './retry.js';
import { SessionManager, type SessionTransport } from './session.js';
import type { ContractClient, ContractClientArgs, ShelfClient } from './shelf-client.js';
import { memoryTokenStore, type Session, type TokenStore } from './token-store.js';

/**
 * Options of createShelfClient; only `baseUrl` is required.
 *
 * @example
 * createShelfClient({ baseUrl: 'https://shelf.example.com', refreshSkewSeconds: 60, retry: { retries: 4 } });
 */
export interface ShelfClientOptions {
  /** Where the API lives, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** The fetch to use; the global one by default (Node 20 and browsers). */
  fetch?: typeof fetch;
  /** A session to start with, e.g. restored by the caller. */
  tokens?: Session;
  /** Where the session is kept; memory by default. */
  tokenStore?: TokenStore;
  /** Called with the new session after login, refresh, logout and expiry. */
  onSessionChange?: (session: Session | null) => void;
  /** Called once when the server refuses to renew the session; the caller is signed out. */
  onSessionExpired?: () => void;
  /**
   * Keep the refresh token in the API's HttpOnly cookie instead of in memory. Defaults to true in
   * browsers (page scripts then never hold a refresh token) and false elsewhere.
   */
  useRefreshCookie?: boolean;
  /** Refresh this many seconds before the access token expires (default 30). */
  refreshSkewSeconds?: number;
  /** Retry policy for network failures and 5xx answers. */
  retry?: Partial<RetryOptions>;
  /**
   * The clock token expiry is judged by, in milliseconds since the epoch; `Date.now` by default. A
   * test passes the server's test clock, so moving it forward expires tokens on both sides.
   */
  now?: () => number;
}

const isBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

const readBody = async (response: Response): Promise<unknown> => {
  if (response.status === 204 || response.status === 205) return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) return response.json();
  return response.text();
};

/** Routes outside /auth/ whose answer sets or clears the refresh cookie. */
const SETS_REFRESH_COOKIE: ReadonlySet<unknown> = new Set([
  contract.auth.changePassword,
  contract.auth.deleteAccount,
]);

/**
 * The typed Shelf SDK: every route of the contract as a function (typed input, results typed by
 * status), with sessions handled for you. Protected calls carry the access token, refresh it before
 * it expires or once after a 401 (one refresh shared by concurrent calls) and replay the call once.
 *
 * Writes are safe to retry: every create carries an `Idempotency-Key` (yours, or a fresh one) and is
 * retried after a network failure with that key, so it never creates twice. Book responses carry an
 * `ETag` (`etagOf(result)`); pass it as `headers: { 'if-match': etag }` to update or delete only an
 * unchanged book. Such conditional writes are never retried by the client.
 *
 * @example
 * const client = createShelfClient({ baseUrl: 'http://localhost:3000' });
 * await client.auth.login('alice', 'secret123');
 * const { status, body } = await client.books.list({ query: { q: 'tolkien' } });
 * if (status === 200) console.log(body.items.map((book) => book.title));
 * await client.auth.logout();
 */
export const createShelfClient = (options: ShelfClientOptions): ShelfClient => {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retryingFetch = withRetry(baseFetch, { ...DEFAULT_RETRY, ...options.retry });
  const usesRefreshCookie = options.useRefreshCookie ?? isBrowser();

  const send = async (args: ApiFetcherArgs, accessToken?: string) => {
    const headers: Record<string, string> = { ...args.headers };
    if (accessToken !== undefined) headers.authorization = `Bearer ${accessToken}`;
    const isAuthRoute = args.route.path.startsWith('/auth/') || SETS_REFRESH_COOKIE.has(args.route);
    const response = await retryingFetch(args.path, {
      ...args.fetchOptions,
      method: args.method,
      headers,
      body: args.body ?? null,
      credentials: usesRefreshCookie && isAuthRoute ? 'include' : 'same-origin',
    });
    return { status: response.status, body: await readBody(response), headers: response.headers };
  };

  const plainApi: ApiFetcher = (args) => send(args);
  const raw: ContractClient = initClient<Contract, ContractClientArgs>(contract, {
    baseUrl: options.baseUrl,
    api: plainApi,
    throwOnUnknownStatus: false,
  });

  const transport: SessionTransport = {
    login: (username, password) => raw.auth.login({ body: { username, password } }),
    refresh: (refreshToken) =>
      raw.auth.refresh({ body: refreshToken === undefined ? {} : { refresh_token: refreshToken } }),
    logout: (refreshToken) =>
      raw.auth.logout({ body: refreshToken === undefined ? {} : { refresh_token: refreshToken } }),
  };
  const session = new SessionManager({
    transport,
    store: options.tokenStore ?? memoryTokenStore(options.tokens ?? null),
    usesRefreshCookie,
    refreshSkewMs: (options.refreshSkewSeconds ?? 30) * 1000,
    onSessionChange: options.onSessionChange,
    onSessionExpired: options.onSessionExpired,
    now: options.now,
  });
  if (options.tokens !== undefined && options.tokenStore !== undefined) {
    options.tokenStore.save(options.tokens);
  }

  const sessionApi: ApiFetcher = async (rawArgs) => {
    const args = withIdempotencyKey(rawArgs);
    if (isPublicRoute(args.route)) return send(args);
    const token = await session.accessToken();
    const first = await send(args, token);
    if (first.status !== 401) return first;
    const renewed = await session.renewAfterUnauthorized(token);
    return renewed === undefined ? first : send(args, renewed);
  };
  const client: ContractClient = initClient<Contract, ContractClientArgs>(contract, {
    baseUrl: options.baseUrl,
    api: sessionApi,
    throwOnUnknownStatus: false,
  });

  return {
    ...client,
    auth: {
      register: client.auth.register,
      token: client.auth.token,
      me: client.auth.me,
      login: (username: string, password: string) =>
        session.login(username, password) as ReturnType<typeof raw.auth.login>,
      logout: () => session.logout(),
      changePassword: async (currentPassword: string, newPassword: string) => {
        const result = await client.auth.changePassword({
          body: { current_password: currentPassword, new_password: newPassword },
        });
        if (result.status === 200) session.adopt(result.body);
        return result;
      },
      deleteAccount: async (password: string) => {
        const result = await client.auth.deleteAccount({ body: { password } });
        if (result.status === 204) session.clear();
        return result;
      },
      requestPasswordReset: (email: string) =>
        client.auth.requestPasswordReset({ body: { email } }),
      confirmPasswordReset: (token: string, newPassword: string) =>
        client.auth.confirmPasswordReset({ body: { token, new_password: newPassword } }),
      changeEmail: (email: string, password: string) =>
        client.auth.changeEmail({ body: { email, password } }),
      confirmEmail: (token: string) => client.auth.confirmEmail({ body: { token } }),
      refresh: async () => (await session.refresh()) !== undefined,
      get session(): Session | null {
        return session.current;
      },
    },
  };
};
