import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@shelf/client';
import { useShelfClient } from '../../lib/session.js';

/** The signed-in account as the API has it now (its email changes outside this page). */
export const useMe = () => {
  const client = useShelfClient();
  return useQuery({ queryKey: ['me'], queryFn: () => unwrap(client.auth.me()) });
};
