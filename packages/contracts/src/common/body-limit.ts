/**
 * The largest request body the API reads, in bytes; a larger one is answered 413. The server's body
 * parsers and the contract's 413 descriptions both take it from here.
 *
 * @example
 * express.json({ limit: MAX_BODY_BYTES });
 */
export const MAX_BODY_BYTES = 100 * 1024;

/**
 * MAX_BODY_BYTES as people read it, for error details and descriptions.
 *
 * @example
 * `The request body is larger than ${MAX_BODY_SIZE_TEXT}`; // '… larger than 100 KB'
 */
export const MAX_BODY_SIZE_TEXT = `${MAX_BODY_BYTES / 1024} KB`;
