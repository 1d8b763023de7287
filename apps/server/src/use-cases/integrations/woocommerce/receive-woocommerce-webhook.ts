// A WooCommerce shop posts an order.created / order.updated delivery (or a product.* one,
// apply-woocommerce-product-webhook.ts) to its connection's hook URL.
// The signature (base64 HMAC-SHA256 of the raw body with the secret we gave the webhook) is checked
// before anything is parsed; the delivery id is recorded in the same transaction as the order, so
// a repeated delivery is dropped and a failed one can be retried. Orders WooCommerce cannot give
// us whole are reported on the connection (lastError) and answered 200: WooCommerce disables a
// webhook after repeated failures, which would stop every later order too.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WooHookResult } from '@retour/contracts/woocommerce';
import { recordInboundEvent } from '@retour/db/repos/inbound-events';
import { findIntegrationByHookKey, type IntegrationRow, updateIntegration } from '@retour/db/repos/integrations';
import { mapWooOrder, trackingOfWooOrder } from '@retour/integrations/shops/woocommerce/map-order';
import type { WooOrder } from '@retour/integrations/shops/woocommerce/types';
import type { Ctx } from '../../../context.ts';
import { AppError, fail } from '../../../errors.ts';
import { nulPath } from '../../../http/nul-guard.ts';
import { WOO_REPLACEMENT_META } from '../../exchanges/replacement-topic.ts';
import { queueWooExchangeShipments } from '../../exchanges/queue-exchange-shipments.ts';
import { importOrderIn } from '../../orders/import-orders.ts';
import { openConnectionCredentials } from '../connections.ts';
import { applyWooProductWebhook, PRODUCT_TOPICS } from './apply-woocommerce-product-webhook.ts';
import type { WooCredentials } from './woocommerce-connection.ts';

const INVALID_SIGNATURE =
  'The webhook signature is missing or wrong. Deliveries must carry X-WC-Webhook-Signature: the base64 HMAC-SHA256 of the ' +
  'body with the secret Retour set on the webhook; if the webhook was edited in WooCommerce, connect the shop again.';

const ORDER_TOPICS = new Set(['order.created', 'order.updated']);
/** The ping WooCommerce sends when a webhook is saved: `webhook_id=<n>` as a form body, no order. */
const PING = /^webhook_id=\d+$/;

export type WooDelivery = { signature?: string; topic?: string; deliveryId?: string; raw: Buffer };

function signatureMatches(secret: string, raw: Buffer, header: string | undefined): boolean {
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = header ? Buffer.from(header.trim(), 'base64') : Buffer.alloc(0);
  // Compared in constant time whatever was sent: a header of the wrong length is compared as zeros.
  const comparable = given.length === expected.length ? given : Buffer.alloc(expected.length);
  return timingSafeEqual(comparable, expected) && given.length === expected.length;
}

function parseOrder(raw: Buffer): WooOrder {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    fail('validation_error', 'The request body is not valid JSON.');
  }
  const nul = nulPath(json);
  if (nul) fail('validation_error', 'Remove the NUL character (\\u0000); it is not allowed in text.', { issues: [{ path: nul }] });
  const order = json as Partial<WooOrder> | null;
  if (!order || typeof order !== 'object' || typeof order.id !== 'number') {
    fail('validation_error', 'The delivery is not a WooCommerce order (no numeric "id").');
  }
  return order as WooOrder;
}

async function connectionOf(ctx: Ctx, hookKey: string): Promise<{ row: IntegrationRow; secret: string }> {
  const row = await findIntegrationByHookKey(ctx.db, 'woocommerce', hookKey);
  if (!row?.credentials) fail('invalid_signature', INVALID_SIGNATURE);
  return { row, secret: openConnectionCredentials<WooCredentials>(ctx, row).webhookSecret };
}

export async function receiveWoocommerceWebhook(ctx: Ctx, hookKey: string, delivery: WooDelivery): Promise<WooHookResult> {
  const { row, secret } = await connectionOf(ctx, hookKey);
  const text = delivery.raw.toString('utf8').trim();
  // The ping changes nothing and WooCommerce does not sign it; the connection must exist all the same.
  if (PING.test(text) && !delivery.signature) return { outcome: 'ping' };
  if (!signatureMatches(secret, delivery.raw, delivery.signature)) fail('invalid_signature', INVALID_SIGNATURE);
  if (PING.test(text)) return { outcome: 'ping' };
  if (PRODUCT_TOPICS.has(delivery.topic ?? '')) return applyWooProductWebhook(ctx, row, delivery);
  if (!ORDER_TOPICS.has(delivery.topic ?? '')) return { outcome: 'ignored' };

  const order = parseOrder(delivery.raw);
  const mapped = mapWooOrder(order, row.name);
  const at = ctx.now().toISOString();
  const eventId = delivery.deliveryId?.trim() || `sha256:${createHash('sha256').update(delivery.raw).digest('hex')}`;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const fresh = await recordInboundEvent(tx, {
        merchantId: row.merchantId,
        source: `woocommerce:${row.id}`,
        eventId,
        topic: delivery.topic ?? '',
        at,
      });
      if (!fresh) return { outcome: 'duplicate' as const };
      if ('skip' in mapped) return { outcome: 'ignored' as const };
      await importOrderIn(ctx, tx, row.merchantId, mapped.order);
      // A replacement order we made names its return: its tracking goes on that return's timeline (issue #14 item 4).
      const returnId = (order.meta_data ?? []).find((m) => m.key === WOO_REPLACEMENT_META)?.value;
      if (typeof returnId === 'string' && returnId !== '')
        await queueWooExchangeShipments(tx, row.merchantId, {
          externalId: String(order.id),
          returnId,
          tracking: trackingOfWooOrder(order),
          at,
        });
      await updateIntegration(tx, row.merchantId, row.id, { lastSyncAt: at, updatedAt: at });
      return { outcome: 'stored' as const };
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_error') throw error;
    const number = order.number ?? order.id;
    await updateIntegration(ctx.db, row.merchantId, row.id, {
      lastError:
        `Order ${number} from the ${delivery.topic} webhook could not be imported: ${JSON.stringify(error.details?.issues ?? [])}`.slice(
          0,
          1000,
        ),
      updatedAt: at,
    });
    return { outcome: 'ignored' };
  }
}
