// API keys of a merchant: created (the secret is shown once, only its hash is kept), listed, revoked.
import { newId } from '@retour/db/ids';
import { insertApiKey, listApiKeys, revokeApiKey } from '@retour/db/repos/merchants';
import type { ApiKeysTable } from '@retour/db/schema';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { newApiKey } from '../../secrets.ts';

const view = (k: ApiKeysTable) => ({ id: k.id, name: k.name, prefix: k.keyPrefix, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt });

export async function createApiKey(ctx: Ctx, merchantId: string, name: string) {
  const key = newApiKey();
  const row = {
    merchantId,
    id: newId('key'),
    name,
    keyPrefix: key.prefix,
    keyHash: key.hash,
    createdAt: ctx.now().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await insertApiKey(ctx.db, row);
  return { ...view(row), key: key.key };
}

export async function listKeys(ctx: Ctx, merchantId: string) {
  return (await listApiKeys(ctx.db, merchantId)).map(view);
}

export async function revokeKey(ctx: Ctx, merchantId: string, id: string, currentKeyId: string): Promise<void> {
  if (id === currentKeyId) fail('conflict', 'You cannot revoke the key this request is signed with; use another key.');
  if (!(await revokeApiKey(ctx.db, merchantId, id, ctx.now().toISOString()))) fail('not_found', 'There is no active API key with this id.');
}
