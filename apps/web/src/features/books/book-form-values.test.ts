import { describe, expect, it } from 'vitest';
import {
  changedFields,
  EMPTY_BOOK_VALUES,
  reapplyChanges,
  toBookBody,
  type BookFormValues,
} from './book-form-values.js';

const base: BookFormValues = {
  title: 'The Dispossessed',
  author: 'Ursula K. Le Guin',
  isbn: '',
  published_year: '1974',
  tags: 'sf, anarchy',
};

describe('book form values', () => {
  it('turn blanks into null, the year into a number and tags into a list', () => {
    expect(toBookBody({ ...EMPTY_BOOK_VALUES, title: 'T', author: 'A', tags: ' a, ,b ' })).toEqual({
      title: 'T',
      author: 'A',
      isbn: null,
      published_year: null,
      tags: ['a', 'b'],
    });
  });

  it('see only real changes (spacing in tags is not one)', () => {
    expect(changedFields(base, { ...base, tags: 'sf,anarchy ' })).toEqual([]);
    expect(changedFields(base, { ...base, title: 'New', published_year: '1975' })).toEqual([
      'title',
      'published_year',
    ]);
  });

  it('reapply the user’s changes on top of a newer version, keeping the other changes', () => {
    const mine = { ...base, title: 'My title' };
    const latest = { ...base, author: 'U. K. Le Guin', title: 'Their title' };
    expect(reapplyChanges(base, mine, latest)).toEqual({
      ...latest,
      title: 'My title',
    });
  });
});
