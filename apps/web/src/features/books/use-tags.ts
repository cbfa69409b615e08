import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '../../lib/use-debounced-value.js';
import { useShelfClient } from '../../lib/session.js';

const SUGGESTION_LIMIT = 10;

/**
 * Known tags starting with what is typed, most used first (GET /api/tags). Suggestions are a help,
 * not a requirement: when the API cannot answer, the field simply offers none.
 */
export const useTagSuggestions = (typing: string): string[] => {
  const client = useShelfClient();
  const q = useDebouncedValue(typing.toLowerCase(), 200);
  const tags = useQuery({
    queryKey: ['tags', q],
    queryFn: async () => {
      const result = await client.tags.list({ query: { q, limit: SUGGESTION_LIMIT } });
      return result.status === 200 ? result.body.items.map((item) => item.name) : [];
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return tags.data ?? [];
};
