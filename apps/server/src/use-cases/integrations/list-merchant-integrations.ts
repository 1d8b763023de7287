// Lists a merchant's integrations (shops, order sources) without their credentials.
import type { Integration } from '@retour/contracts/integrations';
import { listIntegrations } from '@retour/db/repos/integrations';
import type { Ctx } from '../../context.ts';
import { presentIntegration } from './connections.ts';

export async function listMerchantIntegrations(ctx: Ctx, merchantId: string): Promise<Integration[]> {
  return (await listIntegrations(ctx.db, merchantId)).map((row) => presentIntegration(ctx, row));
}
