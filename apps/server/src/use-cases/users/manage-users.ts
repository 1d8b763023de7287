// Back-office users of a merchant (owners only): list, invite with a generated password (shown
// once), change name or role, remove. A merchant always keeps at least one owner.
import type { User } from '@retour/contracts/backoffice';
import type { Executor } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { findUserByEmail, insertUser } from '@retour/db/repos/merchants';
import { countOwners, deleteUser, getUser, listUsers, updateUser } from '@retour/db/repos/sessions';
import type { UsersTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { randomCode } from '../../secrets.ts';
import { hashPassword } from '../merchants/create-merchant.ts';

const view = (u: UsersTable): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role === 'owner' ? 'owner' : 'staff',
  createdAt: u.createdAt,
});

export async function listMerchantUsers(ctx: Ctx, merchantId: string): Promise<User[]> {
  return (await listUsers(ctx.db, merchantId)).map(view);
}

export async function createUser(
  ctx: Ctx,
  merchantId: string,
  input: { email: string; name?: string | null | undefined; role: 'owner' | 'staff' },
): Promise<User & { password: string }> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(ctx.db, email)) fail('email_taken', `A user with ${email} exists already; use another email.`);
  const password = randomCode(20);
  const row: UsersTable = {
    merchantId,
    id: newId('usr', ctx.now().getTime()),
    email,
    name: input.name ?? null,
    language: null,
    passwordHash: hashPassword(password),
    role: input.role,
    createdAt: ctx.now().toISOString(),
  };
  await insertUser(ctx.db, row);
  return { ...view(row), password };
}

async function loadUser(db: Executor, merchantId: string, id: string): Promise<UsersTable> {
  const user = await getUser(db, merchantId, id);
  if (!user) fail('not_found', 'There is no user with this id for your account.');
  return user;
}

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
    return view({ ...user, ...change });
  });
}

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
