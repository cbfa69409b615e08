import { splitTags } from './book-form-values.js';
import { useTagSuggestions } from './use-tags.js';

interface TagSuggestionsProps {
  id: string;
  /** The input's text; with `isList`, comma-separated tags of which the last is being typed. */
  text: string;
  isList?: boolean;
}

/**
 * A native <datalist> of known tags matching what is typed (GET /api/tags). For a list of tags,
 * each suggestion is the whole input with the last tag completed, so picking one keeps the others.
 */
export const TagSuggestions = ({ id, text, isList = false }: TagSuggestionsProps) => {
  const done = isList ? splitTags(text.slice(0, Math.max(0, text.lastIndexOf(',')))) : [];
  const typing = isList ? (text.split(',').at(-1) ?? '').trim() : text.trim();
  const suggestions = useTagSuggestions(typing).filter((tag) => !done.includes(tag));
  return (
    <datalist id={id}>
      {suggestions.map((tag) => (
        <option key={tag} value={[...done, tag].join(', ')} />
      ))}
    </datalist>
  );
};
