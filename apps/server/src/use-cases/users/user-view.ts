// A back-office user as the API shows it (never the password hash), and loading one by id.
import type { User } from '@retour/contracts/backoffice';
import type { Executor } from '@retour/db/database';
import { getUser } from '@retour/db/repos/sessions';
import type { UsersTable } from '@retour/db/schema';
import { fail } from '../../errors.ts';

export const userView = (u: UsersTable): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role === 'owner' ? 'owner' : 'staff',
  createdAt: u.createdAt,
});

export async function loadUser(db: Executor, merchantId: string, id: string): Promise<UsersTable> {
  const user = await getUser(db, merchantId, id);
  if (!user) fail('not_found', 'There is no user with this id for your account.');
  return user;
}
