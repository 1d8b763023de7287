// A webhook from a connected Shopify shop (/api/hooks/shopify/{hookKey}). The signature is checked
// over the raw bytes with the connection's client secret before anything else; the delivery's
// X-Shopify-Event-Id is recorded in the same transaction as the change, so a repeated delivery
// changes nothing. Unknown topics are acknowledged and ignored (Shopify would retry an error).
import type { ShopifyWebhookResult } from '@retour/contracts/shopify';
import { ANONYMISED_EMAIL, ANONYMISED_NAME, anonymisedAddress } from '@retour/domain/retention';
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import type { Tx } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { recordInboundEvent } from '@retour/db/repos/inbound-events';
import { findIntegrationByHookKey, type IntegrationRow, updateIntegration } from '@retour/db/repos/integrations';
import { anonymiseShopOrders, findOrderIdByExternal, upsertShipmentsByTracking } from '@retour/db/repos/shop-connections';
import {
  orderFromRest,
  type ProviderJson,
  shipmentsOfRestFulfillment,
  trackingOfRestFulfillment,
} from '@retour/integrations/shops/shopify/orders';
import { shopifySignatureMatches } from '@retour/integrations/shops/shopify/webhooks';
import type { Ctx } from '../../../context.ts';
import { AppError, fail } from '../../../errors.ts';
import { applyShopifyCatalogueWebhook, SHOPIFY_CATALOGUE_TOPICS } from '../../catalogue/apply-shopify-catalogue-webhook.ts';
import { queueShopifyExchangeShipments } from '../../exchanges/queue-exchange-shipments.ts';
import { importOrderIn } from '../../orders/import-orders.ts';
import { openConnectionCredentials } from '../connections.ts';
import { SECRET_ROTATION_GRACE_MS, type ShopifyCredentials } from './shopify-connection.ts';

const INVALID_SIGNATURE =
  'The webhook signature is missing or wrong: X-Shopify-Hmac-Sha256 must be the base64 HMAC-SHA256 of the raw body, keyed with the client secret of the connected app.';

export type ShopifyWebhookHeaders = {
  hmac?: string | string[];
  topic?: string | string[];
  eventId?: string | string[];
  webhookId?: string | string[];
};
type Json = ProviderJson;
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** The secrets a delivery may be signed with: the client secret, and the previous one for an hour after a rotation. */
function secretsOf(ctx: Ctx, row: IntegrationRow): string[] {
  let credentials: ShopifyCredentials;
  try {
    credentials = openConnectionCredentials<ShopifyCredentials>(ctx, row);
  } catch {
    return [];
  }
  const recent = credentials.rotatedAt && ctx.now().getTime() - Date.parse(credentials.rotatedAt) < SECRET_ROTATION_GRACE_MS;
  return recent && credentials.previousClientSecret
    ? [credentials.clientSecret, credentials.previousClientSecret]
    : [credentials.clientSecret];
}

export async function receiveShopifyWebhook(
  ctx: Ctx,
  hookKey: string,
  headers: ShopifyWebhookHeaders,
  raw: Buffer,
): Promise<ShopifyWebhookResult & { log?: Record<string, unknown> }> {
  const row = await findIntegrationByHookKey(ctx.db, 'shopify', hookKey);
  const secrets = row && row.status !== 'disconnected' ? secretsOf(ctx, row) : [];
  // An unknown hook key is answered like a wrong signature: the URL alone reveals nothing.
  const signed = secrets.map((secret) => shopifySignatureMatches(secret, raw, headers.hmac)).some(Boolean);
  if (!row || !signed) fail('invalid_signature', INVALID_SIGNATURE);

  const topic = one(headers.topic) ?? 'unknown';
  const eventId = one(headers.eventId) ?? one(headers.webhookId);
  if (!eventId) fail('validation_error', 'The X-Shopify-Event-Id header is missing.');
  let body: Json;
  try {
    body = JSON.parse(raw.toString('utf8')) as Json;
  } catch {
    fail('validation_error', 'The request body is not valid JSON.');
  }
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const fresh = await recordInboundEvent(tx, { merchantId: row.merchantId, source: `shopify:${row.id}`, eventId, topic, at });
    if (!fresh) return { received: true, duplicate: true, outcome: 'duplicate' };
    const outcome = await apply(ctx, tx, row, topic, body, at);
    return { received: true, duplicate: false, ...outcome };
  });
}

