// Invites a back-office user with a generated password (shown once).
import type { User } from '@retour/contracts/backoffice';
import { newId } from '@retour/db/ids';
import { findUserByEmail, insertUser } from '@retour/db/repos/merchants';
import type { UsersTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { randomCode } from '../../secrets.ts';
import { hashPassword } from '../merchants/create-merchant.ts';
import { userView } from './user-view.ts';

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
  return { ...userView(row), password };
}
