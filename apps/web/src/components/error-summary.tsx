import { useEffect, useId, useRef } from 'react';

/** One invalid field: its input's id and what is wrong with it. */
export interface SummaryError {
  fieldId: string;
  message: string;
}

interface ErrorSummaryProps {
  errors: SummaryError[];
  /** Changes on every failed submit, so focus moves to the summary again. */
  attempt: number;
}

/**
 * The GOV.UK error summary: a heading and a link to each invalid field, focused after a failed
 * submit so screen readers announce it and keyboard users start from it.
 */
export const ErrorSummary = ({ errors, attempt }: ErrorSummaryProps) => {
  const summary = useRef<HTMLDivElement>(null);
  // A page may hold several forms, each with its own summary: every heading needs its own id.
  const titleId = useId();
  const hasErrors = errors.length > 0;
  useEffect(() => {
    if (hasErrors) summary.current?.focus();
  }, [hasErrors, attempt]);

  if (!hasErrors) return null;
  return (
    <div
      ref={summary}
      className="error-summary"
      role="alert"
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      <h2 id={titleId}>There is a problem</h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.fieldId}:${error.message}`}>
            <a
              href={`#${error.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(error.fieldId)?.focus();
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
};
