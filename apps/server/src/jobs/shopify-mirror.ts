// The `shopify.mirror` job: mirrors one change of a return into the Shopify order it came from.
// Shopify's ids (return, reverse fulfillment order, line items, reverse delivery) are recorded on
// the return's timeline as staff-only `shop_sync` entries (a `note` event, allowed in every status)
// and read back from there by later steps. A step whose entry exists is not repeated; a step that
// needs an earlier one (approve before the request is mirrored) fails and is retried.
import { formatMoneyValue } from '@retour/domain/money';
import { getRow } from '@retour/db/repos/config';
import { getIntegration } from '@retour/db/repos/integrations';
import { getOrder } from '@retour/db/repos/orders';
import { getReturn, type ReturnAggregate } from '@retour/db/repos/returns';
import { shopifyOrderOfReturn } from '@retour/db/repos/shop-connections';
import type { ShopifyClient } from '@retour/integrations/shops/shopify/client';
import {
  ORDER_TRANSACTIONS_QUERY,
  RETURN_APPROVE_REQUEST,
  RETURN_CANCEL,
  RETURN_CREATE,
  RETURN_DECLINE_REQUEST,
  RETURN_PROCESS,
  RETURN_REQUEST,
  RETURNABLE_FULFILLMENTS_QUERY,
  REVERSE_DELIVERY_CREATE_WITH_SHIPPING,
} from '@retour/integrations/shops/shopify/documents';
import { checkUserErrors, type UserError } from '@retour/integrations/shops/shopify/errors';
import type { Ctx } from '../context.ts';
import { statusToken } from '../emails/status-link.ts';
import { AppError } from '../errors.ts';
import { changeReturn } from '../use-cases/shared/change-return.ts';
import { shopifyClientFor } from '../use-cases/shared/shopify-connection.ts';
import type { MirrorStep } from './shopify-mirror-listener.ts';

type Nodes<T> = { nodes: T[] };
type ShopifyReturn = {
  id: string;
  status: string;
  reverseFulfillmentOrders?: Nodes<{ id: string; lineItems: Nodes<{ id: string; totalQuantity: number }> }>;
  returnLineItems?: Nodes<{ id: string; quantity: number }>;
};
type Payload<K extends string> = Record<K, { return?: ShopifyReturn | null; userErrors: UserError[] } | null>;

/** What earlier steps recorded (later entries win). */
export type SyncState = {
  shopifyReturnId?: string;
  reverseFulfillmentOrderId?: string;
  reverseFulfillmentOrderLineItems?: { id: string; quantity: number }[];
  returnLineItems?: { id: string; quantity: number }[];
  reverseDeliveryId?: string;
  processed?: boolean;
};

export function syncStateOf(agg: ReturnAggregate): SyncState & { done: Set<string> } {
  const state: SyncState & { done: Set<string> } = { done: new Set() };
  for (const e of agg.events) {
    if (e.type !== 'shop_sync' || !e.data) continue;
    const { step, ...data } = e.data as SyncState & { step?: string };
    if (step) state.done.add(step);
    Object.assign(state, data);
  }
  return state;
}

/** Records what Shopify did; retried on a concurrent change, since Shopify has already acted. */
async function record(ctx: Ctx, merchantId: string, returnId: string, key: string, message: string, data: Record<string, unknown>) {
  for (let attempt = 1; ; attempt++) {
    try {
      await changeReturn(ctx, merchantId, returnId, 'shopify', () => ({
        event: { type: 'note' },
        timeline: [{ type: 'shop_sync', message, data, dedupeKey: `shop_sync:${key}` }],
      }));
      return;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict') || attempt >= 5) throw error;
    }
  }
}

function idsOf(ret: ShopifyReturn): SyncState {
  const rfo = ret.reverseFulfillmentOrders?.nodes[0];
  return {
    shopifyReturnId: ret.id,
    ...(rfo
      ? {
          reverseFulfillmentOrderId: rfo.id,
          reverseFulfillmentOrderLineItems: rfo.lineItems.nodes.map((li) => ({ id: li.id, quantity: li.totalQuantity })),
        }
      : {}),
    ...(ret.returnLineItems ? { returnLineItems: ret.returnLineItems.nodes.map((li) => ({ id: li.id, quantity: li.quantity })) } : {}),
  };
}

