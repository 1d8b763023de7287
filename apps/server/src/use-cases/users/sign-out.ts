// Ends a back-office session.
import { deleteSession } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';

export async function signOut(ctx: Ctx, merchantId: string, sessionId: string): Promise<void> {
  await deleteSession(ctx.db, merchantId, sessionId);
}
