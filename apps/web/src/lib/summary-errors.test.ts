import { describe, expect, it } from 'vitest';
import { toSummaryErrors } from './summary-errors.js';

const fields = [{ name: 'title' }, { name: 'author' }];
const id = (name: string) => `f-${name}`;

describe('summary errors', () => {
  it('list field errors in the form’s order, linked to their inputs', () => {
    expect(
      toSummaryErrors({ author: 'Enter an author', title: 'Enter a title' }, fields, id),
    ).toEqual([
      { fieldId: 'f-title', message: 'Enter a title' },
      { fieldId: 'f-author', message: 'Enter an author' },
    ]);
  });

  it('link an error of no known field to the first field', () => {
    expect(toSummaryErrors({ form: 'Unrecognized key' }, fields, id)).toEqual([
      { fieldId: 'f-title', message: 'Unrecognized key' },
    ]);
  });
});
