import type { Db } from '../../db/database.js';
import { translateViolations } from '../../db/translate-violations.js';
import { UserNotFoundError } from '../auth/user-not-found-error.js';

/** An Idempotency-Key of one user, with the hash of the body it was first sent with. */
export interface IdempotencyScope {
  userId: string;
  key: string;
  requestHash: string;
}

/** The response a retry replays. */
export interface StoredResponse {
  status: number;
  /** The response body as JSON text. */
  body: string;
  headers: Record<string, string>;
}

/** The outcome of claiming a key: this request owns it, or an earlier one already answered. */
export type KeyClaim =
  | { isClaimed: true }
  | { isClaimed: false; requestHash: string; response: StoredResponse | undefined };

/** Status of a claimed key whose response is not recorded yet (never visible outside its transaction). */
const PENDING = 0;

/**
 * Claims `scope.key` for this request inside `trx`, the transaction that will also do the work and
 * record its response. An expired claim is dropped first. On PostgreSQL a concurrent claim of the
 * same key waits on the primary key until the first transaction ends, then sees its response (or
 * claims the key, if that one rolled back); on SQLite writes are serialised. Throws
 * UserNotFoundError when the user no longer exists.
 */
export const claimIdempotencyKey = async (
  trx: Db,
  scope: IdempotencyScope,
  now: Date,
  ttlSeconds: number,
): Promise<KeyClaim> => {
  const nowIso = now.toISOString();
  await trx
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', scope.userId)
    .where('key', '=', scope.key)
    .where('expires_at', '<=', nowIso)
    .execute();
  const inserted = await translateViolations(
    () =>
      trx
        .insertInto('idempotency_keys')
        .values({
          user_id: scope.userId,
          key: scope.key,
          request_hash: scope.requestHash,
          status: PENDING,
          response_body: '',
          response_headers: '{}',
          created_at: nowIso,
          expires_at: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        })
        .onConflict((conflict) => conflict.columns(['user_id', 'key']).doNothing())
        .executeTakeFirst(),
    { foreignKey: () => new UserNotFoundError() },
  );
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return { isClaimed: true };

  const existing = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response_body', 'response_headers'])
    .where('user_id', '=', scope.userId)
    .where('key', '=', scope.key)
    .executeTakeFirst();
  // Purged between the two statements: as if still in progress; the caller may retry.
  if (existing === undefined)
    return { isClaimed: false, requestHash: scope.requestHash, response: undefined };
  return {
    isClaimed: false,
    requestHash: existing.request_hash,
    response:
      existing.status === PENDING
        ? undefined
        : {
            status: existing.status,
            body: existing.response_body,
            headers: JSON.parse(existing.response_headers) as Record<string, string>,
          },
  };
};

/** Records the response of a claimed key, in the claiming transaction. */
export const recordIdempotentResponse = async (
  trx: Db,
  scope: IdempotencyScope,
  response: StoredResponse,
): Promise<void> => {
  await trx
    .updateTable('idempotency_keys')
    .set({
      status: response.status,
      response_body: response.body,
      response_headers: JSON.stringify(response.headers),
    })
    .where('user_id', '=', scope.userId)
    .where('key', '=', scope.key)
    .execute();
};
