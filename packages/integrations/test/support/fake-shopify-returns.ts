// The returns of one order in the local Shopify, kept as state so that every answer reflects what
// was done before (as Shopify's does): returnRequest/returnCreate add a return (REQUESTED/OPEN,
// with a reverse fulfillment order once open), approve/decline/cancel change its status (refusing
// the wrong status with userErrors, as Shopify does), reverse deliveries and returnProcess refunds
// are kept on it, and `return(id)` / `order { returns }` / `order { transactions }` read them back.
import type { FakeShopify } from './fake-shopify.ts';

export type ReturnableLine = { fulfillmentLineItemId: string; lineItemId: string; quantity: number };
type Line = { id: string; fulfillmentLineItemId: string; quantity: number; processed: number; customerNote: string | null; note: string };
export type FakeReturn = {
  id: string;
  name: string;
  orderId: string;
  status: 'REQUESTED' | 'OPEN' | 'DECLINED' | 'CANCELED' | 'CLOSED';
  lines: Line[];
  rfo: { id: string; lineItems: { id: string; totalQuantity: number }[] } | null;
  deliveries: { id: string; tracking: string; fileUrl: string | null }[];
  refunds: { id: string; amount: string; currencyCode: string }[];
};

export class FakeShopifyReturns {
  readonly returns: FakeReturn[] = [];
  private seq = 0;

  private fake: FakeShopify;
  readonly returnable: ReturnableLine[];
  readonly transactions: { id: string; kind: string; status: string; amount: string }[];

  constructor(
    fake: FakeShopify,
    returnable: ReturnableLine[],
    transactions: { id: string; kind: string; status: string; amount: string }[] = [
      { id: 'gid://shopify/OrderTransaction/1', kind: 'AUTHORIZATION', status: 'SUCCESS', amount: '148.90' },
      { id: 'gid://shopify/OrderTransaction/2', kind: 'SALE', status: 'SUCCESS', amount: '148.90' },
    ],
  ) {
    this.fake = fake;
    this.returnable = returnable;
    this.transactions = transactions;
  }

  install(): this {
    const f = this.fake;
    f.handle('returnableFulfillments', () => ({
      returnableFulfillments: {
        nodes: [
          {
            id: 'gid://shopify/ReturnableFulfillment/1',
            returnableFulfillmentLineItems: {
              nodes: this.returnable.map((r) => ({
                quantity: r.quantity,
                fulfillmentLineItem: { id: r.fulfillmentLineItemId, lineItem: { id: r.lineItemId } },
              })),
            },
          },
        ],
      },
    }));
    f.handle('returnRequest', (v) => ({ returnRequest: this.add(v.input.orderId, 'REQUESTED', v.input.returnLineItems, 'customerNote') }));
    f.handle('returnCreate', (v) => ({
      returnCreate: this.add(v.returnInput.orderId, 'OPEN', v.returnInput.returnLineItems, 'returnReasonNote'),
    }));
    f.handle('returnApproveRequest', (v) => ({ returnApproveRequest: this.move(v.input.id, ['REQUESTED'], 'OPEN') }));
    f.handle('returnDeclineRequest', (v) => ({ returnDeclineRequest: this.move(v.input.id, ['REQUESTED'], 'DECLINED') }));
    f.handle('returnCancel', (v) => ({ returnCancel: this.move(v.id, ['REQUESTED', 'OPEN'], 'CANCELED') }));
    f.handle('return', (v) => ({ return: this.find(v.id) ? this.view(this.find(v.id) as FakeReturn) : null }));
    f.handle('order', (v) => ({
      order: {
        id: v.id,
        returns: { nodes: this.returns.filter((r) => r.orderId === v.id).map((r) => this.view(r)) },
        transactions: this.transactions.map((t) => ({
          id: t.id,
          kind: t.kind,
          status: t.status,
          gateway: 'shopify_payments',
          amountSet: { shopMoney: { amount: t.amount, currencyCode: 'EUR' } },
        })),
      },
    }));
    f.handle('reverseDeliveryCreateWithShipping', (v) => {
      const ret = this.returns.find((r) => r.rfo?.id === v.reverseFulfillmentOrderId);
      if (!ret)
        return {
          reverseDeliveryCreateWithShipping: { reverseDelivery: null, userErrors: [error('reverseFulfillmentOrderId', 'not found')] },
        };
      const delivery = {
        id: `gid://shopify/ReverseDelivery/${++this.seq}`,
        tracking: v.trackingInput?.number,
        fileUrl: v.labelInput?.fileUrl ?? null,
      };
      ret.deliveries.push(delivery);
      return { reverseDeliveryCreateWithShipping: { reverseDelivery: { id: delivery.id }, userErrors: [] } };
    });
    f.handle('returnProcess', (v) => {
      const ret = this.find(v.input.returnId);
      if (!ret || ret.status !== 'OPEN') return { returnProcess: { return: null, userErrors: [error('returnId', 'Return is not open.')] } };
      for (const li of v.input.returnLineItems ?? []) {
        const line = ret.lines.find((l) => l.id === li.id);
        if (!line || li.quantity > line.quantity - line.processed) {
          return { returnProcess: { return: null, userErrors: [error('returnLineItems', 'Quantity is not processable.')] } };
        }
        line.processed += li.quantity;
      }
      for (const t of v.input.financialTransfer?.issueRefund?.orderTransactions ?? []) {
        ret.refunds.push({ id: `gid://shopify/Refund/${++this.seq}`, ...t.transactionAmount });
      }
      if (ret.lines.every((l) => l.processed === l.quantity)) ret.status = 'CLOSED';
      return { returnProcess: { return: { id: ret.id, status: ret.status }, userErrors: [] } };
    });
    return this;
  }

