// Exchanges in the local Shopify, on top of FakeShopifyReturns, as Shopify's Admin GraphQL 2025-07+
// documents them: guide "Creating and managing exchanges"
// (shopify.dev/docs/apps/build/orders-fulfillment/returns-apps/manage-exchanges), the reference pages of
// `returnCalculate`, `returnCreate` (ReturnInput.exchangeLineItems), `returnProcess`
// (ReturnProcessInput.exchangeLineItems) and `fulfillmentOrderReleaseHold`, and the changelog
// "Returns Processing APIs replaces Return Refund APIs" (2025-07): exchange fulfillment orders are
// made only when the exchange lines are processed, and held with AWAITING_PAYMENT only when the buyer
// owes a net balance. Variables are coerced against the published schema (FakeShopify);
// userErrors carry `field`, `message` and a ReturnErrorCode / FulfillmentOrderReleaseHoldUserErrorCode.
import { ShopifyQueryError, type FakeShopify } from './fake-shopify.ts';
import type { FakeShopifyReturns } from './fake-shopify-returns.ts';

type ExchangeLine = { id: string; variantId: string; quantity: number; processed: number; lineItems: string[] };
export type FakeFulfillmentOrder = { id: string; status: 'OPEN' | 'ON_HOLD'; holds: { id: string; reason: string }[]; lineItems: string[] };

/** Minor units of a decimal string ("29.95" → 2995). */
const cents = (amount: string) => Math.round(Number(amount) * 100);
const money = (minor: number) => ({ shopMoney: { amount: (minor / 100).toFixed(2), currencyCode: 'EUR' } });

export class FakeShopifyExchanges {
  readonly exchanges = new Map<string, ExchangeLine[]>();
  readonly fulfillmentOrders: FakeFulfillmentOrder[] = [];
  private seq = 9000;
  private readonly fake: FakeShopify;
  private readonly returns: FakeShopifyReturns;
  /** Variant GID → its price in the shop ("34.95"). */
  readonly variants: Map<string, string>;
  /** Fulfillment line item GID → the unit price paid for it. */
  readonly paid: Map<string, string>;

  constructor(fake: FakeShopify, returns: FakeShopifyReturns, variants: Record<string, string>, paid: Record<string, string>) {
    this.fake = fake;
    this.returns = returns;
    this.variants = new Map(Object.entries(variants));
    this.paid = new Map(Object.entries(paid));
  }

