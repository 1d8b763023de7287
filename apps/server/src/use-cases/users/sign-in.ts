// Back-office sign-in: checks the password (rate-limited) and stores a session row found by the
// SHA-256 of the cookie value; each session carries its own CSRF token.
import { randomBytes } from 'node:crypto';
import type { Session } from '@retour/contracts/backoffice';
import { newId } from '@retour/db/ids';
import { findUserByEmail } from '@retour/db/repos/merchants';
import { insertSession, merchantName, pruneExpiredSessions } from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { SESSION_TTL_SECONDS } from '../../http/session-cookie.ts';
import { sha256 } from '../../secrets.ts';
import { verifyPassword } from './passwords.ts';
import { assertUnderLimits, recordFailure } from '../shared/rate-limit.ts';
import { sessionView } from './session-view.ts';
import { limitsFor } from './sign-in-limits.ts';

export async function signIn(
  ctx: Ctx,
  input: { email: string; password: string },
  clientIp: string,
): Promise<{ token: string; session: Session }> {
  const email = input.email.trim().toLowerCase();
  const limits = limitsFor(email, clientIp);
  await assertUnderLimits(ctx, limits, 'Too many failed sign-ins. Wait a few minutes and try again.');
  const user = await findUserByEmail(ctx.db, email);
  if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
    for (const limit of limits) await recordFailure(ctx, limit);
    fail('invalid_credentials', 'The email or password is not correct. Check both and try again.');
  }
  const now = ctx.now();
  const token = randomBytes(32).toString('base64url');
  const row = {
    merchantId: user.merchantId,
    id: newId('ses', now.getTime()),
    userId: user.id,
    tokenHash: sha256(token),
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000).toISOString(),
    lastSeenAt: now.toISOString(),
  };
  await pruneExpiredSessions(ctx.db, user.merchantId, user.id, row.createdAt);
  await insertSession(ctx.db, row);
  const { passwordHash: _p, ...userView } = user;
  return {
    token,
    session: sessionView({ session: row, user: userView, merchantName: (await merchantName(ctx.db, user.merchantId)) ?? '' }),
  };
}
