// Back-office sessions and users: a session row is found by the SHA-256 of its cookie value.
import type { Executor } from '../database.ts';
import type { SessionsTable, UsersTable } from '../schema.ts';

export type SessionWithUser = {
  session: SessionsTable;
  user: Omit<UsersTable, 'passwordHash'>;
  merchantName: string;
};

export async function insertSession(db: Executor, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The session with this token hash, its user and the merchant's name (one query). */
export async function findSession(db: Executor, tokenHash: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.merchantId', '=', 's.merchantId').onRef('u.id', '=', 's.userId'))
    .innerJoin('merchants as m', 'm.id', 's.merchantId')
    .selectAll('s')
    .select(['u.email', 'u.name', 'u.role', 'u.createdAt as userCreatedAt', 'u.language', 'm.name as merchantName'])
    .where('s.tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { email, name, role, userCreatedAt, language, merchantName, ...session } = row;
  return {
    session,
    user: { merchantId: session.merchantId, id: session.userId, email, name, role, createdAt: userCreatedAt, language },
    merchantName,
  };
}

export async function touchSession(db: Executor, merchantId: string, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('merchantId', '=', merchantId).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, merchantId: string, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('merchantId', '=', merchantId).where('id', '=', id).execute();
}

/** Ends every session of the user except `keepId` (none kept when it is null). */
export async function deleteUserSessions(db: Executor, merchantId: string, userId: string, keepId: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('merchantId', '=', merchantId).where('userId', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  await q.execute();
}

export async function pruneExpiredSessions(db: Executor, merchantId: string, userId: string, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('merchantId', '=', merchantId).where('userId', '=', userId).where('expiresAt', '<=', now).execute();
}

export async function merchantName(db: Executor, merchantId: string): Promise<string | undefined> {
  const row = await db.selectFrom('merchants').select('name').where('id', '=', merchantId).executeTakeFirst();
  return row?.name;
}

// ── Users ───────────────────────────────────────────────────────────────────────────────

export async function listUsers(db: Executor, merchantId: string): Promise<UsersTable[]> {
  return db.selectFrom('users').selectAll().where('merchantId', '=', merchantId).orderBy('createdAt').orderBy('id').execute();
}

export async function getUser(db: Executor, merchantId: string, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function countOwners(db: Executor, merchantId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('merchantId', '=', merchantId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateUser(
  db: Executor,
  merchantId: string,
  id: string,
  patch: Partial<Pick<UsersTable, 'name' | 'role' | 'passwordHash' | 'language'>>,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.updateTable('users').set(patch).where('merchantId', '=', merchantId).where('id', '=', id).execute();
}

export async function deleteUser(db: Executor, merchantId: string, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('merchantId', '=', merchantId).where('userId', '=', id).execute();
  await db.deleteFrom('users').where('merchantId', '=', merchantId).where('id', '=', id).execute();
}
