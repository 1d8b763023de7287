// Lists a merchant's API keys (prefix, name, last use; never the secret).
import { listApiKeys } from '@retour/db/repos/merchants';
import type { Ctx } from '../../context.ts';
import { apiKeyView } from './api-key-view.ts';

export async function listKeys(ctx: Ctx, merchantId: string) {
  return (await listApiKeys(ctx.db, merchantId)).map(apiKeyView);
}
