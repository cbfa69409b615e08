import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `\`, `%` and `_` escaped, so user input matches itself, never as a wildcard. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/**
 * A LIKE pattern for values containing `text` literally.
 *
 * @example
 * containsPattern('50%_off'); // '%50\%\_off%'
 */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;

/** A LIKE pattern for values starting with `text` literally. */
export const prefixPattern = (text: string): string => `${escapeLike(text)}%`;

/** `column LIKE pattern`, with `\` as the escape character the patterns above use (both engines). */
export const likeEscaped = (column: string, pattern: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
