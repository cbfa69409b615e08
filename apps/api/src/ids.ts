const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a UUID in its canonical text form, in either case. Ids in paths are checked with it
 * first, so a malformed id is a 404 like any unknown one and never reaches a `uuid` column on
 * PostgreSQL, which would refuse it with an error.
 */
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);
