// The live session for a cookie value; an expired one is deleted, a used one touched once a minute.
import { deleteSession, findSession, type SessionWithUser, touchSession } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { sha256 } from '../../secrets.ts';

const TOUCH_EVERY_MS = 60_000;

/** The live session for this cookie value, or null (an expired one is deleted). */
export async function findLiveSession(ctx: Ctx, token: string): Promise<SessionWithUser | null> {
  const found = await findSession(ctx.db, sha256(token));
  if (!found) return null;
  const now = ctx.now();
  if (found.session.expiresAt <= now.toISOString()) {
    await deleteSession(ctx.db, found.session.merchantId, found.session.id);
    return null;
  }
  if (now.getTime() - new Date(found.session.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await touchSession(ctx.db, found.session.merchantId, found.session.id, now.toISOString());
  }
  return found;
}
