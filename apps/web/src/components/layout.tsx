import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../lib/session.js';

/** Page chrome: the header with who is signed in, and the main landmark. */
export const Layout = ({ children }: { children: ReactNode }) => {
  const session = useSession();
  return (
    <>
      <header className="site-header">
        <Link to="/" className="brand">
          Shelf
        </Link>
        <nav aria-label="Account">
          {session.status === 'signed-in' ? (
            <>
              <span className="who">
                Signed in as <strong>{session.user.username}</strong>
                {session.user.role === 'admin' ? ' (admin)' : ''}
              </span>
              <button type="button" className="secondary" onClick={() => void session.signOut()}>
                Sign out
              </button>
            </>
          ) : (
            <>
              <Link to="/sign-in">Sign in</Link>
              <Link to="/sign-up">Sign up</Link>
            </>
          )}
        </nav>
      </header>
      <main className="content">{children}</main>
    </>
  );
};
