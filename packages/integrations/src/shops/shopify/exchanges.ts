// Exchanges in Shopify (Admin GraphQL 2025-07 and later, see exchange-documents.ts): typed calls
// for quoting, creating, reading, processing an exchange return and releasing the hold on its
// fulfillment order. Decisions (what to create, when to release) belong to the caller.
import type { ShopifyClient } from './client.ts';
import {
  FULFILLMENT_ORDER_RELEASE_HOLD,
  EXCHANGE_RETURN_QUERY,
  ORDER_EXCHANGE_RETURNS_QUERY,
  ORDER_HELD_FULFILLMENT_ORDERS,
  RETURN_CALCULATE,
  RETURN_CREATE_WITH_EXCHANGE,
  RETURN_PROCESS_EXCHANGE,
} from './exchange-documents.ts';
import { checkUserErrors, ShopifyError, type UserError } from './errors.ts';

type Nodes<T> = { nodes: T[] };
type Money = { shopMoney: { amount: string; currencyCode: string } };

export type ExchangeReturn = {
  id: string;
  name: string;
  status: string;
  returnLineItems: Nodes<{
    id: string;
    quantity: number;
    processableQuantity: number;
    customerNote?: string | null;
    returnReasonNote?: string | null;
  }>;
  exchangeLineItems: Nodes<{
    id: string;
    variantId: string | null;
    quantity: number;
    processableQuantity: number;
    processedQuantity: number;
    lineItems: { id: string }[] | null;
  }>;
};

export type ReturnedLine = { fulfillmentLineItemId: string; quantity: number; note: string };
export type ExchangeLine = { variantId: string; quantity: number };

export type ExchangeQuote = {
  returnLineItems: { quantity: number; subtotalSet: Money }[];
  exchangeLineItems: {
    quantity: number;
    variant: { id: string } | null;
    originalUnitPriceSet: Money;
    subtotalSet: Money;
    totalTaxSet: Money;
  }[];
};

export async function calculateExchange(client: ShopifyClient, orderId: string, returned: ReturnedLine[], exchanged: ExchangeLine[]) {
  const data = await client.request<{ returnCalculate: ExchangeQuote | null }>(RETURN_CALCULATE, {
    input: {
      orderId,
      returnLineItems: returned.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: l.quantity })),
      exchangeLineItems: exchanged.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
    },
  });
  if (!data.returnCalculate) throw new ShopifyError('rejected', 'returnCalculate: Shopify returned no quote.');
  return data.returnCalculate;
}

/** Creates the return with its exchange lines at their full price (no discount: the returned items pay for them). */
export async function createExchangeReturn(
  client: ShopifyClient,
  input: { orderId: string; requestedAt: string; returned: ReturnedLine[]; exchanged: ExchangeLine[] },
): Promise<ExchangeReturn> {
  const data = await client.request<{ returnCreate: { return: ExchangeReturn | null; userErrors: UserError[] } | null }>(
    RETURN_CREATE_WITH_EXCHANGE,
    {
      returnInput: {
        orderId: input.orderId,
        requestedAt: input.requestedAt,
        returnLineItems: input.returned.map((l) => ({
          fulfillmentLineItemId: l.fulfillmentLineItemId,
          quantity: l.quantity,
          returnReasonNote: l.note,
        })),
        exchangeLineItems: input.exchanged.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      },
    },
  );
  checkUserErrors('returnCreate', data.returnCreate);
  const created = data.returnCreate?.return;
  if (!created) throw new ShopifyError('rejected', 'returnCreate: Shopify returned no return.');
  return created;
}

export async function getExchangeReturn(client: ShopifyClient, id: string): Promise<ExchangeReturn | null> {
  return (await client.request<{ return: ExchangeReturn | null }>(EXCHANGE_RETURN_QUERY, { id })).return;
}

export async function listOrderExchangeReturns(client: ShopifyClient, orderId: string): Promise<ExchangeReturn[]> {
  const data = await client.request<{ order: { returns: Nodes<ExchangeReturn> } | null }>(ORDER_EXCHANGE_RETURNS_QUERY, { id: orderId });
  return data.order?.returns.nodes ?? [];
}

/** Confirms what is still processable of the return's lines and its exchange lines (no refund: the exchange uses the value). */
export async function processExchange(client: ShopifyClient, ret: ExchangeReturn): Promise<ExchangeReturn> {
  const data = await client.request<{ returnProcess: { return: ExchangeReturn | null; userErrors: UserError[] } | null }>(
    RETURN_PROCESS_EXCHANGE,
    {
      input: {
        returnId: ret.id,
        returnLineItems: ret.returnLineItems.nodes
          .filter((l) => l.processableQuantity > 0)
          .map((l) => ({ id: l.id, quantity: l.processableQuantity })),
        exchangeLineItems: ret.exchangeLineItems.nodes
          .filter((l) => l.processableQuantity > 0)
          .map((l) => ({ id: l.id, quantity: l.processableQuantity })),
        notifyCustomer: false,
      },
    },
  );
  checkUserErrors('returnProcess', data.returnProcess);
  const processed = data.returnProcess?.return;
  if (!processed) throw new ShopifyError('rejected', 'returnProcess: Shopify returned no return.');
  return processed;
}

export type HeldFulfillmentOrder = {
  id: string;
  status: string;
  fulfillmentHolds: { id: string; reason: string }[];
  lineItems: Nodes<{ lineItem: { id: string } }>;
};

export async function listFulfillmentOrders(client: ShopifyClient, orderId: string): Promise<HeldFulfillmentOrder[]> {
  const data = await client.request<{ order: { fulfillmentOrders: Nodes<HeldFulfillmentOrder> } | null }>(ORDER_HELD_FULFILLMENT_ORDERS, {
    id: orderId,
  });
  return data.order?.fulfillmentOrders.nodes ?? [];
}

/** Releases only the holds named (Shopify: releasing all holds of an order may ship it too early). */
export async function releaseHolds(client: ShopifyClient, fulfillmentOrderId: string, holdIds: string[]): Promise<string> {
  const data = await client.request<{
    fulfillmentOrderReleaseHold: { fulfillmentOrder: { id: string; status: string } | null; userErrors: UserError[] } | null;
  }>(FULFILLMENT_ORDER_RELEASE_HOLD, { id: fulfillmentOrderId, holdIds });
  checkUserErrors('fulfillmentOrderReleaseHold', data.fulfillmentOrderReleaseHold);
  return data.fulfillmentOrderReleaseHold?.fulfillmentOrder?.status ?? 'UNKNOWN';
}
