import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After moving to another page (not on the first load, nor when only the query changes, as while
 * typing a search), puts the focus on the new page's main heading, so screen readers announce the
 * page and keyboard users continue from its top.
 */
export const useFocusOnNavigation = (): void => {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading === null) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [pathname]);
};
