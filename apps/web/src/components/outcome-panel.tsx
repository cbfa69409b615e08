import { useEffect, useId, useRef, type ReactNode } from 'react';

interface OutcomePanelProps {
  title: string;
  kind?: 'info' | 'error';
  children: ReactNode;
}

/**
 * What a finished step says (a link sent, a password reset, a link that does not work): a card
 * whose heading takes the focus when it appears, so screen readers announce it and keyboard users
 * continue from it.
 */
export const OutcomePanel = ({ title, kind = 'info', children }: OutcomePanelProps) => {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className={`card narrow outcome outcome-${kind}`} aria-labelledby={titleId}>
      <h1 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
};
