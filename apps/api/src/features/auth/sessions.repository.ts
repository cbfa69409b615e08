import type { Db, RefreshTokenRow } from '../../db/database.js';

/** One refresh token of a session. A session (family) is every token rotated from one login. */
export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
}

const toRecord = (row: RefreshTokenRow): RefreshTokenRecord => ({
  id: row.id,
  familyId: row.family_id,
  userId: row.user_id,
  expiresAt: row.expires_at,
  rotatedAt: row.rotated_at,
  revokedAt: row.revoked_at,
});

export const insertRefreshToken = async (
  db: Db,
  token: {
    id: string;
    familyId: string;
    userId: string;
    tokenHash: string;
    expiresAt: string;
    createdAt: string;
  },
): Promise<void> => {
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

export const findRefreshTokenByHash = async (
  db: Db,
  tokenHash: string,
): Promise<RefreshTokenRecord | undefined> => {
  const row = await db
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
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
