import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type CreateUserBody, type UpdateUserBody } from '@shelf/client';
import { useShelfClient } from '../../lib/session.js';
import type { UserListUrlState } from './user-list-url.js';

export const USERS_PAGE_SIZE = 20;

const usersKey = ['admin-users'] as const;

/** One page of accounts, with the position of its first one; the previous page stays meanwhile. */
export const useUserPage = (params: UserListUrlState) => {
  const client = useShelfClient();
  return useQuery({
    queryKey: [...usersKey, 'list', params],
    queryFn: async () => ({
      from: params.from,
      ...(await unwrap(
        client.users.list({
          query: {
            limit: USERS_PAGE_SIZE,
            ...(params.q === '' ? {} : { q: params.q }),
            ...(params.cursor === undefined ? {} : { cursor: params.cursor }),
          },
        }),
      )),
    }),
    placeholderData: keepPreviousData,
  });
};

export const useCreateUser = () => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => unwrap(client.users.create({ body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
};

export const useUpdateUser = () => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      unwrap(client.users.update({ params: { id }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
};

export const useDeleteUser = () => {
  const client = useShelfClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(client.users.delete({ params: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
};
