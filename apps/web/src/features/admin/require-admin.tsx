import type { ReactNode } from 'react';
import { useSession } from '../../lib/session.js';
import { AdminsOnly } from './admins-only.js';

/** Renders its children for a signed-in admin, and an "Admins only" page for anyone else. */
export const RequireAdmin = ({ children }: { children: ReactNode }) => {
  const session = useSession();
  if (session.status !== 'signed-in' || session.user.role !== 'admin') return <AdminsOnly />;
  return <>{children}</>;
};
