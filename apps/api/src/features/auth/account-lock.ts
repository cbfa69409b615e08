/**
 * The settings row (settings.repository.ts lockSettingRow) every change that can remove an active
 * admin takes first in its transaction: an account deletion, and an admin demoting, disabling or
 * deleting a user. They run one at a time, so "is another active admin left?" is always answered
 * after the previous such change committed, and two admins removing each other at once never leave
 * none. The name predates admin user management; it is kept so every instance takes the same row.
 */
export const ACCOUNT_DELETION_LOCK = 'account_deletion_lock';
