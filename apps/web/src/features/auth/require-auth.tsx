import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { SkeletonList } from '../../components/skeleton-list.js';
import { useSession } from '../../lib/session.js';

/** Renders its children for a signed-in user; sends anyone else to sign in, then back here. */
export const RequireAuth = ({ children }: { children: ReactNode }) => {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <SkeletonList label="Loading your session…" rows={3} />;
  if (session.status === 'signed-out') {
    return (
      <Navigate
        to="/sign-in"
        replace
        state={{ from: `${location.pathname}${location.search}`, hasExpired: session.hasExpired }}
      />
    );
  }
  return <>{children}</>;
};
