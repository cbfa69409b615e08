import { hash } from 'node:crypto';

/**
 * Express's `etag` setting: the same weak validator Express computes by default
 * (`W/"<length in hex>-<sha1 in base64, 27 characters>"`), through Node's one-shot `crypto.hash`
 * instead of a Hash object per response.
 */
export const weakETag = (body: string | Buffer, encoding?: BufferEncoding): string => {
  const bytes = typeof body === 'string' ? Buffer.from(body, encoding) : body;
  return `W/"${bytes.length.toString(16)}-${hash('sha1', bytes, 'base64').slice(0, 27)}"`;
};
