// What a shopper may exchange an order item for: the same product's variants with their stock
// (out of stock: listed, not selectable) and, where the portal allows it, products found by a
// search; each with the price difference for the quantity asked. Loaded only when asked, so the
// lookup stays as fast as it was.
import type { ExchangeOptions } from '@retour/contracts/catalogue';
import { availableToExchange, priceDifference, variantSelectable } from '@retour/domain/exchanges';
import { formatMoneyValue } from '@retour/domain/money';
import { findProductIdBySku, getProducts, type ProductWithVariants, searchProductIds } from '@retour/db/repos/catalogue';
import { getOrder } from '@retour/db/repos/orders';
import { reservedQuantities } from '@retour/db/repos/return-exchanges';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';
import { loadEnabledPortal } from '../shared/load-portal.ts';
import { lookupOrderId } from '../shared/lookup-token.ts';
import { exchangeSettingsOf } from './exchange-settings.ts';

/** Products a search shows at most. */
const SEARCH_LIMIT = 12;

export async function getExchangeOptions(
  ctx: Ctx,
  slug: string,
  authorization: string | undefined,
  query: { item: string; quantity: number; q?: string | undefined },
): Promise<ExchangeOptions> {
  const bundle = await loadEnabledPortal(ctx, slug);
  const orderId = lookupOrderId(ctx, bundle, authorization);
  const settings = exchangeSettingsOf(bundle.settings);
  if (!settings.offered) fail('exchange_not_offered', 'This shop does not offer exchanges; choose a refund or store credit instead.');
  const { merchantId } = bundle;
  const order = await getOrder(ctx.db, merchantId, orderId);
  const item = order?.items.find((i) => i.id === query.item);
  if (!order || !item)
    fail('item_not_returnable', 'This item is not part of the order. Look the order up again.', { orderItemId: query.item });
  const currency = order.order.currency;

  const ownId = await findProductIdBySku(ctx.db, merchantId, item.sku);
  const found = query.q && settings.otherProducts ? await searchProductIds(ctx.db, merchantId, query.q, SEARCH_LIMIT) : [];
  const ids = [...(ownId ? [ownId] : []), ...found.filter((id) => id !== ownId)];
  const products = await getProducts(ctx.db, merchantId, ids);
  // The same product first, then the search results in their order.
  const ordered = ids.map((id) => products.find((p) => p.id === id)).filter((p): p is ProductWithVariants => p !== undefined);
  // Stock shown = stock − what open returns' exchanges hold (migration 0020).
  const reserved = await reservedQuantities(
    ctx.db,
    merchantId,
    ordered.flatMap((p) => p.variants.map((v) => v.id)),
  );
  const money = (minor: number) => ({ value: formatMoneyValue(minor, currency), currency });
  return {
    orderItemId: item.id,
    unitPrice: money(item.unitPrice),
    reasons: [...settings.reasons],
    otherProducts: settings.otherProducts,
    products: ordered.map((p) => ({
      id: p.id,
      title: p.title,
      imageUrl: p.imageUrl,
      sameProduct: p.id === ownId,
      // A variant priced in another currency cannot be exchanged on this order.
      variants: p.variants
        .filter((v) => v.currency === currency)
        .map((v) => ({
          id: v.id,
          title: v.title,
          sku: v.sku,
          options: v.options,
          price: money(v.priceMinor),
          imageUrl: v.imageUrl ?? p.imageUrl,
          available: availableToExchange(v.stock, reserved.get(v.id)),
          selectable: variantSelectable(v.stock, query.quantity, reserved.get(v.id)),
          priceDifference: money(
            priceDifference({
              returnedUnitPrice: item.unitPrice,
              newUnitPrice: v.priceMinor,
              quantity: query.quantity,
              band: settings.priceBand,
            }),
          ),
        })),
    })),
  };
}
