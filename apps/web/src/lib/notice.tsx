import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useLocation } from 'react-router';

interface Notice {
  text: string;
  /** The history entry the notice belongs to; null until the navigation it was raised for lands. */
  locationKey: string | null;
}

interface NoticeActions {
  notice: string | undefined;
  /**
   * Shows a notice until the next navigation. With `afterNavigation`, it belongs to the page the
   * caller is about to navigate to (call it just before navigating).
   */
  notify: (text: string, options?: { afterNavigation?: boolean }) => void;
}

const NoticeContext = createContext<NoticeActions | null>(null);

/** One page-level notice ("Saved …", "Deleted …") that clears itself on the next navigation. */
export const NoticeProvider = ({ children }: { children: ReactNode }) => {
  const location = useLocation();
  const currentKey = useRef(location.key);
  const [notice, setNotice] = useState<Notice>();

  useEffect(() => {
    currentKey.current = location.key;
    setNotice((current) => {
      if (current === undefined) return current;
      if (current.locationKey === null) return { ...current, locationKey: location.key };
      return current.locationKey === location.key ? current : undefined;
    });
  }, [location.key]);

  const notify = useCallback((text: string, options: { afterNavigation?: boolean } = {}) => {
    setNotice({ text, locationKey: options.afterNavigation === true ? null : currentKey.current });
  }, []);

  const value = useMemo(() => ({ notice: notice?.text, notify }), [notice, notify]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
};

/** The current notice and `notify`; only inside NoticeProvider. */
export const useNotice = (): NoticeActions => {
  const notice = useContext(NoticeContext);
  if (notice === null) throw new Error('useNotice must be used inside <NoticeProvider>');
  return notice;
};
