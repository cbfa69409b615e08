import { useState, type SyntheticEvent } from 'react';
import { CreateBookBodySchema, ShelfApiError, type Book, type CreateBookBody } from '@shelf/client';
import { Alert } from '../../components/alert.js';
import { Field } from '../../components/field.js';
import { fromProblemErrors, fromZodError, type FieldErrors } from '../../lib/field-errors.js';

interface BookFormValues {
  title: string;
  author: string;
  isbn: string;
  published_year: string;
  tags: string;
}

const toValues = (book?: Book): BookFormValues => ({
  title: book?.title ?? '',
  author: book?.author ?? '',
  isbn: book?.isbn ?? '',
  published_year: book?.published_year?.toString() ?? '',
  tags: book?.tags.join(', ') ?? '',
});

/** Form text to the API's body: blanks become null, the year a number, tags a list. */
const toBody = (values: BookFormValues) => ({
  title: values.title,
  author: values.author,
  isbn: values.isbn.trim() === '' ? null : values.isbn,
  published_year: values.published_year.trim() === '' ? null : Number(values.published_year),
  tags: values.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== ''),
});

interface BookFormProps {
  book?: Book;
  submitLabel: string;
  onSubmit: (body: CreateBookBody) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * Create and edit form. Validates with the contract's own zod schema before sending, and shows the
 * server's field errors (problem+json `errors`) next to the same inputs.
 */
export const BookForm = ({ book, submitLabel, onSubmit, onCancel }: BookFormProps) => {
  const [values, setValues] = useState(() => toValues(book));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const [isSubmitting, setIsSubmitting] = useState(false);

  const bind = (name: keyof BookFormValues) => ({
    name,
    value: values[name],
    error: fieldErrors[name],
    onChange: (event: { target: { value: string } }) => {
      setValues((current) => ({ ...current, [name]: event.target.value }));
    },
  });

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(undefined);
    const body = toBody(values);
    const parsed = CreateBookBodySchema.safeParse(body);
    if (!parsed.success) {
      setFieldErrors(fromZodError(parsed.error));
      return;
    }
    setFieldErrors({});
    setIsSubmitting(true);
    try {
      await onSubmit(body);
    } catch (caught) {
      if (!(caught instanceof ShelfApiError)) {
        setError('Could not reach the server. Check your connection and try again.');
        return;
      }
      setError(caught.detail);
      if (caught.code === 'isbn-taken')
        setFieldErrors({ isbn: 'Another book already has this ISBN' });
      else setFieldErrors(fromProblemErrors(caught.errors));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <form className="book-form" onSubmit={(event) => void submit(event)} noValidate>
      {error !== undefined && <Alert kind="error">{error}</Alert>}
      <Field label="Title" required {...bind('title')} />
      <Field label="Author" required {...bind('author')} />
      <Field label="ISBN" hint="ISBN-10 or ISBN-13; hyphens are fine" {...bind('isbn')} />
      <Field label="Published year" inputMode="numeric" {...bind('published_year')} />
      <Field label="Tags" hint="Comma-separated, up to 10" {...bind('tags')} />
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
