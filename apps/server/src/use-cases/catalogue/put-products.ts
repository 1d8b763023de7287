// PUT /api/v1/products: creates or updates up to 100 products of a shop that is not connected
// (source "api"), all or none in one transaction. Keyed by the merchant's own product and variant
// ids, so the same call again changes nothing; variants left out of a product are removed.
import type { ProductsPutBody, ProductsPutResult } from '@retour/contracts/catalogue';
import { parseMoneyValue } from '@retour/domain/money';
import { type ProductInput, saveProduct } from '@retour/db/repos/catalogue';
import type { Ctx } from '../../context.ts';
import { invalid } from '../../errors.ts';

type ProductBody = ProductsPutBody['products'][number];

/** The variant's name where none is given: its option values ("M / Blue"), else the product's title. */
export function variantTitleOf(title: string | null | undefined, options: { value: string }[], productTitle: string): string {
  if (title) return title;
  return options.length > 0 ? options.map((o) => o.value).join(' / ') : productTitle;
}

function toInput(p: ProductBody): ProductInput {
  return {
    source: 'api',
    externalId: p.id,
    title: p.title,
    vendor: p.vendor ?? null,
    productType: p.productType ?? null,
    tags: p.tags ?? [],
    imageUrl: p.imageUrl ?? null,
    variants: p.variants.map((v) => ({
      externalId: v.id,
      sku: v.sku ?? null,
      title: variantTitleOf(v.title, v.options, p.title),
      options: v.options,
      // The schema checked the value against the currency's decimals.
      priceMinor: parseMoneyValue(v.price.value, v.price.currency) as number,
      currency: v.price.currency,
      imageUrl: v.imageUrl ?? null,
      stock: v.stock.map((s) => ({ locationId: s.locationId, locationName: s.locationName ?? null, available: s.available })),
    })),
  };
}

function checkUnique(products: ProductBody[]): void {
  const seen = new Set<string>();
  products.forEach((p, i) => {
    if (seen.has(p.id)) invalid(['products', i, 'id'], `Product id "${p.id}" appears twice in this request; send each product once.`);
    seen.add(p.id);
    const variants = new Set<string>();
    p.variants.forEach((v, j) => {
      if (variants.has(v.id))
        invalid(['products', i, 'variants', j, 'id'], `Variant id "${v.id}" appears twice in this product; send each variant once.`);
      variants.add(v.id);
      const locations = new Set<string>();
      v.stock.forEach((s, k) => {
        if (locations.has(s.locationId))
          invalid(
            ['products', i, 'variants', j, 'stock', k, 'locationId'],
            `Location "${s.locationId}" appears twice; give one level per location.`,
          );
        locations.add(s.locationId);
      });
      if (v.price.value.startsWith('-')) invalid(['products', i, 'variants', j, 'price', 'value'], 'A price cannot be negative.');
    });
  });
}

export async function putProducts(ctx: Ctx, merchantId: string, body: ProductsPutBody): Promise<ProductsPutResult> {
  checkUnique(body.products);
  const now = ctx.now().toISOString();
  const saved = await ctx.db.transaction().execute(async (tx) => {
    const out: ProductsPutResult['products'] = [];
    for (const p of body.products) {
      const { id, created } = await saveProduct(tx, merchantId, toInput(p), now);
      out.push({ id, externalId: p.id, created });
    }
    return out;
  });
  const created = saved.filter((p) => p.created).length;
  return { products: saved, created, updated: saved.length - created };
}
