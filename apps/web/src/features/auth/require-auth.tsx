import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../lib/session.js';

/** Renders its children for a signed-in user; sends anyone else to sign in, then back here. */
export const RequireAuth = ({ children }: { children: ReactNode }) => {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') {
    return (
      <p role="status" className="muted">
        Loading your session…
      </p>
    );
  }
  if (session.status === 'signed-out') {
    return (
      <Navigate
        to="/sign-in"
        replace
        state={{ from: location.pathname, hasExpired: session.hasExpired }}
      />
    );
  }
  return <>{children}</>;
};
