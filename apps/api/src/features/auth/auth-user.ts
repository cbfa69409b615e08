import type { Role } from '@shelf/contracts';

/** Who a request acts for, as established by the authenticate middleware. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
}
