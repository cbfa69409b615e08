import { Route, Routes } from 'react-router';
import { Layout } from '../components/layout.js';
import { RequireAuth } from '../features/auth/require-auth.js';
import { SignInPage } from '../features/auth/sign-in-page.js';
import { SignUpPage } from '../features/auth/sign-up-page.js';
import { BooksPage } from '../features/books/books-page.js';
import { EditBookPage } from '../features/books/edit-book-page.js';
import { NewBookPage } from '../features/books/new-book-page.js';

const NotFound = () => (
  <section className="card narrow">
    <h1>Page not found</h1>
  </section>
);

/** Routes: the catalogue needs a session; sign in and sign up do not. */
export const App = () => (
  <Layout>
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/sign-up" element={<SignUpPage />} />
      <Route
        path="/"
        element={
          <RequireAuth>
            <BooksPage />
          </RequireAuth>
        }
      />
      <Route
        path="/books/new"
        element={
          <RequireAuth>
            <NewBookPage />
          </RequireAuth>
        }
      />
      <Route
        path="/books/:id/edit"
        element={
          <RequireAuth>
            <EditBookPage />
          </RequireAuth>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  </Layout>
);
