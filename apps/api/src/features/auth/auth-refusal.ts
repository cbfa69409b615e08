/** Why a login or a refresh was refused. */
export type AuthRefusalReason =
  'invalid-credentials' | 'invalid-refresh-token' | 'account-disabled';

const MESSAGES: Record<AuthRefusalReason, string> = {
  'invalid-credentials': 'Invalid username or password',
  'invalid-refresh-token': 'Invalid, expired or revoked refresh token',
  'account-disabled': 'This account is disabled',
};

/**
 * A login or refresh the auth service refused. The route says so in its own terms: a 401 problem
 * (403 for a disabled account) at /auth/login and /auth/refresh, an RFC 6749 `invalid_grant` at
 * /auth/token.
 */
export class AuthRefusal extends Error {
  constructor(readonly reason: AuthRefusalReason) {
    super(MESSAGES[reason]);
    this.name = 'AuthRefusal';
  }
}