/** Our returned items as Shopify fulfillment line items (matched by the order item's external id = line item GID). */
async function returnLineItemsOf(ctx: Ctx, client: ShopifyClient, agg: ReturnAggregate, orderExternalId: string) {
  const order = await getOrder(ctx.db, agg.ret.merchantId, agg.ret.orderId);
  const data = await client.request<{
    returnableFulfillments: Nodes<{
      returnableFulfillmentLineItems: Nodes<{ quantity: number; fulfillmentLineItem: { id: string; lineItem: { id: string } } }>;
    }>;
  }>(RETURNABLE_FULFILLMENTS_QUERY, { orderId: orderExternalId });
  const returnable = data.returnableFulfillments.nodes.flatMap((f) => f.returnableFulfillmentLineItems.nodes);
  const used = new Map<string, number>();
  return agg.items.flatMap((item) => {
    const externalId = order?.items.find((i) => i.id === item.orderItemId)?.externalId;
    let left = item.quantity;
    const lines: { fulfillmentLineItemId: string; quantity: number; note: string | null; reason: string }[] = [];
    for (const r of returnable.filter((x) => x.fulfillmentLineItem.lineItem.id === externalId)) {
      const id = r.fulfillmentLineItem.id;
      const quantity = Math.min(left, r.quantity - (used.get(id) ?? 0));
      if (quantity <= 0) continue;
      used.set(id, (used.get(id) ?? 0) + quantity);
      lines.push({ fulfillmentLineItemId: id, quantity, note: item.comment, reason: item.reason });
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

export async function runShopifyMirror(ctx: Ctx, merchantId: string, payload: Record<string, unknown>): Promise<void> {
  const returnId = String(payload.returnId);
  const step = String(payload.step) as MirrorStep;
  const eventId = String(payload.eventId);
  const link = await shopifyOrderOfReturn(ctx.db, merchantId, returnId);
  const agg = await getReturn(ctx.db, merchantId, returnId);
  if (!link || !agg) return;
  const row = await getIntegration(ctx.db, merchantId, link.integrationId);
  if (!row) return;
  const client = shopifyClientFor(ctx, row);
  const state = syncStateOf(agg);
  if (state.done.has(`${step}:${eventId}`)) return;
  const save = (message: string, data: SyncState) =>
    record(ctx, merchantId, returnId, `${step}:${eventId}`, message, { step: `${step}:${eventId}`, ...data });
  const needReturn = (): string => {
    if (!state.shopifyReturnId) throw new Error('The Shopify return is not created yet; retrying after the earlier step.');
    return state.shopifyReturnId;
  };

  switch (step) {
    case 'request':
    case 'create': {
      if (state.shopifyReturnId) return;
      const lines = await returnLineItemsOf(ctx, client, agg, link.orderExternalId);
      let created: ShopifyReturn | null | undefined;
      if (step === 'request') {
        const data = await client.request<Payload<'returnRequest'>>(RETURN_REQUEST, {
          input: {
            orderId: link.orderExternalId,
            returnLineItems: lines.map((l) => ({
              fulfillmentLineItemId: l.fulfillmentLineItemId,
              quantity: l.quantity,
              customerNote: l.note ?? l.reason,
            })),
          },
        });
        checkUserErrors('returnRequest', data.returnRequest);
        created = data.returnRequest?.return;
      } else {
        const data = await client.request<Payload<'returnCreate'>>(RETURN_CREATE, {
          returnInput: {
            orderId: link.orderExternalId,
            requestedAt: agg.ret.createdAt,
            returnLineItems: lines.map((l) => ({
              fulfillmentLineItemId: l.fulfillmentLineItemId,
              quantity: l.quantity,
              returnReasonNote: l.note ?? l.reason,
            })),
          },
        });
        checkUserErrors('returnCreate', data.returnCreate);
        created = data.returnCreate?.return;
      }
      if (!created) throw new Error(`${step}: Shopify returned no return.`);
      Object.assign(state, idsOf(created));
      await save(`Shopify return ${created.id} (${created.status})`, idsOf(created));
      if (step === 'create') await attachLabel(ctx, client, agg, state, eventId);
      return;
    }
    case 'approve': {
      if (!state.shopifyReturnId) {
        // Paid or approved before the request reached Shopify (or the order came later): create it open.
        return runShopifyMirror(ctx, merchantId, { ...payload, step: 'create' });
      }
      const data = await client.request<Payload<'returnApproveRequest'>>(RETURN_APPROVE_REQUEST, {
        input: { id: needReturn(), notifyCustomer: false },
      });
      checkUserErrors('returnApproveRequest', data.returnApproveRequest);
      const approved = data.returnApproveRequest?.return;
      if (approved) Object.assign(state, idsOf(approved));
      await save(`Shopify return ${state.shopifyReturnId} approved`, approved ? idsOf(approved) : {});
      await attachLabel(ctx, client, agg, state, eventId);
      return;
    }
    case 'decline': {
      const data = await client.request<Payload<'returnDeclineRequest'>>(RETURN_DECLINE_REQUEST, {
        input: { id: needReturn(), declineReason: 'OTHER', notifyCustomer: false },
      });
      checkUserErrors('returnDeclineRequest', data.returnDeclineRequest);
      await save(`Shopify return ${state.shopifyReturnId} declined`, {});
      return;
    }
    case 'cancel': {
      if (!state.shopifyReturnId) return; // never reached Shopify: nothing to cancel
      const data = await client.request<Payload<'returnCancel'>>(RETURN_CANCEL, { id: state.shopifyReturnId });
      checkUserErrors('returnCancel', data.returnCancel);
      await save(`Shopify return ${state.shopifyReturnId} cancelled`, {});
      return;
    }
    case 'label':
      // Without a Shopify return yet, its create/approve step attaches the label itself.
      await attachLabel(ctx, client, agg, state, eventId);
      return;
    case 'refund':
      await refund(client, agg, state, link.orderExternalId, needReturn(), payload.detail as { amount?: number } | null, save);
      return;
  }
}

/** Our label and tracking number on Shopify's reverse fulfillment order (once, when known). */
async function attachLabel(ctx: Ctx, client: ShopifyClient, agg: ReturnAggregate, state: SyncState, eventId: string): Promise<void> {
  if (state.reverseDeliveryId || !agg.ret.trackingNumber || !state.reverseFulfillmentOrderId) return;
  const fileUrl = await labelUrlOf(ctx, agg);
  const data = await client.request<{
    reverseDeliveryCreateWithShipping: { reverseDelivery: { id: string } | null; userErrors: UserError[] } | null;
  }>(REVERSE_DELIVERY_CREATE_WITH_SHIPPING, {
    reverseFulfillmentOrderId: state.reverseFulfillmentOrderId,
    reverseDeliveryLineItems: (state.reverseFulfillmentOrderLineItems ?? []).map((li) => ({
      reverseFulfillmentOrderLineItemId: li.id,
      quantity: li.quantity,
    })),
    trackingInput: { number: agg.ret.trackingNumber },
    ...(fileUrl ? { labelInput: { fileUrl } } : {}),
  });
  checkUserErrors('reverseDeliveryCreateWithShipping', data.reverseDeliveryCreateWithShipping);
  const reverseDeliveryId = data.reverseDeliveryCreateWithShipping?.reverseDelivery?.id;
  if (!reverseDeliveryId) throw new Error('reverseDeliveryCreateWithShipping returned no reverse delivery.');
  state.reverseDeliveryId = reverseDeliveryId;
  await record(
    ctx,
    agg.ret.merchantId,
    agg.ret.id,
    `label:${eventId}`,
    `Shopify reverse delivery ${reverseDeliveryId} (${agg.ret.trackingNumber})`,
    {
      step: `label:${eventId}`,
      reverseDeliveryId,
    },
  );
}

type Transaction = { id: string; kind: string; status: string; amountSet: { shopMoney: { amount: string; currencyCode: string } } };

/** A staff refund: processes the returned items (the first time) and refunds against the order's sale. */
async function refund(
  client: ShopifyClient,
  agg: ReturnAggregate,
  state: SyncState,
  orderExternalId: string,
  shopifyReturnId: string,
  detail: { amount?: number } | null,
  save: (message: string, data: SyncState) => Promise<void>,
): Promise<void> {
  const amount = Number(detail?.amount ?? 0);
  const { order } = await client.request<{ order: { transactions: Transaction[] } | null }>(ORDER_TRANSACTIONS_QUERY, {
    id: orderExternalId,
  });
  const parent = order?.transactions.find((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS');
  if (!parent) throw new Error('The Shopify order has no successful sale or capture to refund against.');
  const money = { amount: formatMoneyValue(amount, agg.ret.currency), currencyCode: agg.ret.currency };
  const data = await client.request<Payload<'returnProcess'>>(RETURN_PROCESS, {
    input: {
      returnId: shopifyReturnId,
      returnLineItems: state.processed ? [] : (state.returnLineItems ?? []).map((li) => ({ id: li.id, quantity: li.quantity })),
      financialTransfer: { issueRefund: { orderTransactions: [{ parentId: parent.id, transactionAmount: money }] } },
      notifyCustomer: false,
    },
  });
  checkUserErrors('returnProcess', data.returnProcess);
  await save(`Shopify refund ${money.amount} ${money.currencyCode} on ${shopifyReturnId}`, { processed: true });
}
