import type { ReactNode } from 'react';

/** A message block: errors are announced assertively, notices politely. */
export const Alert = ({ kind, children }: { kind: 'error' | 'info'; children: ReactNode }) => (
  <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);
