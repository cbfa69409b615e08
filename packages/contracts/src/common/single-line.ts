import type { z } from 'zod';

/**
 * No C0 or C1 control character (U+0000-U+001F, U+007F-U+009F: exactly Unicode's `Cc`), written with
 * `\x` escapes so every regex dialect reads it alike: JavaScript with or without the `u` flag (Swagger
 * UI), Python's `re` (jsonschema), PCRE, RE2 and Java. `\p{Cc}` is not understood by most of them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const SINGLE_LINE_PATTERN = /^[^\x00-\x1f\x7f-\x9f]*$/;

/**
 * Single-line text: control characters (NUL, newlines, escapes) are refused everywhere they could be
 * stored or searched, with `message` (a sentence a person can act on, for user-facing fields).
 *
 * @example
 * const TitleSchema = singleLine(z.string().trim().min(1).max(200), 'Title must be on one line');
 */
export const singleLine = (schema: z.ZodString, message = 'must not contain control characters') =>
  schema.regex(SINGLE_LINE_PATTERN, message);
