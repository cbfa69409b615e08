import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * The token of an emailed link, `…#token=…`: in the fragment, so it never reaches a server log, a
 * proxy or a Referer. Undefined when the fragment has none.
 *
 * @example
 * tokenFromFragment('#token=abc'); // 'abc'
 */
export const tokenFromFragment = (hash: string): string | undefined => {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token === undefined || token === '' ? undefined : token;
};

interface TokenHistoryState {
  token?: string;
}

/**
 * The emailed link's token. Read once from the fragment, then moved out of the address bar (so it
 * is not copied, shared or left in a screenshot) into the history entry's state, which a reload
 * keeps.
 */
export const useFragmentToken = (): string | undefined => {
  const location = useLocation();
  const navigate = useNavigate();
  const fromState = (location.state as TokenHistoryState | null)?.token;
  const [token] = useState(() => tokenFromFragment(location.hash) ?? fromState);
  useEffect(() => {
    if (location.hash !== '' && token !== undefined) {
      void navigate(location.pathname, { replace: true, state: { token } });
    }
  }, [location.hash, location.pathname, navigate, token]);
  return token;
};
