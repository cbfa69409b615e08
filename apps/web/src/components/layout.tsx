import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useNotice } from '../lib/notice.js';
import { useFocusOnNavigation } from '../lib/use-focus-on-navigation.js';
import { useSession } from '../lib/session.js';
import { ThemeSelect } from './theme-select.js';

/** The header's account links: neutral while the session is restored, so nothing flashes. */
const AccountNav = () => {
  const session = useSession();
  if (session.status === 'loading') {
    return <span className="account-placeholder" aria-hidden="true" />;
  }
  if (session.status === 'signed-out') {
    return (
      <>
        <Link to="/sign-in">Sign in</Link>
        <Link to="/sign-up">Sign up</Link>
      </>
    );
  }
  return (
    <>
      {session.user.role === 'admin' && <Link to="/admin/users">Users</Link>}
      <Link to="/settings">Settings</Link>
      <span className="who">
        Signed in as <strong>{session.user.username}</strong>
        {session.user.role === 'admin' ? ' (admin)' : ''}
      </span>
      <button type="button" className="secondary" onClick={() => void session.signOut()}>
        Sign out
      </button>
    </>
  );
};

/** Page chrome: the header with who is signed in, the page's notice, and the main landmark. */
export const Layout = ({ children }: { children: ReactNode }) => {
  const { notice } = useNotice();
  useFocusOnNavigation();
  return (
    <>
      <header className="site-header">
        <Link to="/" className="brand">
          Shelf
        </Link>
        <nav aria-label="Account">
          <AccountNav />
        </nav>
        <ThemeSelect />
      </header>
      <main className="content">
        {/* Always in the page, so screen readers watch it before a notice arrives in it. */}
        <div className="notice-region" role="status">
          {notice !== undefined && <div className="alert alert-info">{notice}</div>}
        </div>
        {children}
      </main>
    </>
  );
};
