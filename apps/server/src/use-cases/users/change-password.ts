// Changes a user's password (the current one checked, rate-limited) and ends their other sessions.
import { deleteUserSessions, getUser, updateUser } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { hashPassword } from '../merchants/create-merchant.ts';
import { verifyPassword } from './passwords.ts';
import { assertUnderLimits, recordFailure } from '../shared/rate-limit.ts';
import { limitsFor } from './sign-in-limits.ts';

/** Changes the user's password and ends every other session of theirs. */
export async function changePassword(
  ctx: Ctx,
  s: { merchantId: string; userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  clientIp: string,
): Promise<void> {
  const user = await getUser(ctx.db, s.merchantId, s.userId);
  if (!user) fail('unauthorized', 'Your session has ended; sign in again.');
  const limits = limitsFor(user.email, clientIp);
  await assertUnderLimits(ctx, limits, 'Too many wrong passwords. Wait a few minutes and try again.');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    for (const limit of limits) await recordFailure(ctx, limit);
    invalid(['currentPassword'], 'This is not your current password.');
  }
  await ctx.db.transaction().execute(async (tx) => {
    await updateUser(tx, s.merchantId, s.userId, { passwordHash: hashPassword(input.newPassword) });
    await deleteUserSessions(tx, s.merchantId, s.userId, s.sessionId);
  });
}
