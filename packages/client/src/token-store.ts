/** The tokens of a signed-in session, with absolute expiry times (milliseconds since the epoch). */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: number;
  /** Absent when the refresh token lives in the browser's HttpOnly cookie. */
  refreshToken?: string;
  refreshTokenExpiresAt: number;
}

/**
 * Where the client keeps its session. The default keeps it in memory; a Node script can persist it to
 * a file, and a browser app should keep the default and rely on the refresh cookie.
 *
 * @example
 * const fileStore: TokenStore = {
 *   load: () => (existsSync('session.json') ? JSON.parse(readFileSync('session.json', 'utf8')) : null),
 *   save: (session) => writeFileSync('session.json', JSON.stringify(session)),
 * };
 */
export interface TokenStore {
  load(): Session | null;
  save(session: Session | null): void;
}

/**
 * A TokenStore that forgets everything when the process or page goes away.
 *
 * @example
 * const client = createShelfClient({ baseUrl, tokenStore: memoryTokenStore() });
 */
export const memoryTokenStore = (initial: Session | null = null): TokenStore => {
  let session = initial;
  return {
    load: () => session,
    save: (next) => {
      session = next;
    },
  };
};
