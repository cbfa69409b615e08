import { isForeignKeyViolation } from './foreign-key-violation.js';
import { isUniqueViolation } from './unique-violation.js';

/** The domain errors a repository turns the database's constraint violations into. */
export interface ViolationErrors {
  /** Gets the driver's error, for a table with several unique constraints. */
  unique?: (violation: unknown) => Error;
  foreignKey?: () => Error;
}

/**
 * Runs `write`, turning a unique or foreign-key violation (SQLite or PostgreSQL) into the domain
 * error the repository names for it, so no service reads a driver's error codes.
 */
export const translateViolations = async <T>(
  write: () => Promise<T>,
  errors: ViolationErrors,
): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    if (errors.unique !== undefined && isUniqueViolation(error))
      throw withCause(errors.unique(error), error);
    if (errors.foreignKey !== undefined && isForeignKeyViolation(error)) {
      throw withCause(errors.foreignKey(), error);
    }
    throw error;
  }
};

const withCause = (domainError: Error, cause: unknown): Error => {
  domainError.cause ??= cause;
  return domainError;
};
