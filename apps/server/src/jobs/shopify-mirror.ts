// The `shopify.mirror` job: brings the Shopify return of one of our returns in line with it.
// Every job (whatever change queued it) does the same thing: it reads our return as it is NOW and
// the Shopify return as Shopify has it now, and sends only what is missing. So jobs may run twice,
// die half-way or run in any order, and they still converge without duplicate calls:
// - no Shopify return known: the order's returns are searched for one carrying our reference
//   (`[Retour R-…]` in each line's customerNote / returnReasonNote, written when we create it) and
//   that one is adopted; only when there is none is one created, in the state ours is in now
//   (REQUESTED for a requested return, OPEN once approved);
// - REQUESTED while ours is approved → approve; ours rejected → decline; ours cancelled → cancel;
// - the reverse delivery is made once Shopify has none with our tracking number;
// - refunds: what we refunded minus what the Shopify return already refunded is sent (if > 0).
// Shopify's return id and each action are recorded as staff-only `shop_sync` timeline entries
// (a `note` event, allowed in every status), deduplicated per action.
import { getRow } from '@retour/db/repos/config';
import { getIntegration } from '@retour/db/repos/integrations';
import { getOrder } from '@retour/db/repos/orders';
import { listReturnExchanges } from '@retour/db/repos/return-exchanges';
import { getReturn, type ReturnAggregate } from '@retour/db/repos/returns';
import { shopifyOrderOfReturn } from '@retour/db/repos/shop-connections';
import { formatMoneyValue, parseMoneyValue } from '@retour/domain/money';
import type { ShopifyClient } from '@retour/integrations/shops/shopify/client';
import {
  ORDER_RETURNS_QUERY,
  ORDER_TRANSACTIONS_QUERY,
  RETURN_APPROVE_REQUEST,
  RETURN_CANCEL,
  RETURN_CREATE,
  RETURN_DECLINE_REQUEST,
  RETURN_PROCESS,
  RETURN_QUERY,
  RETURN_REQUEST,
  RETURNABLE_FULFILLMENTS_QUERY,
  REVERSE_DELIVERY_CREATE_WITH_SHIPPING,
} from '@retour/integrations/shops/shopify/documents';
import { checkUserErrors, type UserError } from '@retour/integrations/shops/shopify/errors';
import type { Ctx } from '../context.ts';
import { statusToken } from '../emails/status-link.ts';
import { AppError } from '../errors.ts';
import { changeReturn } from '../use-cases/shared/change-return.ts';
import { shopifyClientFor } from '../use-cases/integrations/shopify/shopify-connection.ts';
import { newId } from '@retour/db/ids';
import { acquireLease, releaseLease } from '@retour/db/repos/leases';
import { RetryLater } from './retry-later.ts';

type Nodes<T> = { nodes: T[] };
type ShopifyReturn = {
  id: string;
  name?: string;
  status: string;
  reverseFulfillmentOrders?: Nodes<{
    id: string;
    lineItems: Nodes<{ id: string; totalQuantity: number }>;
    reverseDeliveries?: Nodes<{ id: string; deliverable?: { tracking?: { number?: string | null } | null } | null }>;
  }>;
  returnLineItems?: Nodes<{
    id: string;
    quantity: number;
    processableQuantity?: number;
    customerNote?: string | null;
    returnReasonNote?: string | null;
  }>;
  refunds?: Nodes<{ id: string; totalRefundedSet: { shopMoney: { amount: string; currencyCode: string } } }>;
};
type Payload<K extends string> = Record<K, { return?: ShopifyReturn | null; userErrors: UserError[] } | null>;

/** Statuses of ours in which the Shopify return should be open (approved and later). */
const OPEN_STATUSES = new Set(['open', 'in_transit', 'delivered', 'received', 'completed']);

/** The text that marks a Shopify return as ours: put into every line's note when we create it. */
export const referenceMarker = (agg: ReturnAggregate) => `[Retour ${agg.ret.reference}]`;

/** The Shopify return id recorded on our timeline (by this job, earlier). */
export function shopifyReturnIdOf(agg: ReturnAggregate): string | undefined {
  let id: string | undefined;
  for (const e of agg.events) {
    const data = e.data as { shopifyReturnId?: string; provider?: string } | null;
    if (e.type === 'shop_sync' && data?.shopifyReturnId && data.provider !== 'woocommerce') id = data.shopifyReturnId;
  }
  return id;
}

