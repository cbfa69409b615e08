import type { AccountTokenPurpose, Db } from '../../db/database.js';
import { generateAccountToken, hashAccountToken } from './account-token-values.js';
import { deleteUserAccountTokens, insertAccountToken } from './account-tokens.repository.js';

export interface AccountTokenRequest {
  purpose: AccountTokenPurpose;
  userId: string;
  /** The address an email-change token attaches; null for a password reset. */
  email: string | null;
  /** The user's token version now: any password change after this voids the token. */
  tokenVersion: number;
  lifetimeSeconds: number;
  /** Milliseconds since the epoch, from the injected clock. */
  now: number;
}

/**
 * Makes a new emailed token for the user and purpose, replacing any earlier one in the same
 * transaction (the newest link is the only one that works), and returns its value for the link.
 * Only its hash is stored.
 */
export const issueAccountToken = async (db: Db, request: AccountTokenRequest): Promise<string> => {
  const token = generateAccountToken();
  const { purpose, userId, email, tokenVersion, lifetimeSeconds, now } = request;
  await db.transaction().execute(async (trx) => {
    await deleteUserAccountTokens(trx, userId, purpose);
    await insertAccountToken(trx, {
      tokenHash: hashAccountToken(token),
      purpose,
      userId,
      email,
      tokenVersion,
      expiresAt: new Date(now + lifetimeSeconds * 1000).toISOString(),
      createdAt: new Date(now).toISOString(),
    });
  });
  return token;
};
