import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  unwrap,
  type Book,
  type BookSort,
  type CreateBookBody,
  type UpdateBookBody,
} from '@shelf/client';
import { useShelfClient } from '../../lib/session.js';

export interface BookListParams {
  q: string;
  tag: string;
  sort: BookSort;
  cursor: string | undefined;
  limit: number;
}

const booksKey = ['books'] as const;

/** One page of books; the previous page stays on screen while the next one loads. */
export const useBookPage = (params: BookListParams) => {
  const client = useShelfClient();
  return useQuery({
    queryKey: [...booksKey, 'list', params],
    queryFn: () =>
      unwrap(
        client.books.list({
          query: {
            limit: params.limit,
            sort: params.sort,
            ...(params.q === '' ? {} : { q: params.q }),
            ...(params.tag === '' ? {} : { tag: params.tag }),
            ...(params.cursor === undefined ? {} : { cursor: params.cursor }),
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
};

export const useBook = (id: string) => {
  const client = useShelfClient();
  return useQuery({
    queryKey: [...booksKey, 'one', id],
    queryFn: () => unwrap(client.books.get({ params: { id } })),
  });
};

export const useCreateBook = () => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBookBody) => unwrap(client.books.create({ body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKey }),
  });
};

export const useUpdateBook = (id: string) => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBookBody) => unwrap(client.books.update({ params: { id }, body })),
    onSuccess: (book: Book) => {
      queryClient.setQueryData([...booksKey, 'one', id], book);
      return queryClient.invalidateQueries({ queryKey: [...booksKey, 'list'] });
    },
  });
};

export const useDeleteBook = () => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(client.books.delete({ params: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKey }),
  });
};
