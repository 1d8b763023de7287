// Removes a user (not yourself); a merchant always keeps at least one owner.
import { countOwners, deleteUser } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadUser } from './user-view.ts';

export async function removeUser(ctx: Ctx, merchantId: string, id: string, currentUserId: string | undefined): Promise<void> {
  if (id === currentUserId) fail('conflict', 'You cannot remove yourself; ask another owner.');
  await ctx.db.transaction().execute(async (tx) => {
    const user = await loadUser(tx, merchantId, id);
    if (user.role === 'owner' && (await countOwners(tx, merchantId)) <= 1) {
      fail('last_owner', 'This is the only owner; make another user owner first.');
    }
    await deleteUser(tx, merchantId, id);
  });
}
