import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { ShelfClient, User } from '@shelf/client';
import { createAppClient } from './shelf-client.js';

type SignInResult = Awaited<ReturnType<ShelfClient['auth']['login']>>;

interface SessionActions {
  client: ShelfClient;
  signIn: (username: string, password: string) => Promise<SignInResult>;
  signOut: () => Promise<void>;
  /** Forgets a session the server already ended (the account was deleted). */
  endSession: () => void;
}

/** Whether someone is signed in; `loading` while a reload restores the session from the cookie. */
export type SessionState =
  | ({ status: 'loading' } & SessionActions)
  | ({ status: 'signed-out'; hasExpired: boolean } & SessionActions)
  | ({ status: 'signed-in'; user: User } & SessionActions);

const SessionContext = createContext<SessionState | null>(null);

type Status =
  | { status: 'loading' }
  | { status: 'signed-out'; hasExpired: boolean }
  | { status: 'signed-in'; user: User };

/**
 * Holds the SDK client and who is signed in. On start it asks the API to refresh from the HttpOnly
 * cookie, so a page reload keeps the session without any token in storage.
 */
export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>({ status: 'loading' });
  const [client] = useState(() =>
    createAppClient(() => {
      queryClient.clear();
      setStatus({ status: 'signed-out', hasExpired: true });
    }),
  );

  const loadUser = useCallback(async () => {
    const me = await client.auth.me();
    setStatus(
      me.status === 200
        ? { status: 'signed-in', user: me.body }
        : { status: 'signed-out', hasExpired: false },
    );
  }, [client]);

  useEffect(() => {
    let isCurrent = true;
    void client.auth.refresh().then(async (isRestored) => {
      if (!isCurrent) return;
      if (isRestored) await loadUser();
      else setStatus({ status: 'signed-out', hasExpired: false });
    });
    return () => {
      isCurrent = false;
    };
  }, [client, loadUser]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await client.auth.login(username, password);
      if (result.status === 200) await loadUser();
      return result;
    },
    [client, loadUser],
  );

  const signOut = useCallback(async () => {
    await client.auth.logout();
    queryClient.clear();
    setStatus({ status: 'signed-out', hasExpired: false });
  }, [client, queryClient]);

  const endSession = useCallback(() => {
    queryClient.clear();
    setStatus({ status: 'signed-out', hasExpired: false });
  }, [queryClient]);

  const value = useMemo<SessionState>(
    () => ({ ...status, client, signIn, signOut, endSession }),
    [status, client, signIn, signOut, endSession],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

/** The session state and actions; only inside SessionProvider. */
export const useSession = (): SessionState => {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
};

/** The SDK client of the current session. */
export const useShelfClient = (): ShelfClient => useSession().client;
