import { useEffect, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value.js';

/**
 * A text input bound to a value that lives in the URL: typing commits the trimmed text once it
 * settles, and a URL change from elsewhere (Back, a link) puts the URL's value in the input. The
 * URL catching up with a commit leaves the input alone: the user may have typed on meanwhile.
 */
export const useUrlBoundInput = (urlValue: string, commit: (value: string) => void) => {
  const [text, setText] = useState(urlValue);
  const [seenUrlValue, setSeenUrlValue] = useState(urlValue);
  const [committed, setCommitted] = useState<string>();
  if (urlValue !== seenUrlValue) {
    setSeenUrlValue(urlValue);
    if (urlValue === committed) setCommitted(undefined);
    else setText(urlValue);
  }
  const settled = useDebouncedValue(text.trim(), 300);
  useEffect(() => {
    // Only a settled change of the text commits; a URL change alone must not.
    if (settled !== urlValue && settled === text.trim()) {
      setCommitted(settled);
      commit(settled);
    }
  }, [settled]);
  return [text, setText] as const;
};