/** Records what Shopify did (once per key); retried on a concurrent change, since Shopify has already acted. */
export async function record(ctx: Ctx, agg: ReturnAggregate, key: string, message: string, data: Record<string, unknown>) {
  for (let attempt = 1; ; attempt++) {
    try {
      await changeReturn(ctx, agg.ret.merchantId, agg.ret.id, 'shopify', () => ({
        event: { type: 'note' },
        timeline: [{ type: 'shop_sync', message, data: { step: key, ...data }, dedupeKey: `shop_sync:${key}` }],
      }));
      return;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict') || attempt >= 5) throw error;
    }
  }
}

function isOurs(ret: ShopifyReturn, marker: string): boolean {
  return (ret.returnLineItems?.nodes ?? []).some((li) => li.customerNote?.includes(marker) || li.returnReasonNote?.includes(marker));
}

/** Our returned items as Shopify fulfillment line items (matched by the order item's external id = line item GID). */
export async function returnLineItemsOf(ctx: Ctx, client: ShopifyClient, agg: ReturnAggregate, orderExternalId: string) {
  const order = await getOrder(ctx.db, agg.ret.merchantId, agg.ret.orderId);
  const data = await client.request<{
    returnableFulfillments: Nodes<{
      returnableFulfillmentLineItems: Nodes<{ quantity: number; fulfillmentLineItem: { id: string; lineItem: { id: string } } }>;
    }>;
  }>(RETURNABLE_FULFILLMENTS_QUERY, { orderId: orderExternalId });
  const returnable = data.returnableFulfillments.nodes.flatMap((f) => f.returnableFulfillmentLineItems.nodes);
  const used = new Map<string, number>();
  const marker = referenceMarker(agg);
  return agg.items.flatMap((item) => {
    const externalId = order?.items.find((i) => i.id === item.orderItemId)?.externalId;
    let left = item.quantity;
    const lines: { fulfillmentLineItemId: string; quantity: number; note: string }[] = [];
    for (const r of returnable.filter((x) => x.fulfillmentLineItem.lineItem.id === externalId)) {
      const id = r.fulfillmentLineItem.id;
      const quantity = Math.min(left, r.quantity - (used.get(id) ?? 0));
      if (quantity <= 0) continue;
      used.set(id, (used.get(id) ?? 0) + quantity);
      lines.push({ fulfillmentLineItemId: id, quantity, note: `${item.comment ?? item.reason} ${marker}` });
      left -= quantity;
    }
    if (left > 0) throw new Error(`Shopify has no returnable fulfillment for ${item.sku} (line item ${externalId ?? 'unknown'}).`);
    return lines;
  });
}

async function labelUrlOf(ctx: Ctx, agg: ReturnAggregate): Promise<string | null> {
  if (!agg.ret.portalId) return null;
  const portal = await getRow(ctx.db, 'portals', agg.ret.merchantId, agg.ret.portalId);
  if (!portal) return null;
  const access = statusToken(ctx.secret, agg.ret.merchantId, agg.ret.id);
  return `${ctx.publicUrl}/api/portal/${encodeURIComponent(portal.slug)}/returns/${encodeURIComponent(agg.ret.id)}/label?format=a4&access=${access}`;
}

/** The Shopify return that is ours: the recorded one, or one on the order carrying our reference (adopted). */
async function findShopifyReturn(ctx: Ctx, client: ShopifyClient, agg: ReturnAggregate, orderExternalId: string) {
  const known = shopifyReturnIdOf(agg);
  if (known) {
    const data = await client.request<{ return: ShopifyReturn | null }>(RETURN_QUERY, { id: known });
    if (!data.return) throw new Error(`Shopify no longer has return ${known}.`);
    return data.return;
  }
  const data = await client.request<{ order: { returns: Nodes<ShopifyReturn> } | null }>(ORDER_RETURNS_QUERY, { id: orderExternalId });
  const found = data.order?.returns.nodes.find((r) => isOurs(r, referenceMarker(agg)));
  if (found)
    await record(ctx, agg, 'return', `Shopify return ${found.id} (${found.status}) found on the order`, { shopifyReturnId: found.id });
  return found ?? null;
}

