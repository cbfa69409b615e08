import type { FieldErrors } from './field-errors.js';

/** What any problem with an email address field says (the contract's own wording is terse). */
export const EMAIL_FIELD_MESSAGE = 'Enter an email address, like name@example.com';

/** The errors with the email field's message, if it has one, in words for people. */
export const withEmailMessage = (errors: FieldErrors, field = 'email'): FieldErrors =>
  errors[field] === undefined ? errors : { ...errors, [field]: EMAIL_FIELD_MESSAGE };
