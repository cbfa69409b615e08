import { useState } from 'react';
import type { FieldErrors } from './field-errors.js';

/** What a form shows about its last failed submit (see FormProblems). */
export interface FormErrorsState {
  /** Field name to message, shown by each input and listed in the error summary. */
  fieldErrors: FieldErrors;
  /** A message not tied to a field (e.g. the API's detail), shown as an alert. */
  message: string | undefined;
  /** Counts failed submits, so the summary takes the focus again after each one. */
  attempt: number;
}

/**
 * A form's errors: `fail` shows a failed submit's field errors and message and moves the focus to
 * the summary again; `clear` removes them (e.g. after a success).
 *
 * @example
 * const form = useFormErrors();
 * if (!parsed.success) form.fail(fromZodError(parsed.error));
 */
export const useFormErrors = () => {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  const fail = (errors: FieldErrors, text?: string) => {
    setFieldErrors(errors);
    setMessage(text);
    setAttempt((count) => count + 1);
  };

  const clear = () => {
    setFieldErrors({});
    setMessage(undefined);
  };

  return { fieldErrors, message, attempt, fail, clear };
};
