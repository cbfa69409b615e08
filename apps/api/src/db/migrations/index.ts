import type { Migration } from 'kysely';
import * as createUsers from './2026_11_25_120000_create_users.js';
import * as createRefreshTokens from './2026_11_25_120100_create_refresh_tokens.js';
import * as createBooks from './2026_11_25_120200_create_books.js';
import * as createRateLimits from './2026_11_25_120300_create_rate_limits.js';
import * as indexBooksForScale from './2026_11_26_090000_index_books_for_scale.js';
import * as useNativePostgresTypes from './2026_11_26_090100_use_native_postgres_types.js';
import * as addSafeWrites from './2026_11_26_120000_add_safe_writes.js';
import * as normalizeTags from './2026_11_26_130000_normalize_tags.js';
import * as createTagCounts from './2026_11_26_130100_create_tag_counts.js';
import * as indexBooksByOwner from './2026_11_26_130200_index_books_by_owner.js';
import * as addAccountAdministration from './2026_11_26_140000_add_account_administration.js';
import * as createAccountTokens from './2026_11_26_150000_create_account_tokens.js';
import * as sampleSearchKeysWidely from './2026_11_27_090000_sample_search_keys_widely.js';
import * as indexSqliteYearsByColumn from './2026_11_27_100000_index_sqlite_years_by_column.js';

/**
 * Every migration, by name; names sort in the order they run. Listed statically (rather than read
 * from the folder) so they work the same from TypeScript sources, the build and a bundle.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_25_120000_create_users': createUsers,
  '2026_11_25_120100_create_refresh_tokens': createRefreshTokens,
  '2026_11_25_120200_create_books': createBooks,
  '2026_11_25_120300_create_rate_limits': createRateLimits,
  '2026_11_26_090000_index_books_for_scale': indexBooksForScale,
  '2026_11_26_090100_use_native_postgres_types': useNativePostgresTypes,
  '2026_11_26_120000_add_safe_writes': addSafeWrites,
  '2026_11_26_130000_normalize_tags': normalizeTags,
  '2026_11_26_130100_create_tag_counts': createTagCounts,
  '2026_11_26_130200_index_books_by_owner': indexBooksByOwner,
  '2026_11_26_140000_add_account_administration': addAccountAdministration,
  '2026_11_26_150000_create_account_tokens': createAccountTokens,
  '2026_11_27_090000_sample_search_keys_widely': sampleSearchKeysWidely,
  '2026_11_27_100000_index_sqlite_years_by_column': indexSqliteYearsByColumn,
};
