import { describe, expect, it } from 'vitest';
import { mayChangeBook, mayChangeEveryBook, ROLES, RoleSchema } from '../src/index.js';

describe('who may change a book', () => {
  const book = { owner_id: 'owner' };

  it('lets the owner change their book', () => {
    expect(mayChangeBook({ id: 'owner', role: 'user' }, book)).toBe(true);
  });

  it('refuses another user', () => {
    expect(mayChangeBook({ id: 'someone-else', role: 'user' }, book)).toBe(false);
  });

  it('lets an admin change any book', () => {
    expect(mayChangeBook({ id: 'someone-else', role: 'admin' }, book)).toBe(true);
    expect(mayChangeEveryBook({ role: 'admin' })).toBe(true);
    expect(mayChangeEveryBook({ role: 'user' })).toBe(false);
  });

  it('knows every role the schema accepts, and no other', () => {
    expect(RoleSchema.options).toEqual([...ROLES]);
    expect(RoleSchema.safeParse('owner').success).toBe(false);
  });
});
