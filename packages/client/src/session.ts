import type { RefreshResponse, TokenResponse } from '@shelf/contracts';
import type { Session, TokenStore } from './token-store.js';

/** The three auth calls a session needs, already bound to the server. */
export interface SessionTransport {
  login(username: string, password: string): Promise<{ status: number; body: unknown }>;
  refresh(refreshToken: string | undefined): Promise<{ status: number; body: unknown }>;
  logout(refreshToken: string | undefined): Promise<{ status: number; body: unknown }>;
}

export interface SessionOptions {
  transport: SessionTransport;
  store: TokenStore;
  /** The refresh token lives in the HttpOnly cookie; it is never kept in memory. */
  usesRefreshCookie: boolean;
  /** Refresh this long before the access token expires. */
  refreshSkewMs: number;
  onSessionChange?: ((session: Session | null) => void) | undefined;
  onSessionExpired?: (() => void) | undefined;
  /** Milliseconds since the epoch; `Date.now` by default. */
  now?: (() => number) | undefined;
}

/**
 * Owns the tokens: hands out the access token, refreshes it once for any number of concurrent
 * callers (single flight), and clears the session when the server refuses to refresh it.
 */
export class SessionManager {
  private refreshing: Promise<string | undefined> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The current session, or null when signed out. */
  get current(): Session | null {
    return this.options.store.load();
  }

  /** Whether a refresh can be attempted: a stored refresh token, or the browser's cookie. */
  get canRefresh(): boolean {
    return this.options.usesRefreshCookie || this.current?.refreshToken !== undefined;
  }

  async login(username: string, password: string): Promise<{ status: number; body: unknown }> {
    const response = await this.options.transport.login(username, password);
    if (response.status === 200) this.set(this.fromTokens(response.body as TokenResponse));
    return response;
  }

  /** Keeps the session a token response starts (a password change answers like a login). */
  adopt(tokens: TokenResponse): void {
    this.set(this.fromTokens(tokens));
  }

  /** Forgets the session here without telling the server (it already ended it, e.g. on account deletion). */
  clear(): void {
    this.set(null);
  }

  async logout(): Promise<void> {
    const refreshToken = this.current?.refreshToken;
    this.set(null);
    if (refreshToken !== undefined || this.options.usesRefreshCookie) {
      await this.options.transport.logout(refreshToken);
    }
  }

  /**
   * The access token to send now: refreshed first when it expires within the skew, so most requests
   * never meet a 401.
   */
  async accessToken(): Promise<string | undefined> {
    const session = this.current;
    if (session === null) return undefined;
    if (
      session.accessTokenExpiresAt - this.options.refreshSkewMs > this.now() ||
      !this.canRefresh
    ) {
      return session.accessToken;
    }
    return (await this.refresh()) ?? session.accessToken;
  }

  /**
   * After a 401 sent with `rejectedToken`: a fresh token if another caller already refreshed, else
   * the result of one shared refresh; undefined when the session could not be renewed.
   */
  async renewAfterUnauthorized(rejectedToken: string | undefined): Promise<string | undefined> {
    const current = this.current?.accessToken;
    if (current !== undefined && current !== rejectedToken) return current;
    if (!this.canRefresh) return undefined;
    return this.refresh();
  }

  /** Refreshes the session; concurrent calls share one request. Resolves to the new access token. */
  refresh(): Promise<string | undefined> {
    this.refreshing ??= this.performRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async performRefresh(): Promise<string | undefined> {
    const before = this.current;
    let response: { status: number; body: unknown };
    try {
      response = await this.options.transport.refresh(before?.refreshToken);
    } catch {
      return undefined;
    }
    // A login or password change replaced the session meanwhile: it is newer than this answer.
    // (By token, not identity: a store may build a new object on every load.)
    const current = this.current;
    if (current?.accessToken !== before?.accessToken) return current?.accessToken;
    if (response.status === 200) {
      const session = this.fromTokens(response.body as RefreshResponse);
      this.set(session);
      return session.accessToken;
    }
    // 204: the server saw no refresh token (a signed-out browser): no session, and nothing to retry.
    if (response.status === 204 || response.status === 400 || response.status === 401) {
      this.set(null);
      if (before !== null) this.options.onSessionExpired?.();
    }
    return undefined;
  }

  private fromTokens(tokens: RefreshResponse): Session {
    const now = this.now();
    return {
      accessToken: tokens.access_token,
      accessTokenExpiresAt: now + tokens.expires_in * 1000,
      ...(this.options.usesRefreshCookie || tokens.refresh_token === undefined
        ? {}
        : { refreshToken: tokens.refresh_token }),
      refreshTokenExpiresAt: now + tokens.refresh_expires_in * 1000,
    };
  }

  private set(session: Session | null): void {
    const previous = this.current;
    this.options.store.save(session);
    if (previous !== session) this.options.onSessionChange?.(session);
  }
}