async function apply(ctx: Ctx, tx: Tx, row: IntegrationRow, topic: string, body: Json, at: string) {
  if (SHOPIFY_CATALOGUE_TOPICS.includes(topic)) return applyShopifyCatalogueWebhook(tx, row, topic, body, at);
  switch (topic) {
    case 'orders/create':
    case 'orders/updated':
      try {
        await importOrderIn(ctx, tx, row.merchantId, orderFromRest(body, row.name));
        return { outcome: 'order_upserted' };
      } catch (error) {
        // An order we cannot store (no address, no email…) is acknowledged: Shopify would retry it forever.
        if (error instanceof AppError && error.code === 'validation_error') {
          const fields = ((error.details?.issues ?? []) as { path: (string | number)[] }[]).map((i) => i.path.join('.'));
          const lastError = `Order ${body.name ?? body.id} could not be imported (${fields.join(', ') || 'invalid'}); fix it in Shopify.`;
          await updateIntegration(tx, row.merchantId, row.id, { lastError, updatedAt: at });
          return { outcome: 'order_invalid', log: { integrationId: row.id, topic, fields } };
        }
        throw error;
      }
    case 'fulfillments/create':
    case 'fulfillments/update': {
      const orderExternalId = `gid://shopify/Order/${body.order_id}`;
      const orderId = await findOrderIdByExternal(tx, row.merchantId, row.id, orderExternalId);
      if (!orderId) return { outcome: 'order_unknown' };
      const shipments = shipmentsOfRestFulfillment(body).map((s) => ({
        id: newId('shp'),
        carrier: String(s.carrier),
        trackingNumber: String(s.trackingNumber),
        trackingNorm: normaliseTrackingNumber(String(s.trackingNumber)),
        shippedAt: s.shippedAt ? new Date(String(s.shippedAt)).toISOString() : null,
        deliveredAt: s.deliveredAt ? new Date(String(s.deliveredAt)).toISOString() : null,
        items: (s.items as { externalId: string; quantity: number }[] | null) ?? null,
      }));
      await upsertShipmentsByTracking(tx, row.merchantId, orderId, shipments);
      // A fulfillment of an exchange's lines also goes on the return's timeline (issue #14 item 4).
      await queueShopifyExchangeShipments(tx, row.merchantId, orderId, { orderExternalId, ...trackingOfRestFulfillment(body), at });
      return { outcome: 'shipments_upserted' };
    }
    case 'customers/data_request':
      // We hold nothing Shopify does not: the merchant answers from Shopify's own export.
      return {
        outcome: 'data_request_recorded',
        log: { integrationId: row.id, dataRequestId: body.data_request?.id, customerId: body.customer?.id },
      };
    case 'customers/redact': {
      const externalIds = (Array.isArray(body.orders_to_redact) ? body.orders_to_redact : []).map(
        (id: unknown) => `gid://shopify/Order/${id}`,
      );
      const email = typeof body.customer?.email === 'string' ? body.customer.email : null;
      await anonymiseShopOrders(tx, row.merchantId, row.id, { externalIds, email }, anonymised, at);
      return { outcome: 'customer_redacted', log: { integrationId: row.id, customerId: body.customer?.id } };
    }
    case 'shop/redact':
      await anonymiseShopOrders(tx, row.merchantId, row.id, 'all', anonymised, at);
      await updateIntegration(tx, row.merchantId, row.id, { status: 'disconnected', credentials: null, hookKey: null, updatedAt: at });
      return { outcome: 'shop_redacted', log: { integrationId: row.id } };
    default:
      return { outcome: 'ignored' };
  }
}

const anonymised = { name: ANONYMISED_NAME, email: ANONYMISED_EMAIL, address: anonymisedAddress };
