import type { Db, RefreshTokenRow } from '../../db/database.js';
import { isSqlite } from '../../db/dialect.js';

/** One refresh token of a session. A session (family) is every token rotated from one login. */
export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  /** The user's token version, read in the same statement as the token. */
  userTokenVersion: number;
}

const toRecord = (
  row: Omit<RefreshTokenRow, 'token_hash' | 'created_at'> & { token_version: number },
): RefreshTokenRecord => ({
  id: row.id,
  familyId: row.family_id,
  userId: row.user_id,
  expiresAt: row.expires_at,
  rotatedAt: row.rotated_at,
  revokedAt: row.revoked_at,
  userTokenVersion: row.token_version,
});

/** A refresh token to store; the database keeps only its hash. */
export interface NewRefreshToken {
  id: string;
  familyId: string;
  userId: string;
  tokenHash: string;
  expiresAt: string;
  createdAt: string;
}

export const insertRefreshToken = async (db: Db, token: NewRefreshToken): Promise<void> => {
  await db
    .insertInto('refresh_tokens')
    .values({
      id: token.id,
      family_id: token.familyId,
      user_id: token.userId,
      token_hash: token.tokenHash,
      expires_at: token.expiresAt,
      created_at: token.createdAt,
    })
    .execute();
};

/**
 * Stores a refresh token only while the user still exists with token version `tokenVersion`, in one
 * statement; false when they do not (the password changed, or the account was deleted, since the
 * version was read). On PostgreSQL the user row is read FOR SHARE, so a password change in flight is
 * waited for and seen; SQLite's single writer already orders the two.
 */
export const insertRefreshTokenIfVersion = async (
  db: Db,
  token: NewRefreshToken,
  tokenVersion: number,
): Promise<boolean> => {
  const result = await db
    .insertInto('refresh_tokens')
    .columns(['id', 'family_id', 'user_id', 'token_hash', 'expires_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('users')
        .select([
          eb.val(token.id).as('id'),
          eb.val(token.familyId).as('family_id'),
          eb.val(token.userId).as('user_id'),
          eb.val(token.tokenHash).as('token_hash'),
          eb.val(token.expiresAt).as('expires_at'),
          eb.val(token.createdAt).as('created_at'),
        ])
        .where('users.id', '=', token.userId)
        .where('users.token_version', '=', tokenVersion)
        .$if(!isSqlite(db), (query) => query.forShare()),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
};

export const findRefreshTokenByHash = async (
  db: Db,
  tokenHash: string,
): Promise<RefreshTokenRecord | undefined> => {
  const row = await db
    .selectFrom('refresh_tokens')
    .innerJoin('users', 'users.id', 'refresh_tokens.user_id')
    .select([
      'refresh_tokens.id',
      'refresh_tokens.family_id',
      'refresh_tokens.user_id',
      'refresh_tokens.expires_at',
      'refresh_tokens.rotated_at',
      'refresh_tokens.revoked_at',
      'users.token_version',
    ])
    .where('refresh_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
};

/**
 * Marks a token rotated unless someone else already did; true when this call won the race, so two
 * concurrent refreshes with one token cannot both take the first-use path.
 */
export const markRotatedIfUnused = async (db: Db, id: string, at: string): Promise<boolean> => {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ rotated_at: at })
    .where('id', '=', id)
    .where('rotated_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};

/** Revokes every token of a session. */
export const revokeFamily = async (db: Db, familyId: string, at: string): Promise<void> => {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
};

/** Revokes every session of a user (a password change; the caller then starts a new one). */
export const revokeUserSessions = async (db: Db, userId: string, at: string): Promise<void> => {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
};