/** Creates the Shopify return in the state ours is in now: REQUESTED (`request`) or OPEN (`create`). */
async function createShopifyReturn(ctx: Ctx, client: ShopifyClient, agg: ReturnAggregate, orderId: string, open: boolean) {
  const lines = await returnLineItemsOf(ctx, client, agg, orderId);
  let created: ShopifyReturn | null | undefined;
  if (!open) {
    const data = await client.request<Payload<'returnRequest'>>(RETURN_REQUEST, {
      input: {
        orderId,
        returnLineItems: lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: l.quantity, customerNote: l.note })),
      },
    });
    checkUserErrors('returnRequest', data.returnRequest);
    created = data.returnRequest?.return;
  } else {
    const data = await client.request<Payload<'returnCreate'>>(RETURN_CREATE, {
      returnInput: {
        orderId,
        requestedAt: agg.ret.createdAt,
        returnLineItems: lines.map((l) => ({
          fulfillmentLineItemId: l.fulfillmentLineItemId,
          quantity: l.quantity,
          returnReasonNote: l.note,
        })),
      },
    });
    checkUserErrors('returnCreate', data.returnCreate);
    created = data.returnCreate?.return;
  }
  if (!created) throw new Error('Shopify returned no return.');
  await record(ctx, agg, 'return', `Shopify return ${created.id} (${created.status})`, {
    shopifyReturnId: created.id,
    action: open ? 'create' : 'request',
  });
  return created;
}

/** How long one mirror run may hold its return's lease (well above the job handler timeout). */
const MIRROR_LEASE_MS = 2 * 60_000;

/**
 * Mirrors one return, holding a lease on it: jobs of the same return run one at a time even with
 * several worker processes, so two of them cannot both find no Shopify return and create one each.
 */
export async function runShopifyMirror(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  await withShopifyReturnLease(ctx, merchantId, returnId, () => reconcileShopifyReturn(ctx, merchantId, returnId));
}

/** Runs `work` holding the lease of the return's Shopify side (shared by the mirror and the replacement job). */
export async function withShopifyReturnLease<T>(ctx: Ctx, merchantId: string, returnId: string, work: () => Promise<T>): Promise<T> {
  const lease = `shopify.mirror:${merchantId}:${returnId}`;
  const holder = newId('lse');
  const now = ctx.now();
  if (!(await acquireLease(ctx.db, lease, holder, now.toISOString(), new Date(now.getTime() + MIRROR_LEASE_MS).toISOString())))
    throw new RetryLater('Another worker is mirroring this return into Shopify; trying again shortly.', 5_000);
  try {
    return await work();
  } finally {
    await releaseLease(ctx.db, lease, holder);
  }
}

async function reconcileShopifyReturn(ctx: Ctx, merchantId: string, returnId: string): Promise<void> {
  const link = await shopifyOrderOfReturn(ctx.db, merchantId, returnId);
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!link || !agg) return;
  const row = await getIntegration(ctx.db, merchantId, link.integrationId);
  if (!row) return;
  const client = shopifyClientFor(ctx, row);
  const status = agg.ret.status;
  const wantsOpen = OPEN_STATUSES.has(status);
  // An expired return (its label never used) ends in Shopify as a cancelled one does.
  const ended = status === 'cancelled' || status === 'expired';
  if (!wantsOpen && !['requested', 'rejected', 'cancelled', 'expired'].includes(status)) return; // awaiting payment: nothing yet

  let remote = await findShopifyReturn(ctx, client, agg, link.orderExternalId);
  if (!remote) {
    // Never reached Shopify: nothing to decline or cancel there.
    if (status === 'rejected' || ended) return;
    // A return with exchanges is created by the replacement job (shopify-replacement.ts) with its
    // exchange lines, which Shopify takes only at creation; this job adopts it afterwards.
    if ((await listReturnExchanges(ctx.db, merchantId, returnId)).length > 0) return;
    remote = await createShopifyReturn(ctx, client, agg, link.orderExternalId, wantsOpen);
  }

  if (status === 'rejected' && remote.status === 'REQUESTED') {
    const data = await client.request<Payload<'returnDeclineRequest'>>(RETURN_DECLINE_REQUEST, {
      input: { id: remote.id, declineReason: 'OTHER', notifyCustomer: false },
    });
    checkUserErrors('returnDeclineRequest', data.returnDeclineRequest);
    await record(ctx, agg, 'decline', `Shopify return ${remote.id} declined`, {});
    return;
  }
  if ((ended && remote.status === 'REQUESTED') || ((ended || status === 'rejected') && remote.status === 'OPEN')) {
    const data = await client.request<Payload<'returnCancel'>>(RETURN_CANCEL, { id: remote.id });
    checkUserErrors('returnCancel', data.returnCancel);
    await record(ctx, agg, 'cancel', `Shopify return ${remote.id} cancelled`, {});
    return;
  }
  if (!wantsOpen) return;

  if (remote.status === 'REQUESTED') {
    const data = await client.request<Payload<'returnApproveRequest'>>(RETURN_APPROVE_REQUEST, {
      input: { id: remote.id, notifyCustomer: false },
    });
    checkUserErrors('returnApproveRequest', data.returnApproveRequest);
    const approved = data.returnApproveRequest?.return;
    if (!approved) throw new Error('returnApproveRequest returned no return.');
    await record(ctx, agg, 'approve', `Shopify return ${remote.id} approved`, {});
    remote = approved;
  }
  if (remote.status !== 'OPEN' && remote.status !== 'CLOSED') return; // declined or cancelled in Shopify: leave it
  await attachLabel(ctx, client, agg, remote);
  await refund(ctx, client, agg, remote, link.orderExternalId);
}

