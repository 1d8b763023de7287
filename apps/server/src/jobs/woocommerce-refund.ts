// Refunds recorded in Retour are mirrored into WooCommerce: a `return.event` listener enqueues one
// `woocommerce.refund` job per refund of a return whose order came from a WooCommerce connection;
// the job posts `POST /orders/{id}/refunds` with explicit api_refund (the connection's
// refundThroughGateway) and api_restock (only what staff recorded as restocked on receipt), and
// notes WooCommerce's refund id on the return's timeline. A retried job never refunds twice: it
// looks for its own marker (in `reason` and `meta_data`) among the order's refunds before posting.
import { formatMoneyValue } from '@retour/domain/money';
import { allocateRefund } from '@retour/domain/refund-allocation';
import { newId } from '@retour/db/ids';
import { getIntegration, type IntegrationRow, updateIntegration } from '@retour/db/repos/integrations';
import { getOrder, type OrderAggregate } from '@retour/db/repos/orders';
import { enqueue } from '@retour/db/repos/outbox';
import { getReturn, getReturnRow, type ReturnAggregate } from '@retour/db/repos/returns';
import { WooError } from '@retour/integrations/shops/woocommerce/client';
import type { WooRefund } from '@retour/integrations/shops/woocommerce/types';
import type { Ctx } from '../context.ts';
import { changeReturn } from '../use-cases/shared/change-return.ts';
import type { ReturnDomainEvent } from '../use-cases/shared/return-events.ts';
import { wooClientOf, wooFailure, wooSettingsOf } from '../use-cases/integrations/woocommerce/woocommerce-connection.ts';

export const WOO_REFUND_TOPIC = 'woocommerce.refund';
/** The meta key on WooCommerce refunds that names the Retour refund (the return event id). */
export const WOO_REFUND_META = 'retour_refund_id';
/** WooCommerce's code when it cannot make a refund (wc_create_refund failed: amount, gateway). */
const REFUND_REFUSED = 'woocommerce_rest_cannot_create_order_refund';

async function wooConnectionOfReturn(ctx: Ctx, merchantId: string, returnId: string): Promise<IntegrationRow | null> {
  const ret = await getReturnRow(ctx.db, merchantId, returnId);
  const order = ret ? await getOrder(ctx.db, merchantId, ret.orderId) : null;
  const row = order ? await getIntegration(ctx.db, merchantId, order.order.integrationId) : undefined;
  return row?.kind === 'woocommerce' && row.credentials ? row : null;
}

/** Listener (registered in composition.ts): one job per refund of a WooCommerce order. */
export async function enqueueWoocommerceRefund(ctx: Ctx, merchantId: string, event: ReturnDomainEvent): Promise<void> {
  if (!event.types.includes('refund.created')) return;
  const amount = Number(event.detail?.amount);
  if (!Number.isSafeInteger(amount) || amount <= 0) return;
  if (!(await wooConnectionOfReturn(ctx, merchantId, event.returnId))) return;
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: WOO_REFUND_TOPIC,
    payload: { returnId: event.returnId, refundEventId: event.id, amount, note: event.detail?.note ?? null },
    dedupeKey: `woocommerce.refund:${event.id}`,
    at: ctx.now().toISOString(),
  });
}

type Line = { id: number | string; quantity: number; refund_total: string };

/**
 * The order lines of the refund, and whether WooCommerce should restock them. Only the first
 * WooCommerce refund of a return carries lines (later ones would count the items twice). When
 * staff restocked something, the lines carry the restocked quantities and api_restock is true;
 * otherwise they carry the received quantities and nothing is restocked.
 */
