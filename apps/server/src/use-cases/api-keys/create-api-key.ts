// Creates an API key for a merchant: the secret is shown once, only its hash is kept.
import { newId } from '@retour/db/ids';
import { insertApiKey } from '@retour/db/repos/merchants';
import type { Ctx } from '../../context.ts';
import { newApiKey } from '../../secrets.ts';
import { apiKeyView } from './api-key-view.ts';

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
  return { ...apiKeyView(row), key: key.key };
}
