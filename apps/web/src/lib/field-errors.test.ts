import { describe, expect, it } from 'vitest';
import { CreateBookBodySchema } from '@shelf/client';
import { fromProblemErrors, fromZodError } from './field-errors.js';

describe('field errors', () => {
  it('keys server errors by field, dropping the body prefix and array indexes', () => {
    expect(
      fromProblemErrors([
        { path: 'body.title', message: 'Required' },
        { path: 'body.tags.3', message: 'too long' },
        { path: 'body', message: 'Unrecognized key' },
      ]),
    ).toEqual({ title: 'Required', tags: 'too long', form: 'Unrecognized key' });
  });

  it('keys the contract schema’s own errors the same way', () => {
    const parsed = CreateBookBodySchema.safeParse({
      title: '',
      author: 'x',
      isbn: '123',
      published_year: 3000,
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(Object.keys(fromZodError(parsed.error)).sort()).toEqual([
      'isbn',
      'published_year',
      'title',
    ]);
  });
});
