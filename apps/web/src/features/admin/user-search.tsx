import { Field } from '../../components/field.js';
import { useUrlBoundInput } from '../../lib/use-url-bound-input.js';

/** The search box; what is typed reaches the URL (`q`) once typing settles. */
export const UserSearch = ({ q, onSearch }: { q: string; onSearch: (q: string) => void }) => {
  const [text, setText] = useUrlBoundInput(q, onSearch);
  return (
    <form
      className="filters filters-single"
      role="search"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field
        id="users-q"
        label="Search username or email"
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
};
