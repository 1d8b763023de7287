// Changes a user's name or role; a merchant always keeps at least one owner.
import type { User } from '@retour/contracts/backoffice';
import { countOwners, updateUser } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadUser, userView } from './user-view.ts';

export async function changeUser(
  ctx: Ctx,
  merchantId: string,
  id: string,
  patch: { name?: string | null | undefined; role?: 'owner' | 'staff' | undefined },
): Promise<User> {
  return ctx.db.transaction().execute(async (tx) => {
    const user = await loadUser(tx, merchantId, id);
    if (user.role === 'owner' && patch.role === 'staff' && (await countOwners(tx, merchantId)) <= 1) {
      fail('last_owner', 'This is the only owner; make another user owner first.');
    }
    const change: { name?: string | null; role?: string } = {};
    if (patch.name !== undefined) change.name = patch.name;
    if (patch.role !== undefined) change.role = patch.role;
    await updateUser(tx, merchantId, id, change);
    return userView({ ...user, ...change });
  });
}
