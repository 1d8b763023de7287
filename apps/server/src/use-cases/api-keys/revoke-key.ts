// Revokes one of a merchant's API keys (not the one signing this request).
import { revokeApiKey } from '@retour/db/repos/merchants';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

export async function revokeKey(ctx: Ctx, merchantId: string, id: string, currentKeyId: string): Promise<void> {
  if (id === currentKeyId) fail('conflict', 'You cannot revoke the key this request is signed with; use another key.');
  if (!(await revokeApiKey(ctx.db, merchantId, id, ctx.now().toISOString()))) fail('not_found', 'There is no active API key with this id.');
}
