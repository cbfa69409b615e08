import { useState, type SyntheticEvent } from 'react';
import { CreateBookBodySchema, ShelfApiError, type CreateBookBody } from '@shelf/client';
import { Field } from '../../components/field.js';
import { FormProblems } from '../../components/form-problems.js';
import { fromProblemErrors, fromZodError, type FieldErrors } from '../../lib/field-errors.js';
import { NETWORK_ERROR_TEXT } from '../../lib/network-error.js';
import { useFormErrors } from '../../lib/use-form-errors.js';
import {
  BOOK_FIELDS,
  bookFieldId,
  toBookBody,
  type BookField,
  type BookFormValues,
} from './book-form-values.js';
import { TagSuggestions } from './tag-suggestions.js';

interface BookFormProps {
  initialValues: BookFormValues;
  submitLabel: string;
  /** Sends the body; throws a ShelfApiError (or a network error) to show it on the form. */
  onSubmit: (body: CreateBookBody, values: BookFormValues) => Promise<void>;
  onCancel: () => void;
}

const TAGS_LIST_ID = 'book-tags-suggestions';

/** What a failed save says about each field: the contract's messages, or the API's. */
const errorsOf = (caught: unknown): { fieldErrors: FieldErrors; message?: string } => {
  if (!(caught instanceof ShelfApiError)) return { fieldErrors: {}, message: NETWORK_ERROR_TEXT };
  if (caught.code === 'isbn-taken') {
    return { fieldErrors: { isbn: 'Another book already has this ISBN' } };
  }
  const fieldErrors = fromProblemErrors(caught.errors);
  return Object.keys(fieldErrors).length > 0
    ? { fieldErrors }
    : { fieldErrors: {}, message: caught.detail };
};

/**
 * Create and edit form. Validates with the contract's own zod schema before sending, shows the
 * server's field errors (problem+json `errors`) by the same inputs, and on a failed submit moves
 * focus to an error summary linking to each invalid field.
 */
export const BookForm = ({ initialValues, submitLabel, onSubmit, onCancel }: BookFormProps) => {
  const [values, setValues] = useState(initialValues);
  const form = useFormErrors();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const bind = (name: BookField) => ({
    id: bookFieldId(name),
    name,
    value: values[name],
    error: form.fieldErrors[name],
    onChange: (event: { target: { value: string } }) => {
      setValues((current) => ({ ...current, [name]: event.target.value }));
    },
  });

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const body = toBookBody(values);
    const parsed = CreateBookBodySchema.safeParse(body);
    if (!parsed.success) {
      form.fail(fromZodError(parsed.error));
      return;
    }
    form.clear();
    setIsSubmitting(true);
    try {
      await onSubmit(body, values);
    } catch (caught) {
      const { fieldErrors: errors, message: text } = errorsOf(caught);
      form.fail(errors, text);
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <form className="book-form" onSubmit={(event) => void submit(event)} noValidate>
      <FormProblems form={form} fields={BOOK_FIELDS} fieldId={bookFieldId} />
      <Field label="Title" required {...bind('title')} />
      <Field label="Author" required {...bind('author')} />
      <Field label="ISBN" hint="ISBN-10 or ISBN-13; hyphens are fine" {...bind('isbn')} />
      <Field
        label="Published year"
        hint="For example, 1969"
        inputMode="numeric"
        {...bind('published_year')}
      />
      <Field
        label="Tags"
        hint="Up to 10, separated by commas"
        list={TAGS_LIST_ID}
        autoComplete="off"
        {...bind('tags')}
      />
      <TagSuggestions id={TAGS_LIST_ID} text={values.tags} isList />
      <div className="actions">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};