  install(): this {
    const f = this.fake;
    const baseCreate = f.handlers.get('returnCreate');
    const baseProcess = f.handlers.get('returnProcess');
    const baseOrder = f.handlers.get('order');
    if (!baseCreate || !baseProcess || !baseOrder) throw new Error('Install FakeShopifyReturns first.');

    f.handle('returnCalculate', (v) => {
      const returned = this.checkReturned(v.input.returnLineItems ?? []);
      if (returned) throw new ShopifyQueryError(returned.message);
      const exchanged = this.checkExchanged(v.input.exchangeLineItems ?? [], ['input', 'exchangeLineItems']);
      if (exchanged) throw new ShopifyQueryError(exchanged.message);
      return {
        returnCalculate: {
          id: `gid://shopify/CalculatedReturn/${++this.seq}`,
          returnLineItems: (v.input.returnLineItems ?? []).map((l: any) => ({
            quantity: l.quantity,
            subtotalSet: money(cents(this.paid.get(l.fulfillmentLineItemId) ?? '0') * l.quantity),
          })),
          exchangeLineItems: (v.input.exchangeLineItems ?? []).map((l: any) => {
            const price = cents(this.variants.get(l.variantId) ?? '0');
            return {
              quantity: l.quantity,
              variant: { id: l.variantId },
              originalUnitPriceSet: money(price),
              subtotalSet: money(price * l.quantity),
              totalTaxSet: money(0),
            };
          }),
        },
      };
    });

    f.handle('returnCreate', (v, request) => {
      const input = v.returnInput;
      const problem =
        this.checkReturned(input.returnLineItems) ??
        this.checkExchanged(input.exchangeLineItems ?? [], ['returnInput', 'exchangeLineItems']);
      if (problem) return { returnCreate: { return: null, userErrors: [problem] } };
      const created = (baseCreate(v, request) as any).returnCreate;
      const lines = (input.exchangeLineItems ?? []).map((l: any) => ({
        id: `gid://shopify/ExchangeLineItem/${++this.seq}`,
        variantId: l.variantId,
        quantity: l.quantity,
        processed: 0,
        lineItems: [],
      }));
      this.exchanges.set(created.return.id, lines);
      return { returnCreate: { return: this.view(created.return.id), userErrors: [] } };
    });

    f.handle('return', (v) => ({ return: this.returns.find(v.id) ? this.view(v.id) : null }));

    f.handle('returnProcess', (v, request) => {
      const lines = this.exchanges.get(v.input.returnId) ?? [];
      for (const [i, li] of (v.input.exchangeLineItems ?? []).entries()) {
        const line = lines.find((l) => l.id === li.id);
        if (!line)
          return {
            returnProcess: {
              return: null,
              userErrors: [err(['input', 'exchangeLineItems', String(i), 'id'], 'Exchange line item not found.', 'NOT_FOUND')],
            },
          };
        if (li.quantity < 1 || li.quantity > line.quantity - line.processed)
          return {
            returnProcess: {
              return: null,
              userErrors: [err(['input', 'exchangeLineItems', String(i), 'quantity'], 'Quantity is not processable.', 'INVALID')],
            },
          };
      }
      const base = (baseProcess(v, request) as any).returnProcess;
      if (base.userErrors.length > 0) return { returnProcess: base };
      const ret = this.returns.find(v.input.returnId);
      const made: string[] = [];
      for (const li of v.input.exchangeLineItems ?? []) {
        const line = lines.find((l) => l.id === li.id) as ExchangeLine;
        line.processed += li.quantity;
        const lineItemId = `gid://shopify/LineItem/${++this.seq}`;
        line.lineItems.push(lineItemId);
        made.push(lineItemId);
      }
      if (made.length > 0 && ret) {
        // The buyer's net balance: the exchange lines at the shop's prices minus the value of what comes back.
        const due =
          lines.reduce((s, l) => s + cents(this.variants.get(l.variantId) ?? '0') * l.quantity, 0) -
          ret.lines.reduce((s, l) => s + cents(this.paid.get(l.fulfillmentLineItemId) ?? '0') * l.quantity, 0);
        const holds = due > 0 ? [{ id: `gid://shopify/FulfillmentHold/${++this.seq}`, reason: 'AWAITING_PAYMENT' }] : [];
        this.fulfillmentOrders.push({
          id: `gid://shopify/FulfillmentOrder/${++this.seq}`,
          status: holds.length > 0 ? 'ON_HOLD' : 'OPEN',
          holds,
          lineItems: made,
        });
      }
      return { returnProcess: { return: this.view(v.input.returnId), userErrors: [] } };
    });

    f.handle('order', (v, request) => {
      const base = (baseOrder(v, request) as any).order;
      return {
        order: {
          ...base,
          returns: { nodes: base.returns.nodes.map((r: any) => this.view(r.id)) },
          fulfillmentOrders: {
            nodes: this.fulfillmentOrders.map((fo) => ({
              id: fo.id,
              status: fo.status,
              fulfillmentHolds: fo.holds,
              lineItems: { nodes: fo.lineItems.map((id) => ({ lineItem: { id } })) },
            })),
          },
        },
      };
    });

    f.handle('fulfillmentOrderReleaseHold', (v) => {
      const fo = this.fulfillmentOrders.find((x) => x.id === v.id);
      if (!fo)
        return {
          fulfillmentOrderReleaseHold: {
            fulfillmentOrder: null,
            userErrors: [err(['id'], 'Fulfillment order does not exist.', 'FULFILLMENT_ORDER_NOT_FOUND')],
          },
        };
      // Without holdIds every hold goes; holds of another fulfillment order are left alone.
      fo.holds = v.holdIds ? fo.holds.filter((h) => !v.holdIds.includes(h.id)) : [];
      if (fo.holds.length === 0) fo.status = 'OPEN';
      return { fulfillmentOrderReleaseHold: { fulfillmentOrder: { id: fo.id, status: fo.status }, userErrors: [] } };
    });
    return this;
  }

  /** A return as the exchange documents select it. */
  view(id: string) {
    const ret = this.returns.find(id);
    if (!ret) return null;
    return {
      ...this.returns.view(ret),
      exchangeLineItems: {
        nodes: (this.exchanges.get(id) ?? []).map((l) => ({
          id: l.id,
          variantId: l.variantId,
          quantity: l.quantity,
          processableQuantity: ret.status === 'OPEN' || ret.status === 'CLOSED' ? l.quantity - l.processed : 0,
          processedQuantity: l.processed,
          lineItems: l.lineItems.map((x) => ({ id: x })),
        })),
      },
    };
  }

  private checkReturned(lines: any[]) {
    if (lines.length === 0) return err(['returnInput', 'returnLineItems'], "Return line items can't be blank.", 'BLANK');
    for (const [i, l] of lines.entries()) {
      const returnable = this.returns.returnable.find((r) => r.fulfillmentLineItemId === l.fulfillmentLineItemId);
      if (!returnable)
        return err(['returnInput', 'returnLineItems', String(i), 'fulfillmentLineItemId'], 'Fulfillment line item not found.', 'NOT_FOUND');
      if (l.quantity < 1 || l.quantity > returnable.quantity)
        return err(['returnInput', 'returnLineItems', String(i), 'quantity'], 'Quantity is not returnable.', 'INVALID');
    }
    return null;
  }

  private checkExchanged(lines: any[], path: string[]) {
    for (const [i, l] of lines.entries()) {
      if (!l.variantId || !this.variants.has(l.variantId))
        return err([...path, String(i), 'variantId'], 'Product variant does not exist.', 'NOT_FOUND');
      if (l.quantity < 1) return err([...path, String(i), 'quantity'], 'Quantity must be greater than 0.', 'GREATER_THAN');
    }
    return null;
  }
}

function err(field: string[], message: string, code: string) {
  return { field, message, code };
}
