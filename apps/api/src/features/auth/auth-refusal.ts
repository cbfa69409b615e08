/** Why a login or a refresh was refused. */
export type AuthRefusalReason = 'invalid-credentials' | 'invalid-refresh-token';

/**
 * A login or refresh the auth service refused. The route says so in its own terms: a 401 problem
 * at /auth/login and /auth/refresh, an RFC 6749 `invalid_grant` at /auth/token.
 */
export class AuthRefusal extends Error {
  constructor(readonly reason: AuthRefusalReason) {
    super(
      reason === 'invalid-credentials'
        ? 'Invalid username or password'
        : 'Invalid, expired or revoked refresh token',
    );
    this.name = 'AuthRefusal';
  }
}
