import type { Book, CreateBookBody } from '@shelf/client';

/** The book form's inputs, as text. */
export interface BookFormValues {
  title: string;
  author: string;
  isbn: string;
  published_year: string;
  tags: string;
}

export type BookField = keyof BookFormValues;

/** The form's fields in page order, with their labels. */
export const BOOK_FIELDS: readonly { name: BookField; label: string }[] = [
  { name: 'title', label: 'Title' },
  { name: 'author', label: 'Author' },
  { name: 'isbn', label: 'ISBN' },
  { name: 'published_year', label: 'Published year' },
  { name: 'tags', label: 'Tags' },
];

/** The id of a field's input, for labels and the error summary's links. */
export const bookFieldId = (name: string): string => `book-${name.replaceAll('_', '-')}`;

export const EMPTY_BOOK_VALUES: BookFormValues = {
  title: '',
  author: '',
  isbn: '',
  published_year: '',
  tags: '',
};

export const toFormValues = (book: Book): BookFormValues => ({
  title: book.title,
  author: book.author,
  isbn: book.isbn ?? '',
  published_year: book.published_year?.toString() ?? '',
  tags: book.tags.join(', '),
});

/** Splits the comma-separated tags input. */
export const splitTags = (tags: string): string[] =>
  tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');

/** Form text to the API's body: blanks become null, the year a number, tags a list. */
export const toBookBody = (values: BookFormValues): CreateBookBody => ({
  title: values.title,
  author: values.author,
  isbn: values.isbn.trim() === '' ? null : values.isbn,
  published_year: values.published_year.trim() === '' ? null : Number(values.published_year),
  tags: splitTags(values.tags),
});

const normalised = (values: BookFormValues, name: BookField): string =>
  name === 'tags' ? splitTags(values[name]).join(', ') : values[name].trim();

/** The fields the user changed from the version they started editing. */
export const changedFields = (base: BookFormValues, mine: BookFormValues): BookField[] =>
  BOOK_FIELDS.map((field) => field.name).filter(
    (name) => normalised(base, name) !== normalised(mine, name),
  );

/**
 * The user's changes reapplied on top of a newer version: each field they changed takes their
 * value, every other field the newer version's.
 */
export const reapplyChanges = (
  base: BookFormValues,
  mine: BookFormValues,
  latest: BookFormValues,
): BookFormValues => {
  const changed = new Set(changedFields(base, mine));
  const pick = (name: BookField) => (changed.has(name) ? mine[name] : latest[name]);
  return {
    title: pick('title'),
    author: pick('author'),
    isbn: pick('isbn'),
    published_year: pick('published_year'),
    tags: pick('tags'),
  };
};