/** Our label and tracking number on Shopify's reverse fulfillment order, unless it already has them. */
async function attachLabel(ctx: Ctx, client: ShopifyClient, agg: ReturnAggregate, remote: ShopifyReturn): Promise<void> {
  const tracking = agg.ret.trackingNumber;
  const rfo = remote.reverseFulfillmentOrders?.nodes[0];
  if (!tracking || !rfo) return;
  const existing = rfo.reverseDeliveries?.nodes.find((d) => d.deliverable?.tracking?.number === tracking);
  if (existing) return;
  const fileUrl = await labelUrlOf(ctx, agg);
  const data = await client.request<{
    reverseDeliveryCreateWithShipping: { reverseDelivery: { id: string } | null; userErrors: UserError[] } | null;
  }>(REVERSE_DELIVERY_CREATE_WITH_SHIPPING, {
    reverseFulfillmentOrderId: rfo.id,
    reverseDeliveryLineItems: rfo.lineItems.nodes.map((li) => ({ reverseFulfillmentOrderLineItemId: li.id, quantity: li.totalQuantity })),
    trackingInput: { number: tracking },
    ...(fileUrl ? { labelInput: { fileUrl } } : {}),
  });
  checkUserErrors('reverseDeliveryCreateWithShipping', data.reverseDeliveryCreateWithShipping);
  const reverseDeliveryId = data.reverseDeliveryCreateWithShipping?.reverseDelivery?.id;
  if (!reverseDeliveryId) throw new Error('reverseDeliveryCreateWithShipping returned no reverse delivery.');
  await record(ctx, agg, `delivery:${tracking}`, `Shopify reverse delivery ${reverseDeliveryId} (${tracking})`, { reverseDeliveryId });
}

type Transaction = { id: string; kind: string; status: string; amountSet: { shopMoney: { amount: string; currencyCode: string } } };

/** Refunds what we refunded and the Shopify return has not yet, processing its items the first time. */
async function refund(ctx: Ctx, client: ShopifyClient, agg: ReturnAggregate, remote: ShopifyReturn, orderExternalId: string) {
  const currency = agg.ret.currency;
  const ours = agg.events
    .filter((e) => e.type === 'refund')
    .reduce((sum, e) => sum + Number((e.data as { amount?: number })?.amount ?? 0), 0);
  const theirs = (remote.refunds?.nodes ?? []).reduce(
    (sum, r) => sum + (parseMoneyValue(r.totalRefundedSet.shopMoney.amount, currency) ?? 0),
    0,
  );
  const amount = ours - theirs;
  if (amount <= 0) return;
  const { order } = await client.request<{ order: { transactions: Transaction[] } | null }>(ORDER_TRANSACTIONS_QUERY, {
    id: orderExternalId,
  });
  const parent = order?.transactions.find((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS');
  if (!parent) throw new Error('The Shopify order has no successful sale or capture to refund against.');
  const money = { amount: formatMoneyValue(amount, currency), currencyCode: currency };
  const data = await client.request<Payload<'returnProcess'>>(RETURN_PROCESS, {
    input: {
      returnId: remote.id,
      returnLineItems: (remote.returnLineItems?.nodes ?? [])
        .filter((li) => (li.processableQuantity ?? li.quantity) > 0)
        .map((li) => ({ id: li.id, quantity: li.processableQuantity ?? li.quantity })),
      financialTransfer: { issueRefund: { orderTransactions: [{ parentId: parent.id, transactionAmount: money }] } },
      notifyCustomer: false,
    },
  });
  checkUserErrors('returnProcess', data.returnProcess);
  await record(ctx, agg, `refund:${ours}`, `Shopify refund ${money.amount} ${money.currencyCode} on ${remote.id}`, { refunded: ours });
}
