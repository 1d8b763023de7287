// WooCommerce's product webhooks (product.created / product.updated / product.deleted), after the
// signature was checked (receive-woocommerce-webhook.ts). The delivery id is recorded in the same
// transaction as the change, so a repeated delivery does nothing. A created or updated product is
// read again with its variations by a `woocommerce.catalogue` job (the body has no variations, and
// the webhook must answer quickly); a deleted one leaves the catalogue at once.
import { createHash } from 'node:crypto';
import type { WooHookResult } from '@retour/contracts/woocommerce';
import { newId } from '@retour/db/ids';
import { deleteProduct } from '@retour/db/repos/catalogue';
import { recordInboundEvent } from '@retour/db/repos/inbound-events';
import type { IntegrationRow } from '@retour/db/repos/integrations';
import { enqueue } from '@retour/db/repos/outbox';
import type { Ctx } from '../../../context.ts';
import { fail } from '../../../errors.ts';

export const WOO_PRODUCT_TOPICS = ['product.created', 'product.updated', 'product.deleted'] as const;
export const PRODUCT_TOPICS: ReadonlySet<string> = new Set(WOO_PRODUCT_TOPICS);

export async function applyWooProductWebhook(
  ctx: Ctx,
  row: IntegrationRow,
  delivery: { topic?: string; deliveryId?: string; raw: Buffer },
): Promise<WooHookResult> {
  let body: { id?: unknown } | null = null;
  try {
    body = JSON.parse(delivery.raw.toString('utf8')) as { id?: unknown } | null;
  } catch {
    fail('validation_error', 'The request body is not valid JSON.');
  }
  const id = body?.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0)
    fail('validation_error', 'The delivery is not a WooCommerce product (no numeric "id").');
  const topic = delivery.topic as string;
  const at = ctx.now().toISOString();
  const eventId = delivery.deliveryId?.trim() || `sha256:${createHash('sha256').update(delivery.raw).digest('hex')}`;
  return ctx.db.transaction().execute(async (tx) => {
    const fresh = await recordInboundEvent(tx, { merchantId: row.merchantId, source: `woocommerce:${row.id}`, eventId, topic, at });
    if (!fresh) return { outcome: 'duplicate' as const };
    if (topic === 'product.deleted') {
      await deleteProduct(tx, row.merchantId, 'woocommerce', String(id));
      return { outcome: 'stored' as const };
    }
    await enqueue(tx, {
      merchantId: row.merchantId,
      id: newId('job'),
      topic: 'woocommerce.catalogue',
      payload: { integrationId: row.id, productId: id },
      dedupeKey: `woocommerce.catalogue:${row.id}:product:${id}:${eventId}`,
      at,
    });
    return { outcome: 'stored' as const };
  });
}
