// Reads the catalogue bulk result (catalogue-documents.ts) as a stream and puts each product back
// together: variant rows carry the product's id as `__parentId`, inventory level rows the
// variant's (or its inventory item's) id. With groupObjects a product's rows follow it, so a
// product is complete when the next product (or the end of the file) arrives.
import { parseMoneyValue } from '@retour/domain/money';
import { readBulkRows } from './bulk.ts';
import type { ProviderJson } from './orders.ts';
import type { ShopifyProduct } from './products.ts';

export type StockLevel = { locationId: string; locationName: string | null; available: number };
export type BulkProduct = ShopifyProduct & { variants: (ShopifyProduct['variants'][number] & { stock: StockLevel[] })[] };

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

type Building = { product: ProviderJson; variants: ProviderJson[]; levels: Map<string, ProviderJson[]> };

function assemble(b: Building, currency: string): BulkProduct | null {
  const p = b.product;
  if (!text(p.title)) return null;
  const variants = b.variants
    .slice()
    .sort((x, y) => Number(x.position ?? 0) - Number(y.position ?? 0))
    .flatMap((v) => {
      const price = parseMoneyValue(String(v.price ?? ''), currency);
      if (typeof v.id !== 'string' || price === null || price < 0) return [];
      const inventoryRef = typeof v.inventoryItem?.id === 'string' ? (v.inventoryItem.id as string) : null;
      const levels = [...(b.levels.get(v.id) ?? []), ...(inventoryRef ? (b.levels.get(inventoryRef) ?? []) : [])];
      return [
        {
          externalId: v.id,
          sku: text(v.sku),
          title: text(v.title) ?? String(p.title),
          // Shopify's one-variant products have the option "Title" = "Default Title": not an option.
          options: (Array.isArray(v.selectedOptions) ? v.selectedOptions : [])
            .filter((o: ProviderJson) => o.name !== 'Title' && text(o.value))
            .map((o: ProviderJson) => ({ name: String(o.name), value: String(o.value) })),
          priceMinor: price,
          currency,
          imageUrl: text(v.image?.url),
          inventoryRef,
          stock: levels.flatMap((l) => {
            const available = (Array.isArray(l.quantities) ? l.quantities : []).find((q: ProviderJson) => q.name === 'available');
            if (typeof l.location?.id !== 'string' || !Number.isInteger(available?.quantity)) return [];
            return [{ locationId: l.location.id as string, locationName: text(l.location.name), available: available.quantity as number }];
          }),
        },
      ];
    });
  return {
    externalId: String(p.id),
    title: String(p.title).trim(),
    vendor: text(p.vendor),
    productType: text(p.productType),
    tags: (Array.isArray(p.tags) ? p.tags : []).map((t: unknown) => String(t).trim()).filter(Boolean),
    imageUrl: text(p.featuredMedia?.preview?.image?.url),
    variants,
  };
}

/** Yields products one by one (prices in the shop's `currency`); `stats.skipped` counts unusable ones. */
export async function* readBulkProducts(
  url: string,
  timeoutMs: number,
  currency: string,
  stats = { products: 0, skipped: 0, orphans: 0 },
): AsyncGenerator<BulkProduct> {
  let current: Building | null = null;
  /** Ids a level row may name as its parent: the variant's id or its inventory item's. */
  let owners = new Set<string>();
  const finish = function* (b: Building | null) {
    if (!b) return;
    const product = assemble(b, currency);
    if (product) {
      stats.products++;
      yield product;
    } else stats.skipped++;
  };
  for await (const row of readBulkRows(url, timeoutMs)) {
    const parentId = row.__parentId;
    if (typeof parentId !== 'string') {
      yield* finish(current);
      current = { product: row, variants: [], levels: new Map() };
      owners = new Set();
      continue;
    }
    const { __parentId: _p, ...child } = row;
    if (current && parentId === current.product.id) {
      current.variants.push(child);
      if (typeof child.id === 'string') owners.add(child.id);
      if (typeof child.inventoryItem?.id === 'string') owners.add(child.inventoryItem.id);
    } else if (current && owners.has(parentId)) {
      current.levels.set(parentId, [...(current.levels.get(parentId) ?? []), child]);
    } else stats.orphans++;
  }
  yield* finish(current);
}
