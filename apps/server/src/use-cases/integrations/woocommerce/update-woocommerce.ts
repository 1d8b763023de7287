// Replaces a WooCommerce connection's API keys (checked against the shop first) and/or its refund
// setting. The webhook secret and webhooks stay: they do not depend on the keys.
import type { Integration } from '@retour/contracts/integrations';
import type { WooUpdateBody } from '@retour/contracts/woocommerce';
import { toJson } from '@retour/db/json';
import { getIntegration, updateIntegration } from '@retour/db/repos/integrations';
import type { Ctx } from '../../../context.ts';
import { fail } from '../../../errors.ts';
import { openConnectionCredentials, presentIntegration, sealConnectionCredentials } from '../connections.ts';
import { type WooCredentials, wooClient, wooFailure, wooSettingsOf } from './woocommerce-connection.ts';

export async function updateWoocommerce(ctx: Ctx, merchantId: string, id: string, body: WooUpdateBody): Promise<Integration> {
  const row = await getIntegration(ctx.db, merchantId, id);
  if (!row || row.kind !== 'woocommerce') fail('not_found', 'There is no WooCommerce connection with this id for your account.', { id });
  if (!row.credentials) {
    fail('conflict', 'This connection was disconnected; connect the shop again with POST /api/v1/integrations/woocommerce.', { id });
  }
  const settings = wooSettingsOf(row);
  const fields: Parameters<typeof updateIntegration>[3] = { updatedAt: ctx.now().toISOString() };
  if (body.consumerKey && body.consumerSecret) {
    const keys = { consumerKey: body.consumerKey, consumerSecret: body.consumerSecret };
    await wooClient(ctx, settings.siteUrl, keys)
      .verify()
      .catch((error) => {
        throw wooFailure(error, 'reading orders');
      });
    const current = openConnectionCredentials<WooCredentials>(ctx, row);
    fields.credentials = sealConnectionCredentials(ctx, merchantId, id, { ...current, ...keys } satisfies WooCredentials);
    fields.status = 'active';
    fields.lastError = null;
  }
  if (body.refundThroughGateway !== undefined) {
    fields.settings = toJson({ ...settings, refundThroughGateway: body.refundThroughGateway });
  }
  await updateIntegration(ctx.db, merchantId, id, fields);
  const updated = await getIntegration(ctx.db, merchantId, id);
  return presentIntegration(ctx, updated ?? row);
}
