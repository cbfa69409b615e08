import type { AccountTokenPurpose, Db } from '../../db/database.js';

/** An emailed token as stored, found by the hash of its value. */
export interface AccountToken {
  tokenHash: string;
  purpose: AccountTokenPurpose;
  userId: string;
  /** The address an email-change token attaches; null for a password reset. */
  email: string | null;
  /** The user's token version when the token was issued. */
  tokenVersion: number;
  expiresAt: string;
  createdAt: string;
}

/** Stores an emailed token (by its hash). */
export const insertAccountToken = async (db: Db, token: AccountToken): Promise<void> => {
  await db
    .insertInto('account_tokens')
    .values({
      token_hash: token.tokenHash,
      purpose: token.purpose,
      user_id: token.userId,
      email: token.email,
      token_version: token.tokenVersion,
      expires_at: token.expiresAt,
      created_at: token.createdAt,
    })
    .execute();
};

const toAccountToken = (row: {
  token_hash: string;
  purpose: AccountTokenPurpose;
  user_id: string;
  email: string | null;
  token_version: number;
  expires_at: string;
  created_at: string;
}): AccountToken => ({
  tokenHash: row.token_hash,
  purpose: row.purpose,
  userId: row.user_id,
  email: row.email,
  tokenVersion: row.token_version,
  expiresAt: new Date(row.expires_at).toISOString(),
  createdAt: new Date(row.created_at).toISOString(),
});

/** The unexpired token of this purpose with this hash, or undefined; consumes nothing. */
export const findLiveAccountToken = async (
  db: Db,
  tokenHash: string,
  purpose: AccountTokenPurpose,
  nowIso: string,
): Promise<AccountToken | undefined> => {
  const row = await db
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return row === undefined ? undefined : toAccountToken(row);
};

/**
 * Deletes the unexpired token of this purpose with this hash and returns it, in one statement, so
 * two requests presenting the same token cannot both use it; undefined when there is none.
 */
export const consumeAccountToken = async (
  db: Db,
  tokenHash: string,
  purpose: AccountTokenPurpose,
  nowIso: string,
): Promise<AccountToken | undefined> => {
  const row = await db
    .deleteFrom('account_tokens')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', nowIso)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toAccountToken(row);
};

/** Deletes every token of this purpose the user holds (a newer one replaces them). */
export const deleteUserAccountTokens = async (
  db: Db,
  userId: string,
  purpose: AccountTokenPurpose,
): Promise<void> => {
  await db
    .deleteFrom('account_tokens')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .execute();
};
