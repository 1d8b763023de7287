// Back-office sign-in, the current session, sign-out and password changes. Sessions are rows
// found by the SHA-256 of the cookie value; each carries its own CSRF token.
import { randomBytes } from 'node:crypto';
import type { Session } from '@retour/contracts/backoffice';
import { newId } from '@retour/db/ids';
import { SUPPORTED_LANGUAGES, type Language } from '@retour/domain/reasons';
import { findUserByEmail } from '@retour/db/repos/merchants';
import {
  deleteSession,
  deleteUserSessions,
  findSession,
  getUser,
  insertSession,
  merchantName,
  pruneExpiredSessions,
  type SessionWithUser,
  touchSession,
  updateUser,
} from '@retour/db/repos/sessions';
import type { Ctx } from '../../context.ts';
import { fail, invalid } from '../../errors.ts';
import { SESSION_TTL_SECONDS } from '../../http/session-cookie.ts';
import { sha256 } from '../../secrets.ts';
import { hashPassword } from '../merchants/create-merchant.ts';
import { verifyPassword } from './passwords.ts';
import { assertUnderLimits, type Limit, recordFailure } from '../shared/rate-limit.ts';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const TOUCH_EVERY_MS = 60_000;

function limitsFor(email: string, clientIp: string): Limit[] {
  return [
    { key: `login:email:${sha256(email)}`, max: MAX_FAILURES, windowMs: WINDOW_MS },
    { key: `login:ip:${clientIp}`, max: MAX_FAILURES, windowMs: WINDOW_MS },
  ];
}

function isLanguage(value: string | null): value is Language {
  return (SUPPORTED_LANGUAGES as readonly (string | null)[]).includes(value);
}

export function sessionView(s: SessionWithUser): Session {
  return {
    user: {
      id: s.user.id,
      email: s.user.email,
      name: s.user.name,
      role: s.user.role as Session['user']['role'],
      language: isLanguage(s.user.language) ? s.user.language : null,
    },
    merchant: { id: s.session.merchantId, name: s.merchantName },
    csrfToken: s.session.csrfToken,
  };
}

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

export async function signOut(ctx: Ctx, merchantId: string, sessionId: string): Promise<void> {
  await deleteSession(ctx.db, merchantId, sessionId);
}

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