function refundLines(agg: ReturnAggregate, order: OrderAggregate, amount: number, first: boolean): { lines: Line[]; restock: boolean } {
  if (!first) return { lines: [], restock: false };
  const received = new Map<string, { quantity: number; restocked: number }>();
  for (const event of agg.events) {
    if (event.type !== 'received') continue;
    for (const item of (event.data?.items ?? []) as { orderItemId: string; quantity: number; restocked: boolean }[]) {
      const seen = received.get(item.orderItemId) ?? { quantity: 0, restocked: 0 };
      seen.quantity += item.quantity;
      if (item.restocked) seen.restocked += item.quantity;
      received.set(item.orderItemId, seen);
    }
  }
  const restock = [...received.values()].some((r) => r.restocked > 0);
  const candidates = agg.items.flatMap((item) => {
    const orderItem = order.items.find((o) => o.id === item.orderItemId);
    if (!orderItem) return [];
    const got = received.get(item.orderItemId);
    const quantity = received.size > 0 ? (got?.quantity ?? 0) : item.quantity;
    return [{ orderItem, quantity, restockQuantity: got?.restocked ?? 0 }];
  });
  const { allocated } = allocateRefund(
    amount,
    candidates.map((c) => ({ key: c, value: c.orderItem.unitPrice * c.quantity })),
  );
  const lines = allocated
    .map(({ key: c, amount: share }) => ({
      id: /^\d+$/.test(c.orderItem.externalId) ? Number(c.orderItem.externalId) : c.orderItem.externalId,
      quantity: restock ? c.restockQuantity : c.quantity,
      refund_total: formatMoneyValue(share, agg.ret.currency),
    }))
    .filter((line) => line.quantity > 0 || line.refund_total !== formatMoneyValue(0, agg.ret.currency));
  return { lines, restock };
}

const isOurs = (refund: WooRefund, marker: string, eventId: string) =>
  (refund.reason ?? '').includes(marker) || (refund.meta_data ?? []).some((m) => m.key === WOO_REFUND_META && m.value === eventId);

export async function woocommerceRefund(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  const eventId = String(payload.refundEventId);
  const amount = Number(payload.amount);
  const dedupeKey = `woocommerce.refund:${eventId}`;
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!agg || agg.events.some((e) => e.dedupeKey === dedupeKey)) return;
  const order = await getOrder(ctx.db, merchantId, agg.ret.orderId);
  const row = order ? await getIntegration(ctx.db, merchantId, order.order.integrationId) : undefined;
  if (!order || row?.kind !== 'woocommerce' || !row.credentials) return;

  const client = wooClientOf(ctx, row);
  const wooOrderId = order.order.externalId;
  const marker = `[retour:${eventId}]`;
  const note = typeof payload.note === 'string' && payload.note ? `: ${payload.note}` : '';
  const record = (message: string, data: Record<string, unknown>) =>
    changeReturn(ctx, merchantId, returnId, 'system', () => ({
      event: { type: 'note' },
      timeline: [
        { type: 'shop_sync', message, data: { provider: 'woocommerce', kind: 'refund', orderId: wooOrderId, ...data }, dedupeKey },
      ],
    }));
  try {
    let refund = (await client.listRefunds(wooOrderId)).find((r) => isOurs(r, marker, eventId));
    let restock = false;
    if (!refund) {
      const first = !agg.events.some((e) => e.type === 'shop_sync' && e.data?.provider === 'woocommerce' && e.data?.kind === 'refund');
      const lines = refundLines(agg, order, amount, first);
      restock = lines.restock;
      refund = await client.createRefund(wooOrderId, {
        amount: formatMoneyValue(amount, agg.ret.currency),
        reason: `Retour ${agg.ret.reference}${note} ${marker}`.slice(0, 1000),
        line_items: lines.lines,
        api_refund: wooSettingsOf(row).refundThroughGateway,
        api_restock: lines.restock,
        meta_data: [{ key: WOO_REFUND_META, value: eventId }],
      });
    }
    await record(`WooCommerce refund ${refund.id} (${formatMoneyValue(amount, agg.ret.currency)} ${agg.ret.currency})`, {
      refundId: refund.id,
      amount,
      restocked: restock,
      refundedPayment: refund.refunded_payment ?? null,
    });
  } catch (error) {
    if (!(error instanceof WooError)) throw error;
    const failure = wooFailure(error, 'creating the refund');
    // WooCommerce said no (amount above what is left, gateway refused; it answers those with 500 and
    // its own code): retrying cannot help.
    if (error.failure === 'rejected' || error.failure === 'not_found' || error.wooCode === REFUND_REFUSED) {
      await record(`WooCommerce did not take the refund: ${error.message} Refund it in WooCommerce by hand.`, { error: error.message });
      return;
    }
    await updateIntegration(ctx.db, merchantId, row.id, { lastError: failure.message, updatedAt: ctx.now().toISOString() });
    throw failure;
  }
}
