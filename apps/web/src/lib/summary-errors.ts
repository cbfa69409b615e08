import type { SummaryError } from '../components/error-summary.js';
import type { FieldErrors } from './field-errors.js';

/**
 * Field errors in the form's order, each tied to its input's id, for the ErrorSummary; an error not
 * tied to a field (`form`) links to the first field.
 */
export const toSummaryErrors = (
  errors: FieldErrors,
  fields: readonly { name: string }[],
  fieldId: (name: string) => string,
): SummaryError[] => {
  const known = fields.flatMap(({ name }) => {
    const message = errors[name];
    return message === undefined ? [] : [{ fieldId: fieldId(name), message }];
  });
  const first = fields[0];
  const other = Object.entries(errors).flatMap(([name, message]) =>
    message === undefined || fields.some((field) => field.name === name) || first === undefined
      ? []
      : [{ fieldId: fieldId(first.name), message }],
  );
  return [...known, ...other];
};
