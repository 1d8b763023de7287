// Exchanges on a return as staff see them: what the shopper asked for (return_exchanges) and the
// replacement order made in the shop (the `exchange_created` timeline entry, or the staff note of
// a shop that refused it).
import type { MerchantReturn } from '@retour/contracts/returns';
import type { ReturnExchangeRow } from '@retour/db/repos/return-exchanges';
import type { ReturnAggregate } from '@retour/db/repos/returns';
import { moneyOut } from '../use-cases/shared/return-options.ts';

export function staffExchanges(agg: ReturnAggregate, rows: ReturnExchangeRow[]): MerchantReturn['exchanges'] {
  const currency = agg.ret.currency;
  const made = agg.events.find((e) => e.type === 'exchange_created' && e.data);
  const refused = agg.events.find((e) => e.type === 'shop_sync' && e.data?.kind === 'replacement_order' && e.data.failed);
  const d = made?.data ?? {};
  return {
    asked: rows.map((r) => ({
      returnItemId: r.returnItemId,
      kind: r.kind === 'product' ? 'product' : 'variant',
      productTitle: r.productTitle,
      variantTitle: r.variantTitle,
      sku: r.sku,
      quantity: r.quantity,
      unitPrice: moneyOut(r.unitPriceMinor, r.currency),
    })),
    replacementOrder: made
      ? {
          at: made.at,
          provider: d.provider === 'shopify' ? 'shopify' : 'woocommerce',
          orderId: String(d.orderId),
          orderNumber: String(d.orderNumber),
          adminUrl: typeof d.adminUrl === 'string' ? d.adminUrl : null,
          subtotal: moneyOut(Number(d.subtotal ?? 0), currency),
          discount: moneyOut(Number(d.discount ?? 0), currency),
          balance: moneyOut(Number(d.balance ?? 0), currency),
        }
      : null,
    problem: !made && refused ? refused.message : null,
  };
}
