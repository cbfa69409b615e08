import { toSummaryErrors } from '../lib/summary-errors.js';
import type { FormErrorsState } from '../lib/use-form-errors.js';
import { Alert } from './alert.js';
import { ErrorSummary } from './error-summary.js';

interface FormProblemsProps {
  /** The form's errors, e.g. from useFormErrors. */
  form: FormErrorsState;
  /** The form's fields in order; an error for no field links to the first one. */
  fields: readonly { name: string }[];
  /** The id of a field's input. */
  fieldId: (name: string) => string;
}

/**
 * What a failed submit says above a form: the error summary linking to each invalid field (it
 * takes the focus after each failed submit), then an alert with a message tied to no field.
 */
export const FormProblems = ({ form, fields, fieldId }: FormProblemsProps) => (
  <>
    <ErrorSummary
      errors={toSummaryErrors(form.fieldErrors, fields, fieldId)}
      attempt={form.attempt}
    />
    {form.message !== undefined && <Alert kind="error">{form.message}</Alert>}
  </>
);
