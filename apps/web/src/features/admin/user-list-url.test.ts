import { describe, expect, it } from 'vitest';
import { parseUserListUrl, userListUrl, withSearch } from './user-list-url.js';

const parse = (query: string) => parseUserListUrl(new URLSearchParams(query));

describe('users list URL state', () => {
  it('reads an empty query string as the first page of everyone', () => {
    expect(parse('')).toEqual({ q: '', cursor: undefined, from: 1 });
    expect(userListUrl(parse(''))).toBe('/admin/users');
  });

  it('reads and writes the search and the page', () => {
    const state = parse('q=+carol+&cursor=abc&from=21');
    expect(state).toEqual({ q: 'carol', cursor: 'abc', from: 21 });
    expect(userListUrl(state)).toBe('/admin/users?q=carol&cursor=abc&from=21');
  });

  it('ignores a position without a cursor and a malformed position', () => {
    expect(parse('from=41')).toEqual({ q: '', cursor: undefined, from: 1 });
    expect(parse('cursor=abc&from=-3')).toMatchObject({ cursor: 'abc', from: 1 });
  });

  it('goes back to the first page when the search changes', () => {
    expect(userListUrl(withSearch('example.com'))).toBe('/admin/users?q=example.com');
  });
});
