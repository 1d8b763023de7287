// Disconnects one integration. An integration whose orders are stored keeps its row (the orders
// point at it): disconnecting forgets its credentials and hook key. A shop connection first removes the
// webhooks Retour created there (remove-shop-webhooks.ts); when the shop cannot, the local disconnect
// still happens and the answer says what to remove by hand.
import type { IntegrationDisconnected } from '@retour/contracts/integrations';
import { getIntegration, deleteIntegration, integrationHasOrders, updateIntegration } from '@retour/db/repos/integrations';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { removeShopWebhooks } from './remove-shop-webhooks.ts';

export async function disconnectIntegration(ctx: Ctx, merchantId: string, id: string): Promise<IntegrationDisconnected> {
  const found = await getIntegration(ctx.db, merchantId, id);
  if (!found) fail('not_found', 'There is no integration with this id for your account.', { id });
  // At the provider first, outside the transaction (network calls); a failure is reported, not thrown.
  const cleanup = await removeShopWebhooks(ctx, found);
  const { deleted } = await forgetIntegration(ctx, merchantId, id);
  return { deleted, ...cleanup };
}

async function forgetIntegration(ctx: Ctx, merchantId: string, id: string): Promise<{ deleted: boolean }> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await getIntegration(tx, merchantId, id);
    if (!row) fail('not_found', 'There is no integration with this id for your account.', { id });
    if (await integrationHasOrders(tx, merchantId, id)) {
      await updateIntegration(tx, merchantId, id, {
        status: 'disconnected',
        credentials: null,
        hookKey: null,
        updatedAt: ctx.now().toISOString(),
      });
      return { deleted: false };
    }
    await deleteIntegration(tx, merchantId, id);
    return { deleted: true };
  });
}
