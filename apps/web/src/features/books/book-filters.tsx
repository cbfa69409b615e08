import { BOOK_SORTS, type BookSort } from '@shelf/client';
import { Field } from '../../components/field.js';
import { useUrlBoundInput } from '../../lib/use-url-bound-input.js';
import { withFilters, type BookListUrlState } from './book-list-url.js';
import { TagSuggestions } from './tag-suggestions.js';

const SORT_LABELS: Record<BookSort, string> = {
  '-created_at': 'Newest first',
  created_at: 'Oldest first',
  title: 'Title A-Z',
  '-title': 'Title Z-A',
  '-published_year': 'Year, newest',
  published_year: 'Year, oldest',
};

interface BookFiltersProps {
  state: BookListUrlState;
  go: (next: BookListUrlState, options?: { replace?: boolean }) => void;
}

const TAG_LIST_ID = 'tag-filter-suggestions';

/** Search, tag, whose books and order; each a part of the URL. */
export const BookFilters = ({ state, go }: BookFiltersProps) => {
  const [search, setSearch] = useUrlBoundInput(state.q, (q) => {
    go(withFilters(state, { q }), { replace: true });
  });
  const [tag, setTag] = useUrlBoundInput(state.tag, (value) => {
    go(withFilters(state, { tag: value }), { replace: true });
  });
  return (
    <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <Field
        id="filter-q"
        label="Search title or author"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <Field
        id="filter-tag"
        label="Filter by tag"
        type="search"
        list={TAG_LIST_ID}
        autoComplete="off"
        value={tag}
        onChange={(event) => setTag(event.target.value)}
      />
      <TagSuggestions id={TAG_LIST_ID} text={tag} />
      <div className="field">
        <label htmlFor="sort">Sort by</label>
        <select
          id="sort"
          value={state.sort}
          onChange={(event) => {
            const sort = BOOK_SORTS.find((option) => option === event.target.value);
            if (sort !== undefined) go(withFilters(state, { sort }));
          }}
        >
          {BOOK_SORTS.map((option) => (
            <option key={option} value={option}>
              {SORT_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-checkbox">
        <input
          id="filter-mine"
          type="checkbox"
          checked={state.owner === 'me'}
          onChange={(event) => {
            go(withFilters(state, { owner: event.target.checked ? 'me' : 'all' }));
          }}
        />
        <label htmlFor="filter-mine">Mine only</label>
      </div>
    </form>
  );
};
