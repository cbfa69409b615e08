import { describe, expect, it } from 'vitest';
import { parseBookListUrl, serialiseBookListUrl, withFilters } from './book-list-url.js';

const parse = (query: string) => parseBookListUrl(new URLSearchParams(query));

describe('book list URL state', () => {
  it('reads an empty query string as the first page of everything, newest first', () => {
    expect(parse('')).toEqual({
      q: '',
      tag: '',
      sort: '-created_at',
      owner: 'all',
      cursor: undefined,
      from: 1,
    });
  });

  it('reads every part of a page’s URL', () => {
    expect(parse('q=le+guin&tag=sf&sort=title&owner=me&cursor=abc&from=21')).toEqual({
      q: 'le guin',
      tag: 'sf',
      sort: 'title',
      owner: 'me',
      cursor: 'abc',
      from: 21,
    });
  });

  it('falls back to defaults for values it does not know', () => {
    expect(parse('sort=price&owner=bob&from=-4&cursor=abc')).toMatchObject({
      sort: '-created_at',
      owner: 'all',
      from: 1,
    });
    expect(parse('from=41')).toMatchObject({ cursor: undefined, from: 1 });
  });

  it('writes only what differs from the defaults', () => {
    expect(serialiseBookListUrl(parse('')).toString()).toBe('');
    expect(serialiseBookListUrl(parse('sort=-created_at&owner=all')).toString()).toBe('');
  });

  it('round-trips a page’s state', () => {
    const query = 'q=le+guin&tag=sf&sort=title&owner=me&cursor=abc&from=21';
    expect(serialiseBookListUrl(parse(query)).toString()).toBe(query);
  });

  it('goes back to the first page when a filter changes', () => {
    const changed = withFilters(parse('tag=sf&cursor=abc&from=21'), { q: 'dune' });
    expect(serialiseBookListUrl(changed).toString()).toBe('q=dune&tag=sf');
  });
});
