import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { etagOf, unwrap, type Book, type CreateBookBody, type UpdateBookBody } from '@shelf/client';
import { useShelfClient } from '../../lib/session.js';
import type { BookListUrlState } from './book-list-url.js';

export const PAGE_SIZE = 20;

const booksKey = ['books'] as const;
const bookKey = (id: string) => [...booksKey, 'one', id] as const;

/** A book with the version it was read at, to send back as If-Match. */
export interface VersionedBook {
  book: Book;
  etag: string | undefined;
}

/**
 * One page of books, with the position of its first book (`from`); the previous page stays on
 * screen, with its own position, while the next one loads.
 */
export const useBookPage = (params: BookListUrlState) => {
  const client = useShelfClient();
  return useQuery({
    queryKey: [...booksKey, 'list', params],
    queryFn: async () => ({
      from: params.from,
      ...(await unwrap(
        client.books.list({
          query: {
            limit: PAGE_SIZE,
            sort: params.sort,
            ...(params.q === '' ? {} : { q: params.q }),
            ...(params.tag === '' ? {} : { tag: params.tag }),
            ...(params.owner === 'me' ? { owner: 'me' as const } : {}),
            ...(params.cursor === undefined ? {} : { cursor: params.cursor }),
          },
        }),
      )),
    }),
    placeholderData: keepPreviousData,
  });
};

/** One book and its ETag. */
export const useBook = (id: string) => {
  const client = useShelfClient();
  return useQuery({
    queryKey: bookKey(id),
    queryFn: async (): Promise<VersionedBook> => {
      const result = await client.books.get({ params: { id } });
      return { book: await unwrap(result), etag: etagOf(result) };
    },
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

/** Changes a book only if it is still at the version the user edited (If-Match); 412 otherwise. */
export const useUpdateBook = (id: string) => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: UpdateBookBody; etag: string | undefined }) => {
      const result = await client.books.update({
        params: { id },
        body,
        headers: etag === undefined ? {} : { 'if-match': etag },
      });
      return { book: await unwrap(result), etag: etagOf(result) };
    },
    onSuccess: (saved: VersionedBook) => {
      queryClient.setQueryData(bookKey(id), saved);
      return queryClient.invalidateQueries({ queryKey: [...booksKey, 'list'] });
    },
  });
};

export const useDeleteBook = () => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(client.books.delete({ params: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...booksKey, 'list'] }),
  });
};
