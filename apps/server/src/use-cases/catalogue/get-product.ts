// One product of the catalogue with its variants and their stock over all locations.
import type { ProductView } from '@retour/contracts/catalogue';
import { totalAvailable } from '@retour/domain/exchanges';
import { formatMoneyValue } from '@retour/domain/money';
import { getProduct as readProduct } from '@retour/db/repos/catalogue';
import type { Ctx } from '../../context.ts';
import { fail } from '../../errors.ts';

export async function getProduct(ctx: Ctx, merchantId: string, id: string): Promise<ProductView> {
  const p = await readProduct(ctx.db, merchantId, id);
  if (!p) fail('product_not_found', 'There is no product with this id for your account; PUT /api/v1/products answers the ids it stored.');
  return {
    id: p.id,
    source: p.source as ProductView['source'],
    externalId: p.externalId,
    title: p.title,
    vendor: p.vendor,
    productType: p.productType,
    tags: p.tags,
    imageUrl: p.imageUrl,
    updatedAt: p.updatedAt,
    variants: p.variants.map((v) => ({
      id: v.id,
      externalId: v.externalId,
      sku: v.sku,
      title: v.title,
      options: v.options,
      price: { value: formatMoneyValue(v.priceMinor, v.currency), currency: v.currency },
      imageUrl: v.imageUrl,
      available: totalAvailable(v.stock),
    })),
  };
}
