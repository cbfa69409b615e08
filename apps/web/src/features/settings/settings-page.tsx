import { ChangeEmailSection } from './change-email-section.js';
import { ChangePasswordForm } from './change-password-form.js';
import { DeleteAccountSection } from './delete-account-section.js';

/** The signed-in user's account: their email address, their password, and leaving Shelf. */
export const SettingsPage = () => (
  <section className="stack" aria-labelledby="settings-title">
    <h1 id="settings-title">Settings</h1>
    <ChangeEmailSection />
    <ChangePasswordForm />
    <DeleteAccountSection />
  </section>
);
