export { createShelfClient, type ShelfClientOptions } from './create-shelf-client.js';
export type { ShelfAuthClient, ShelfClient } from './shelf-client.js';
export { etagOf } from './etag.js';
export { newIdempotencyKey } from './idempotency-key.js';
export { ShelfApiError, unwrap } from './shelf-api-error.js';
export { memoryTokenStore, type Session, type TokenStore } from './token-store.js';
export type { RetryOptions } from './retry.js';
export * from '@shelf/contracts';
