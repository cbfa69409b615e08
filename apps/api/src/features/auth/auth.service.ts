import { randomUUID } from 'node:crypto';
import type { RegisterBody, Role, TokenResponse, User } from '@shelf/contracts';
import type { BackgroundTasks } from '../../background-tasks.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { AppError, conflict, forbidden } from '../../errors/app-error.js';
import type { Mailer } from '../../mail/mailer.js';
import type { AccessTokens } from './access-tokens.js';
import { AuthRefusal, type AuthRefusalReason } from './auth-refusal.js';
import type { AuthUser } from './auth-user.js';
import type { ClientCredentials, CredentialGuard } from './credential-guard.js';
import { getDummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { generateRefreshToken, hashRefreshToken } from './refresh-token-values.js';
import {
  findRefreshTokenByHash,
  insertRefreshTokenIfVersion,
  markRotatedIfUnused,
  revokeFamily,
  type NewRefreshToken,
} from './refresh-tokens.repository.js';
import type { TokenVersions } from './token-versions.js';
import { EmailTakenError } from './email-taken-error.js';
import { UsernameTakenError } from './username-taken-error.js';
import type { VerifiedCredentials } from './verified-credentials.js';
import {
  findUserById,
  findUserWithPasswordHash,
  insertUser,
  isUserDisabled,
  type UserWithPasswordHash,
} from './users.repository.js';

export interface AuthDeps {
  db: Db;
  config: Config;
  /** The time tokens are issued, expire and leave their reuse grace window by. */
  clock: Clock;
  accessTokens: AccessTokens;
  /** This process's cache of users' token versions; forgotten on password change and deletion. */
  tokenVersions: TokenVersions;
  /** Every password check: the credential limit and the cache of verified credentials. */
  credentials: CredentialGuard;
  /**
   * Called after a user's password changed or their account was deleted, once committed: anything
   * this process verified with the old password (a cache of Basic credentials) must be dropped.
   */
  onCredentialsRevoked?: ((userId: string) => void) | undefined;
  /** Sends the account emails (password reset, email verification), or logs them in development. */
  mailer: Mailer;
  /** Where work a response does not wait for runs (the lookups and emails of those requests). */
  background: BackgroundTasks;
}

const isoIn = (seconds: number, from: number) => new Date(from + seconds * 1000).toISOString();

/**
 * Creates an account. Usernames and emails (given normalised) are unique; the database settles
 * races between two registrations.
 */
export const createUser = async (
  deps: Pick<AuthDeps, 'db'>,
  input: RegisterBody & { role: Role; email?: string | null | undefined },
): Promise<User> => {
  const passwordHash = await hashPassword(input.password);
  try {
    return await insertUser(deps.db, {
      id: randomUUID(),
      username: input.username,
      role: input.role,
      email: input.email ?? null,
      created_at: new Date().toISOString(),
      passwordHash,
    });
  } catch (error) {
    if (error instanceof UsernameTakenError) throw conflict('username-taken', error.message);
    if (error instanceof EmailTakenError) throw conflict('email-taken', error.message);
    throw error;
  }
};

/** Self-service registration: always the `user` role, and only while the server allows it. */
export const register = async (deps: AuthDeps, input: RegisterBody): Promise<User> => {
  if (!deps.config.allowRegistration) {
    throw forbidden('registration-disabled', 'Registration is disabled on this server');
  }
  return createUser(deps, { ...input, role: 'user' });
};

/** The account a username and password belong to, or undefined; the same time either way. */
const checkPassword = async (
  deps: Pick<AuthDeps, 'db'>,
  username: string,
  password: string,
): Promise<UserWithPasswordHash | undefined> => {
  const user = await findUserWithPasswordHash(deps.db, username);
  const passwordHash = user?.passwordHash ?? (await getDummyPasswordHash());
  const isValid = await verifyPassword(passwordHash, password);
  return user !== undefined && isValid ? user : undefined;
};

/**
 * The user a username and password belong to, or undefined. Takes the same time whether the
 * username is unknown or the password wrong. A disabled account's right password is still found
 * right (`isDisabled`), so only the right password learns that the account is disabled.
 */
export const verifyCredentials = async (
  deps: Pick<AuthDeps, 'db'>,
  username: string,
  password: string,
): Promise<VerifiedCredentials | undefined> => {
  const user = await checkPassword(deps, username, password);
  if (user === undefined) return undefined;
  return {
    user: { id: user.id, username: user.username, role: user.role },
    tokenVersion: user.tokenVersion,
    isDisabled: user.isDisabled,
  };
};

/** A new refresh token, and the record to store for it, in the given session (new by default). */
export const newRefreshToken = (
  { config, clock }: Pick<AuthDeps, 'config' | 'clock'>,
  userId: string,
  familyId: string = randomUUID(),
): { refreshToken: string; record: NewRefreshToken } => {
  const refreshToken = generateRefreshToken();
  const now = clock.now();
  return {
    refreshToken,
    record: {
      id: randomUUID(),
      familyId,
      userId,
      tokenHash: hashRefreshToken(refreshToken),
      createdAt: new Date(now).toISOString(),
      expiresAt: isoIn(config.refreshTokenTtlSeconds, now),
    },
  };
};

/** The token response for a refresh token already stored and an access token carrying `tokenVersion`. */
export const tokenResponseFor = (
  deps: Pick<AuthDeps, 'config' | 'accessTokens'>,
  user: AuthUser,
  tokenVersion: number,
  refreshToken: string,
): TokenResponse => ({
  access_token: deps.accessTokens.sign(user, tokenVersion),
  token_type: 'Bearer',
  expires_in: deps.config.accessTokenTtlSeconds,
  refresh_token: refreshToken,
  refresh_expires_in: deps.config.refreshTokenTtlSeconds,
});

/**
 * Issues an access token and a refresh token in the given session (a new one by default), as of
 * token version `tokenVersion`. If the password changed (or the account went) since that version was
 * read, nothing is issued and the login or refresh is refused for `refusal`: a login or refresh racing a password change never
 * outlives it.
 */
const issueTokens = async (
  deps: AuthDeps,
  user: AuthUser,
  tokenVersion: number,
  refusal: AuthRefusalReason,
  familyId?: string,
): Promise<TokenResponse> => {
  const { refreshToken, record } = newRefreshToken(deps, user.id, familyId);
  if (!(await insertRefreshTokenIfVersion(deps.db, record, tokenVersion)))
    throw new AuthRefusal(refusal);
  return tokenResponseFor(deps, user, tokenVersion, refreshToken);
};

/**
 * Logs in with a username and password, starting a new session; the credential limit applies. A
 * disabled account is refused (account-disabled) only once its password is found right.
 */
export const login = async (
  deps: AuthDeps,
  credentials: ClientCredentials,
): Promise<TokenResponse> => {
  const verified = await deps.credentials.check(credentials);
  if (verified === undefined) throw new AuthRefusal('invalid-credentials');
  if (verified.isDisabled === true) throw new AuthRefusal('account-disabled');
  return issueTokens(deps, verified.user, verified.tokenVersion, 'invalid-credentials');
};

/**
 * Rotates a refresh token. A token already rotated is accepted again only within the grace window
 * (two tabs refreshing at once); after it, reuse means the token leaked, and the whole session is
 * revoked.
 */
export const refresh = async (deps: AuthDeps, refreshToken: string): Promise<TokenResponse> => {
  const invalidToken = () => new AuthRefusal('invalid-refresh-token');
  const record = await findRefreshTokenByHash(deps.db, hashRefreshToken(refreshToken));
  const nowIso = new Date(deps.clock.now()).toISOString();
  if (record === undefined || record.revokedAt !== null || record.expiresAt <= nowIso) {
    throw invalidToken();
  }
  const isFirstUse =
    record.rotatedAt === null && (await markRotatedIfUnused(deps.db, record.id, nowIso));
  if (!isFirstUse) {
    const rotatedAt = record.rotatedAt ?? nowIso;
    const graceEndsAt = isoIn(deps.config.refreshReuseGraceSeconds, Date.parse(rotatedAt));
    if (nowIso > graceEndsAt) {
      await revokeFamily(deps.db, record.familyId, nowIso);
      throw invalidToken();
    }
  }
  const user = await findUserById(deps.db, record.userId);
  // Disabling revokes every session too; this also refuses a token read just before that committed.
  if (user === undefined || (await isUserDisabled(deps.db, user.id))) throw invalidToken();
  return issueTokens(deps, user, record.userTokenVersion, 'invalid-refresh-token', record.familyId);
};

/** Ends the session a refresh token belongs to. Unknown tokens are ignored: logout is idempotent. */
export const logout = async (deps: AuthDeps, refreshToken: string): Promise<void> => {
  const record = await findRefreshTokenByHash(deps.db, hashRefreshToken(refreshToken));
  if (record !== undefined) {
    await revokeFamily(deps.db, record.familyId, new Date(deps.clock.now()).toISOString());
  }
};

/** The account behind an authenticated request. */
export const getCurrentUser = async (deps: AuthDeps, authUser: AuthUser): Promise<User> => {
  const user = await findUserById(deps.db, authUser.id);
  if (user === undefined)
    throw new AppError('user-not-found', 'This account no longer exists', 401);
  return user;
};
