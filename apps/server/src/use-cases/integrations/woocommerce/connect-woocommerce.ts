// Connects a WooCommerce shop: checks the keys with a one-order read, creates the order.created
// and order.updated webhooks (signed with a secret we generate) towards this connection's hook
// URL, then stores the connection with its keys sealed. Nothing is stored when the shop refuses.
import type { Integration } from '@retour/contracts/integrations';
import type { WooConnectBody } from '@retour/contracts/woocommerce';
import { newId } from '@retour/db/ids';
import { toJson } from '@retour/db/json';
import { deleteIntegration, insertIntegration, listIntegrations, updateIntegration } from '@retour/db/repos/integrations';
import { normaliseSiteUrl, type WooClient } from '@retour/integrations/shops/woocommerce/client';
import type { Ctx } from '../../../context.ts';
import { fail, invalid } from '../../../errors.ts';
import { randomCode } from '../../../secrets.ts';
import { newHookKey, presentIntegration, sealConnectionCredentials } from '../connections.ts';
import { type WooCredentials, type WooSettings, wooClient, wooFailure } from './woocommerce-connection.ts';

export const WOO_WEBHOOK_TOPICS = ['order.created', 'order.updated'] as const;

async function createWebhooks(client: WooClient, deliveryUrl: string, secret: string): Promise<number[]> {
  const ids: number[] = [];
  try {
    for (const topic of WOO_WEBHOOK_TOPICS) {
      const hook = await client.createWebhook({ name: `Retour: ${topic}`, topic, deliveryUrl, secret });
      ids.push(hook.id);
    }
    return ids;
  } catch (error) {
    // Leave nothing half made on the shop: remove the webhooks created before the failure.
    for (const id of ids) await client.deleteWebhook(id).catch(() => undefined);
    throw wooFailure(error, 'creating the order webhooks');
  }
}

export async function connectWoocommerce(ctx: Ctx, merchantId: string, body: WooConnectBody): Promise<Integration> {
  const site = normaliseSiteUrl(body.siteUrl, ctx.providers.allowInsecureHttp);
  if (!site.ok) invalid(['siteUrl'], site.message);
  const name = body.name ?? `WooCommerce ${new URL(site.url).host}`;
  if ((await listIntegrations(ctx.db, merchantId)).some((row) => row.name === name)) {
    fail('conflict', `An integration named "${name}" exists already; choose another name.`, { name });
  }

  const client = wooClient(ctx, site.url, body);
  await client.verify().catch((error) => {
    throw wooFailure(error, 'reading orders');
  });

  const id = newId('int');
  const at = ctx.now().toISOString();
  const webhookSecret = randomCode(40);
  const credentials: WooCredentials = { consumerKey: body.consumerKey, consumerSecret: body.consumerSecret, webhookSecret };
  const settings: WooSettings = { siteUrl: site.url, refundThroughGateway: body.refundThroughGateway, webhookIds: [] };
  const stored = {
    merchantId,
    id,
    name,
    kind: 'woocommerce',
    createdAt: at,
    updatedAt: at,
    settings: toJson(settings),
    credentials: sealConnectionCredentials(ctx, merchantId, id, credentials),
    hookKey: newHookKey(),
    status: 'active',
    lastSyncAt: null,
    lastError: null,
  };
  // Stored before the webhooks are made: WooCommerce pings the hook URL when it saves one.
  if (!(await insertIntegration(ctx.db, stored)))
    fail('conflict', `An integration named "${name}" exists already; choose another name.`, { name });
  try {
    const deliveryUrl = presentIntegration(ctx, stored).webhookUrl as string;
    settings.webhookIds = await createWebhooks(client, deliveryUrl, webhookSecret);
  } catch (error) {
    await deleteIntegration(ctx.db, merchantId, id);
    throw error;
  }
  stored.settings = toJson(settings);
  await updateIntegration(ctx.db, merchantId, id, { settings: stored.settings });
  return presentIntegration(ctx, stored);
}
