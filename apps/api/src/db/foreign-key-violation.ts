/** True when a driver error is a foreign-key violation (SQLite or PostgreSQL). */
export const isForeignKeyViolation = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || error.code === '23503';
};