  find(id: string): FakeReturn | undefined {
    return this.returns.find((r) => r.id === id);
  }

  private add(orderId: string, status: 'REQUESTED' | 'OPEN', lines: any[], noteField: 'customerNote' | 'returnReasonNote') {
    const n = ++this.seq;
    const ret: FakeReturn = {
      id: `gid://shopify/Return/${n}`,
      name: `#${n}-R${this.returns.length + 1}`,
      orderId,
      status,
      lines: lines.map((l) => ({
        id: `gid://shopify/ReturnLineItem/${++this.seq}`,
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: l.quantity,
        processed: 0,
        customerNote: noteField === 'customerNote' ? (l.customerNote ?? null) : null,
        note: noteField === 'returnReasonNote' ? (l.returnReasonNote ?? '') : '',
      })),
      rfo: null,
      deliveries: [],
      refunds: [],
    };
    if (status === 'OPEN') this.open(ret);
    this.returns.push(ret);
    return { return: this.view(ret), userErrors: [] };
  }

  private open(ret: FakeReturn) {
    ret.rfo = {
      id: `gid://shopify/ReverseFulfillmentOrder/${++this.seq}`,
      lineItems: ret.lines.map((l) => ({ id: `gid://shopify/ReverseFulfillmentOrderLineItem/${++this.seq}`, totalQuantity: l.quantity })),
    };
  }

  private move(id: string, from: FakeReturn['status'][], to: FakeReturn['status']) {
    const ret = this.find(id);
    if (!ret) return { return: null, userErrors: [error('id', 'Return does not exist.')] };
    if (!from.includes(ret.status)) return { return: null, userErrors: [error('id', `Return is ${ret.status.toLowerCase()}.`)] };
    ret.status = to;
    if (to === 'OPEN') this.open(ret);
    return { return: this.view(ret), userErrors: [] };
  }

  /** A return as the documents select it (RETURN_FIELDS). */
  view(r: FakeReturn) {
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      reverseFulfillmentOrders: {
        nodes: r.rfo
          ? [
              {
                id: r.rfo.id,
                lineItems: { nodes: r.rfo.lineItems },
                reverseDeliveries: { nodes: r.deliveries.map((d) => ({ id: d.id, deliverable: { tracking: { number: d.tracking } } })) },
              },
            ]
          : [],
      },
      returnLineItems: {
        nodes: r.lines.map((l) => ({
          id: l.id,
          quantity: l.quantity,
          processableQuantity: r.status === 'OPEN' ? l.quantity - l.processed : 0,
          customerNote: l.customerNote,
          returnReasonNote: l.note,
        })),
      },
      refunds: {
        nodes: r.refunds.map((x) => ({ id: x.id, totalRefundedSet: { shopMoney: { amount: x.amount, currencyCode: x.currencyCode } } })),
      },
    };
  }
}

function error(field: string, message: string) {
  return { field: [field], message, code: 'INVALID' };
}
