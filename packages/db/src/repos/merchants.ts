// Merchants, their back-office users and their API keys (stored as SHA-256 hashes only).
import type { Executor } from '../database.ts';
import type { ApiKeysTable, MerchantsTable, UsersTable } from '../schema.ts';

export async function insertMerchant(db: Executor, merchant: MerchantsTable): Promise<void> {
  await db.insertInto('merchants').values(merchant).execute();
}

export async function countMerchants(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('merchants')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Merchant ids and names (the CLI picks the only merchant, or checks the one it was given). */
export async function listMerchants(db: Executor, options: { id?: string; limit: number }): Promise<{ id: string; name: string }[]> {
  let query = db.selectFrom('merchants').select(['id', 'name']).orderBy('id').limit(options.limit);
  if (options.id) query = query.where('id', '=', options.id);
  return query.execute();
}

export async function insertUser(db: Executor, user: UsersTable): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function findUserByEmail(db: Executor, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function insertApiKey(db: Executor, key: ApiKeysTable): Promise<void> {
  await db.insertInto('apiKeys').values(key).execute();
}

export async function findActiveApiKey(db: Executor, keyHash: string): Promise<ApiKeysTable | undefined> {
  return db.selectFrom('apiKeys').selectAll().where('keyHash', '=', keyHash).where('revokedAt', 'is', null).executeTakeFirst();
}

export async function touchApiKey(db: Executor, merchantId: string, id: string, at: string): Promise<void> {
  await db.updateTable('apiKeys').set({ lastUsedAt: at }).where('merchantId', '=', merchantId).where('id', '=', id).execute();
}

export async function listApiKeys(db: Executor, merchantId: string): Promise<ApiKeysTable[]> {
  return db
    .selectFrom('apiKeys')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt')
    .execute();
}

export async function revokeApiKey(db: Executor, merchantId: string, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('apiKeys')
    .set({ revokedAt: at })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
