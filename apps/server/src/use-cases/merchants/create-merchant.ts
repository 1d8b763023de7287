// A new merchant with its owner login and a first API key (shown once).
import { scryptSync, randomBytes } from 'node:crypto';
import { newId } from '@retour/db/ids';
import { findUserByEmail, insertApiKey, insertMerchant, insertUser } from '@retour/db/repos/merchants';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { newApiKey, randomCode } from '../../secrets.ts';

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function createMerchant(ctx: Ctx, input: { name: string; email: string; password?: string | undefined }) {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(ctx.db, email)) fail('email_taken', `A user with ${email} exists already; use another email.`);
  const at = ctx.now().toISOString();
  const merchantId = newId('mer');
  const password = input.password ?? randomCode(16);
  const key = newApiKey();
  await ctx.db.transaction().execute(async (tx) => {
    await insertMerchant(tx, { id: merchantId, name: input.name, createdAt: at });
    await insertUser(tx, {
      merchantId,
      id: newId('usr'),
      email,
      name: null,
      language: null,
      passwordHash: hashPassword(password),
      role: 'owner',
      createdAt: at,
    });
    await insertApiKey(tx, {
      merchantId,
      id: newId('key'),
      name: 'Default',
      keyPrefix: key.prefix,
      keyHash: key.hash,
      createdAt: at,
      lastUsedAt: null,
      revokedAt: null,
    });
  });
  return {
    merchant: { id: merchantId, name: input.name },
    apiKey: key.key,
    user: { email },
    password: input.password ? undefined : password,
  };
}
