import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from '../components/layout.js';
import { NotFound } from '../components/not-found.js';
import { NewUserPage } from '../features/admin/new-user-page.js';
import { RequireAdmin } from '../features/admin/require-admin.js';
import { UsersPage } from '../features/admin/users-page.js';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page.js';
import { RequireAuth } from '../features/auth/require-auth.js';
import { ResetPasswordPage } from '../features/auth/reset-password-page.js';
import { SignInPage } from '../features/auth/sign-in-page.js';
import { SignUpPage } from '../features/auth/sign-up-page.js';
import { VerifyEmailPage } from '../features/auth/verify-email-page.js';
import { BookPage } from '../features/books/book-page.js';
import { BooksPage } from '../features/books/books-page.js';
import { EditBookPage } from '../features/books/edit-book-page.js';
import { NewBookPage } from '../features/books/new-book-page.js';
import { SettingsPage } from '../features/settings/settings-page.js';

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;
const adminsOnly = (page: ReactNode) => signedIn(<RequireAdmin>{page}</RequireAdmin>);

/**
 * Routes: the catalogue and settings need a session, the users pages an admin's; signing in or up
 * and the emailed links' pages do not.
 */
export const App = () => (
  <Layout>
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/sign-up" element={<SignUpPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/verify-email" element={<VerifyEmailPage />} />
      <Route path="/" element={signedIn(<BooksPage />)} />
      <Route path="/books/new" element={signedIn(<NewBookPage />)} />
      <Route path="/books/:id" element={signedIn(<BookPage />)} />
      <Route path="/books/:id/edit" element={signedIn(<EditBookPage />)} />
      <Route path="/settings" element={signedIn(<SettingsPage />)} />
      <Route path="/admin/users" element={adminsOnly(<UsersPage />)} />
      <Route path="/admin/users/new" element={adminsOnly(<NewUserPage />)} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  </Layout>
);
